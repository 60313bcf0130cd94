"""A phase or tool page shows, automatically, the cases that reached or point to it, the lessons
that link to it, and panels other apps register (ERFA experiences)."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from wagtail import hooks

from .conftest import add_page, add_tool


def section_links(response, section_id):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.find(id=section_id).find_parent("section").select("a")]


def lesson_linking_to(home_page, *pages, title, slug):
    """A published lesson whose text links to each of ``pages``."""
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

    index = CourseIndexPage.objects.first() or add_page(
        home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse")
    )
    course = CoursePage.objects.first() or add_page(
        index, CoursePage(title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>x</p>")
    )
    module = ModulePage.objects.first() or add_page(course, ModulePage(title="Metoden", slug="metoden"))
    links = " ".join(f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in pages)
    return add_page(module, LessonPage(title=title, slug=slug, body=[("text", f"<p>Læs {links}.</p>")]))


needs_courses = pytest.mark.skipif(
    not apps.is_installed("courses") or "lessonpage" not in apps.get_app_config("courses").models,
    reason="courses.LessonPage not on this branch yet",
)
needs_cases = pytest.mark.skipif(
    "casephaselink" not in apps.get_app_config("cases").models, reason="cases models not on this branch yet"
)


@needs_courses
def test_phase_and_tool_pages_list_the_lessons_linking_to_them(client_learner, home_page, phases):
    tool = add_tool(phases[1], "kortlaegningsplan", "Kortlægningsplan")
    # Seen before the lessons exist: publishing a lesson must refresh the cached page.
    assert section_links(client_learner.get(phases[1].url), "relaterede-lektioner") == []
    lesson_linking_to(home_page, phases[1], tool, title="Sådan kortlægger I", slug="kortlaeg")
    lesson_linking_to(home_page, phases[2], title="Analysen", slug="analysen")

    assert section_links(client_learner.get(phases[1].url), "relaterede-lektioner") == ["Sådan kortlægger I"]
    assert section_links(client_learner.get(tool.url), "relaterede-lektioner") == ["Sådan kortlægger I"]
    assert section_links(client_learner.get(phases[0].url), "relaterede-lektioner") == []


@needs_cases
def test_phase_page_lists_cases_that_reached_or_link_to_it(client_learner, home_page, district, phases):
    from cases.models import CaseIndexPage, CasePage, CasePhaseLink, CaseToolLink

    index = add_page(home_page, CaseIndexPage(title="Cases", slug="cases"))

    def case(title, slug, phase_reached):
        return add_page(
            index,
            CasePage(
                title=title,
                slug=slug,
                district=district,
                place="Aalborg",
                summary="Et initiativ.",
                challenge="En udfordring.",
                phase_reached=phase_reached,
            ),
        )

    aalborg = case("Et trygt natteliv i Aalborg", "aalborg", 7)
    farum = case("Fælles om Farum", "farum", 6)
    case("Hjørring – Fri for Indbrud", "hjoerring", 5)
    tool = add_tool(phases[1], "kortlaegningsplan", "Kortlægningsplan")
    CasePhaseLink.objects.create(case=farum, phase=phases[1], note="Kortlægningen i Farum Midtpunkt.")
    CaseToolLink.objects.create(case=aalborg, tool=tool, note="Brugt til at høre taxaerne.")

    assert section_links(client_learner.get(phases[1].url), "relaterede-cases") == ["Fælles om Farum"]
    assert section_links(client_learner.get(phases[6].url), "relaterede-cases") == [
        "Et trygt natteliv i Aalborg"
    ]
    assert section_links(client_learner.get(tool.url), "relaterede-cases") == ["Et trygt natteliv i Aalborg"]


def test_other_apps_add_panels_to_phase_and_tool_pages(client_learner, phases, tmp_path, settings):
    template = tmp_path / "erfa_panel.html"
    template.write_text(
        '<section class="panel"><h2>Erfaringer fra ERFA-dage</h2><p>{{ panel.text }}</p></section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    tool = add_tool(phases[3], "dialogguide", "Dialogguide")
    seen = []

    def erfa_panel(request, page):
        seen.append(page.pk)
        return (
            {"template": "erfa_panel.html", "text": f"Erfaring om {page.title}"}
            if page.pk == tool.pk
            else None
        )

    with hooks.register_temporarily("register_toolbox_page_panels", erfa_panel):
        tool_html = client_learner.get(tool.url).content.decode()
        phase_html = client_learner.get(phases[3].url).content.decode()

    assert "Erfaring om Dialogguide" in tool_html
    assert "Erfaringer fra ERFA-dage" not in phase_html
    assert seen == [tool.pk, phases[3].pk]
