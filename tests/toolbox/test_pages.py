import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from toolbox.models import PhasePage, ToolPage

from .conftest import PHASES, add_tool


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def tools(phases):
    return [
        add_tool(phase, f"vaerktoej-{phase.number}", f"Værktøj i fase {phase.number}") for phase in phases
    ]


def test_toolbox_page_shows_the_seven_phases_as_an_accessible_diagram(client_learner, toolbox, phases):
    soup = soup_of(client_learner.get(toolbox.url))

    figure = soup.find("figure", class_="phase-diagram")
    caption = figure.figcaption.get_text(" ", strip=True)
    assert "De 7 faser" in caption
    assert figure["aria-labelledby"] == figure.figcaption.h2["id"]
    items = figure.select("ol > li")
    assert len(items) == 7
    for number, (item, (slug, title)) in enumerate(zip(items, PHASES, strict=True), start=1):
        link = item.a
        # The link's text is its accessible name: number and name of the phase, no picture needed.
        assert link.get_text(" ", strip=True).endswith(f"Fase {number}: {title}")
        assert link["href"] == f"/vaerktoejskassen/{slug}/"
        svg = link.svg
        assert svg["aria-hidden"] == "true" and svg["focusable"] == "false"


def test_phase_page_shows_its_facts_tools_and_neighbours(client_learner, phases, tools):
    soup = soup_of(client_learner.get(phases[1].url))

    assert soup.h1.get_text() == "Kortlægning"
    assert "Fase 2" in soup.find(class_="phase-kicker").get_text()
    assert "Den interne, tværfaglige arbejdsgruppe" in soup.find(class_="phase-facts").get_text()
    tool_links = [a.get_text() for a in soup.select("#vaerktoejer ~ ul a")]
    assert tool_links == ["Værktøj i fase 2"]
    pager = soup.find("nav", class_="phase-pager")
    assert pager.find("a", rel="prev")["href"] == "/vaerktoejskassen/opstart/"
    assert pager.find("a", rel="next")["href"] == "/vaerktoejskassen/analysemodul/"


def test_first_and_last_phase_have_one_neighbour(client_learner, phases):
    first = soup_of(client_learner.get(phases[0].url)).find("nav", class_="phase-pager")
    last = soup_of(client_learner.get(phases[-1].url)).find("nav", class_="phase-pager")

    assert first.find("a", rel="prev") is None and first.find("a", rel="next")
    assert last.find("a", rel="next") is None and last.find("a", rel="prev")


def test_tool_page_shows_steps_in_order(client_learner, phases):
    tool = add_tool(
        phases[2],
        "analysemodul",
        "Analysemodulet",
        steps=[
            {
                "type": "step",
                "value": {"title": "Synliggør data", "text": "<p>Kort.</p>", "tip": "Brug kort."},
            },
            {"type": "step", "value": {"title": "Find mønstre", "text": "<p>Grupper.</p>", "tip": ""}},
            {"type": "checklist", "value": {"title": "Klar, når", "items": ["Data er samlet"]}},
        ],
    )

    soup = soup_of(client_learner.get(tool.url))

    steps = soup.select("ol.tool-steps > li h3")
    assert [h.get_text() for h in steps] == ["Synliggør data", "Find mønstre"]
    assert "Tip fra praksis" in soup.select_one("ol.tool-steps").get_text()
    assert soup.find("h3", string="Klar, når")
    assert soup.find(class_="phase-kicker").a["href"] == phases[2].url


def test_tool_stores_its_phase_number_and_follows_a_renumbered_phase(phases):
    tool = add_tool(phases[3], "dialogguide")
    assert tool.phase_number == 4
    assert tool.search_meta() == "Værktøj · Fase 4"
    assert phases[3].search_meta() == "Fase 4 · Aktørinvolvering"

    phase = PhasePage.objects.get(pk=phases[3].pk)
    phase.number = 8 - 4  # unchanged number keeps the tool as it is
    phase.save()
    assert ToolPage.objects.get(pk=tool.pk).phase_number == 4

    PhasePage.objects.filter(pk=phases[6].pk).update(number=9)  # free number 7 … then take it
    phase.number = 7
    phase.save()
    assert ToolPage.objects.get(pk=tool.pk).phase_number == 7


def test_phase_number_is_unique_per_language(phases):
    duplicate = PhasePage(
        title="Endnu en opstart", slug="endnu-en", number=1, summary="x", purpose="<p>x</p>"
    )
    duplicate.locale_id = phases[0].locale_id

    with pytest.raises(ValidationError) as error:
        duplicate.clean()
    assert "number" in error.value.message_dict


