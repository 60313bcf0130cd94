"""The one access rule (home/access.py) on the surfaces that render pages they do not list
themselves: a tool restricted to a group, after its English translation exists, is gone from a
lesson's tool card, a rich-text link, the lesson outline and progress, the initiative workspace,
the glossary, and from search in both languages (the English translation's words included);
a member of the group sees it everywhere. tests/security/test_access_everywhere.py crawls the
whole catalogue for the same rule."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from courses.models import Certificate, CoursePage, ModulePage
from home.access import may_open, openable, readable
from tests.conftest import add_page, make_user, restrict_to_group, translate_to_english
from tests.courses.conftest import add_lesson
from toolbox.models import ToolPage

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Analysenotatet om hashmiljøet"
SECRET_WORD = "kvartalsrapporteringsskabelon"


@pytest.fixture
def analysts(db):
    return Group.objects.create(name="Analytikere")


@pytest.fixture
def analyst(analysts, district):
    return make_user("analytiker@politi.dk", analysts, district=district)


@pytest.fixture
def secret_tool(phases, english, analysts):
    """A tool with a word no other page has, translated to English, then restricted (as an editor
    restricts the Danish page in the admin after the translation exists)."""
    tool = add_page(
        phases[1],
        ToolPage(
            title=SECRET_TITLE,
            slug="analysenotat",
            summary="Kun for analytikerne.",
            purpose=f"<p>Udfyld {SECRET_WORD} hvert kvartal.</p>",
        ),
    )
    translate_to_english(tool, english)
    restrict_to_group(tool, analysts)
    return tool


@pytest.fixture
def lesson_with_references(home_page, secret_tool):
    from courses.models import CourseIndexPage

    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse"))
    course = add_page(
        index,
        CoursePage(
            title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>Grundkursus</p>"
        ),
    )
    module = add_page(course, ModulePage(title="Metoden", slug="metoden"))
    lesson = add_lesson(
        module,
        1,
        body=[
            ("tool_reference", {"tool": secret_tool, "note": "Brug det i analysen."}),
            (
                "text",
                f'<p>Se <a linktype="page" id="{secret_tool.pk}">det fortrolige notat</a> her.</p>',
            ),
        ],
    )
    return course, lesson


def test_the_rule_answers_for_the_page_and_every_translation(secret_tool, learner, analyst, english):
    english_tool = secret_tool.get_translation(english)
    for page in (secret_tool, english_tool):
        assert not may_open(page, learner) and not readable(page, learner)
        assert may_open(page, analyst) and readable(page, analyst)
    assert openable([secret_tool, english_tool, secret_tool.get_parent()], learner) == [
        secret_tool.get_parent()
    ]


def test_a_lesson_hides_the_card_and_the_link_of_a_restricted_tool(
    client, learner, analyst, lesson_with_references
):
    _course, lesson = lesson_with_references
    client.force_login(learner)
    html = client.get(lesson.url).text
    assert "Lektion 1" in html  # the lesson itself renders
    assert SECRET_TITLE not in html and "Kun for analytikerne." not in html
    assert secret_tool_url(lesson_with_references) not in html
    assert "det fortrolige notat" in html  # the author's words stay, as plain text
    client.force_login(analyst)
    html = client.get(lesson.url).text
    assert SECRET_TITLE in html and f'href="{secret_tool_url(lesson_with_references)}"' in html


def secret_tool_url(lesson_with_references):
    return ToolPage.objects.get(slug="analysenotat", locale__language_code="da").url


def test_a_restricted_lesson_leaves_the_outline_and_the_progress(
    client, learner, analysts, lesson_with_references
):
    course, lesson = lesson_with_references
    module = ModulePage.objects.child_of(course).get()
    open_lesson = add_lesson(module, 2)
    restrict_to_group(lesson, analysts)
    client.force_login(learner)
    html = client.get(course.url).text
    assert "Lektion 2" in html and lesson.url not in html
    assert "Lektion 1" not in html
    assert "0 af 1 aktiviteter" in html
    client.post(f"{open_lesson.url}gennemfoert/")
    # The one lesson the learner may open is the whole course for them: done, certificate issued.
    assert "1 af 1 aktiviteter gennemført (100 %)" in client.get(course.url).text
    assert Certificate.objects.filter(user=learner).exists()


def test_search_in_both_languages_finds_nothing_of_a_restricted_translated_tool(
    client, learner, analyst, secret_tool
):
    client.force_login(learner)
    for prefix in ("", "/en"):
        for url in (f"{prefix}/search/", f"{prefix}/api/search/", f"{prefix}/search/autocomplete/"):
            for query in (SECRET_WORD, "Analysenotatet"):
                body = client.get(url, {"q": query}).text
                assert SECRET_TITLE not in body and SECRET_WORD not in body.replace(query, ""), (url, query)
                assert "analysenotat" not in body.replace(query.lower(), ""), (url, query)
    client.force_login(analyst)
    for prefix in ("", "/en"):
        titles = [
            hit["title"] for hit in client.get(f"{prefix}/api/search/", {"q": SECRET_WORD}).json()["results"]
        ]
        assert SECRET_TITLE in titles, prefix


def test_the_initiative_workspace_and_the_glossary_leave_out_a_restricted_tool(
    client, learner, analyst, secret_tool
):
    from initiatives.models import Initiative, Membership

    initiative = Initiative.objects.create(
        name="Tryg i Aalborg Øst",
        district=learner.district,
        challenge="Hvordan skaber vi sammen tryghed i Aalborg Øst?",
        anchor_person=learner,
        created_by=learner,
    )
    Membership.objects.create(initiative=initiative, user=learner)
    Membership.objects.create(initiative=initiative, user=analyst)
    client.force_login(learner)
    html = client.get(f"/initiativer/{initiative.pk}/fase/2/").text
    assert SECRET_TITLE not in html and secret_tool.url not in html
    client.force_login(analyst)
    assert SECRET_TITLE in client.get(f"/initiativer/{initiative.pk}/fase/2/").text


def test_the_glossary_links_a_term_to_its_tool_only_for_readers_who_may_open_it(
    client, learner, analyst, toolbox, secret_tool, danish
):
    from toolbox.models import GlossaryPage, GlossaryTerm

    glossary = add_page(toolbox, GlossaryPage(title="Ordbog", slug="ordbog"))
    GlossaryTerm.objects.create(
        locale=danish,
        term="Analysenotat",
        slug="analysenotat",
        short_definition="Et notat om et miljø.",
        related_page=Page.objects.get(pk=secret_tool.pk),
    )
    client.force_login(learner)
    html = client.get(glossary.url).text
    assert "Analysenotat" in html and secret_tool.url not in html and SECRET_TITLE not in html
    client.force_login(analyst)
    assert secret_tool.url in client.get(glossary.url).text
