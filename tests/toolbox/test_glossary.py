"""Glossary terms in running text: marked once per page, never inside links or headings, with the
short definition reachable from the keyboard and by screen readers, and a link to the glossary."""

from bs4 import BeautifulSoup
from django.template import Context, Template

from toolbox.glossary import mark_terms
from toolbox.models import GlossaryTerm

from .conftest import add_tool


def marked(html, marked_terms=None):
    return BeautifulSoup(
        str(mark_terms(html, set() if marked_terms is None else marked_terms, "da")), "html.parser"
    )


def defined_terms(soup):
    return [dfn.get_text() for dfn in soup.select("dfn.term")]


def test_first_occurrence_of_each_term_is_marked_with_link_and_definition(terms):
    soup = marked("<p>Ankerpersonen taler med aktørerne. Ankerpersonen skriver referatet.</p>")

    assert defined_terms(soup) == ["Ankerpersonen", "aktørerne"]
    link = soup.select_one("dfn.term a")
    assert link["href"] == "/vaerktoejskassen/ordbog/#begreb-ankerperson"
    description = soup.find(id=link["aria-describedby"])
    assert "repræsenterer den fælles udfordring" in description.get_text()
    assert description["role"] == "tooltip"
    # The second "Ankerpersonen" stays plain text.
    assert soup.get_text().count("Ankerpersonen") == 2


def test_terms_are_never_marked_inside_links_headings_or_existing_markup(terms):
    soup = marked(
        "<h2>Ankerperson</h2>"
        '<p><a href="/x/">Ankerpersonen</a> og <abbr title="x">Aktør</abbr>, '
        '<img alt="Ankerperson" src="/a.png"></p>'
        "<p>Her er Ankerpersonen og aktøren.</p>"
    )

    assert soup.h2.find("dfn") is None
    assert soup.a.get_text() == "Ankerpersonen" and soup.a.find("dfn") is None
    assert soup.abbr.find("dfn") is None
    assert soup.img["alt"] == "Ankerperson"
    assert defined_terms(soup) == ["Ankerpersonen", "aktøren"]
    assert not any(dfn.find_parent(["h2", "abbr"]) for dfn in soup.select("dfn.term"))


def test_compounds_and_other_words_are_not_terms(terms):
    soup = marked("<p>Aktørkredsen bruger tid på det, og hvem bruger værktøjet?</p>")

    assert defined_terms(soup) == []


def test_text_forms_replace_the_term_when_it_is_also_an_ordinary_word(terms):
    soup = marked("<p>Hvem bruger det? Arbejdsgruppens medlemmer bliver brugere af metoden.</p>")

    assert defined_terms(soup) == ["brugere"]


def test_terms_marked_in_one_body_are_not_marked_again_in_the_next(terms):
    already = set()
    first = marked("<p>Ankerpersonen</p>", already)
    second = marked("<p>Ankerpersonen og aktørerne</p>", already)

    assert defined_terms(first) == ["Ankerpersonen"]
    assert defined_terms(second) == ["aktørerne"]


def test_escaped_characters_stay_escaped(terms):
    html = str(mark_terms("<p>Ankerperson &amp; politi &lt;script&gt;</p>", set(), "da"))

    assert html.endswith("</span></span> &amp; politi &lt;script&gt;</p>")
    assert "<script>" not in html


def test_filter_marks_each_term_once_per_page_across_bodies(client_learner, phases, terms):
    tool = add_tool(
        phases[0],
        "ankerperson",
        purpose="<p>Ankerpersonen sikrer sammenhæng.</p>",
        steps=[
            {
                "type": "step",
                "value": {
                    "title": "Ankerpersonen udpeges",
                    "text": "<p>Ankerpersonen taler med hver aktør.</p>",
                    "tip": "",
                },
            }
        ],
    )

    soup = BeautifulSoup(client_learner.get(tool.url).content, "html.parser")
    main = soup.find("main")

    assert [dfn.get_text() for dfn in main.select("dfn.term")] == ["Ankerpersonen", "aktør"]
    assert main.find("h3", string="Ankerpersonen udpeges").find("dfn") is None
    # Every description the page points at exists exactly once.
    ids = [link["aria-describedby"] for link in main.select("dfn.term a")]
    assert all(len(main.find_all(id=i)) == 1 for i in ids)


def test_changing_a_term_refreshes_the_cached_markup(terms):
    assert "repræsenterer" in marked("<p>Ankerperson</p>").get_text()

    term = GlossaryTerm.objects.get(slug="ankerperson")
    term.short_definition = "er politiets gennemgående kontakt i initiativet."
    term.save()

    assert "politiets gennemgående kontakt" in marked("<p>Ankerperson</p>").get_text()


def test_filter_is_available_to_other_apps_templates(terms):
    template = Template("{% load glossary_tags %}{{ body|glossary }}")

    soup = BeautifulSoup(template.render(Context({"body": "<p>Ankerpersonen</p>"})), "html.parser")

    assert soup.select_one("dfn.term a")["href"] == "/vaerktoejskassen/ordbog/#begreb-ankerperson"


def test_nothing_is_marked_without_a_glossary_page(db):
    html = "<p>Ankerpersonen</p>"

    assert str(mark_terms(html, set(), "da")) == html


def test_glossary_page_lists_terms_a_to_aa_with_anchors(client_learner, terms):
    from .conftest import make_term

    make_term("Ølejr", "oelejr", "et ord, der begynder med Ø.")
    make_term("Zone", "zone", "et ord, der begynder med Z.")

    soup = BeautifulSoup(client_learner.get("/vaerktoejskassen/ordbog/").content, "html.parser")

    letters = [a.get_text() for a in soup.select(".glossary-letters a")]
    assert letters == ["A", "B", "Z", "Ø"]
    entry = soup.find(id="begreb-ankerperson")
    assert entry.dfn.get_text() == "Ankerperson"
    assert "repræsenterer den fælles udfordring" in entry.get_text()