@pytest.mark.parametrize(
    "path", ["/vaerktoejskassen/", "/vaerktoejskassen/opstart/", "/vaerktoejskassen/ordbog/"]
)
def test_anonymous_visitor_is_sent_to_login(client, phases, glossary_page, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_specialist_publishes_a_new_tool_in_the_admin(client_specialist, phases):
    url = reverse("wagtailadmin_pages:add", args=("toolbox", "toolpage", phases[0].pk))
    data = nested_form_data(
        {
            "title": "Opstartsmøde",
            "slug": "opstartsmoede",
            "summary": "Det første møde i arbejdsgruppen.",
            "purpose": rich_text("<p>Aftal rammen for arbejdet.</p>"),
            "when_to_use": rich_text(""),
            "who_uses": "Arbejdsgruppen",
            "time_needed": "2 timer",
            "steps": streamfield(
                [("step", {"title": "Aftal rammen", "text": rich_text("<p>Hvem og hvornår.</p>"), "tip": ""})]
            ),
            "templates": inline_formset([]),
            "action-publish": "publish",
        }
    )

    response = client_specialist.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    tool = ToolPage.objects.get(slug="opstartsmoede")
    assert tool.live and tool.phase_number == 1
    assert tool.steps[0].value["title"] == "Aftal rammen"


def test_a_specialist_publishes_a_new_phase_in_the_admin(client_specialist, toolbox):
    url = reverse("wagtailadmin_pages:add", args=("toolbox", "phasepage", toolbox.pk))
    data = nested_form_data(
        {
            "title": "Opstart",
            "slug": "opstart",
            "number": "1",
            "summary": "Sikr, at metoden er relevant.",
            "run_by": "arbejdsgruppe",
            "duration": "2–4 uger",
            "purpose": rich_text("<p>Første fase.</p>"),
            "outputs": rich_text(""),
            "pitfalls": rich_text(""),
            "action-publish": "publish",
        }
    )

    response = client_specialist.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert PhasePage.objects.get(slug="opstart").number == 1


def test_glossary_and_sources_pages_render(client_learner, glossary_page, sources_page, terms):
    from toolbox.models import Source

    Source.objects.create(title="Forskningsreview om samskabelse", authors="Agger, A. & Tortzen, A. (2015)")

    glossary = soup_of(client_learner.get(glossary_page.url))
    sources = soup_of(client_learner.get(sources_page.url))

    assert glossary.find(id="begreb-aktoer")
    assert "Agger, A. & Tortzen, A. (2015)" in sources.find("main").get_text()


def test_a_specialist_publishes_the_method_glossary_and_sources_pages(client_specialist, home_page):
    from toolbox.models import GlossaryPage, SourcesPage, ToolboxPage

    def create(model_name, parent, **fields):
        url = reverse("wagtailadmin_pages:add", args=("toolbox", model_name, parent.pk))
        response = client_specialist.post(url, nested_form_data({**fields, "action-publish": "publish"}))
        assert response.status_code == 302, response.content.decode()[:3000]

    create(
        "toolboxpage",
        home_page,
        title="Værktøjskassen",
        slug="vaerktoejskassen",
        intro=rich_text("<p>Co-creation er samskabelse.</p>"),
        when_it_fits=rich_text(""),
        phases_intro=rich_text(""),
        roles=streamfield([]),
        tracks=streamfield([]),
        value_creation=rich_text(""),
        key_lessons=streamfield(
            [("lesson", {"title": "Styring og ejerskab", "text": rich_text("<p>Flad.</p>")})]
        ),
        goal_setting=rich_text(""),
    )
    toolbox = ToolboxPage.objects.get(slug="vaerktoejskassen")
    create("glossarypage", toolbox, title="Ordbog", slug="ordbog", intro=rich_text(""))
    create("sourcespage", toolbox, title="Kilder", slug="kilder", intro=rich_text(""))

    assert GlossaryPage.objects.child_of(toolbox).live().exists()
    assert SourcesPage.objects.child_of(toolbox).live().exists()
    assert toolbox.key_lessons[0].value["title"] == "Styring og ejerskab"


def test_editor_adds_a_glossary_term_in_the_admin(client_editor, glossary_page):
    from toolbox.models import GlossaryTerm

    response = client_editor.post(
        reverse("wagtailsnippets_toolbox_glossaryterm:add"),
        nested_form_data(
            {
                "term": "Tryghedsvandring",
                "slug": "tryghedsvandring",
                "short_definition": "en fælles gåtur, hvor aktørerne ser på stedets tryghed.",
                "description": rich_text(""),
                "text_forms": "",
                "related_page": "",
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert GlossaryTerm.objects.get(slug="tryghedsvandring").locale.language_code == "da"
