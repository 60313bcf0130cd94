"""axe-core in the browser on every page type: no serious or critical violation (WCAG 2.1 AA)."""

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, login, screenshot, serious_accessibility_violations

pytestmark = pytest.mark.e2e


def test_login_page_has_no_serious_accessibility_violations(page):
    page.goto("/accounts/login/")
    assert serious_accessibility_violations(page) == []


def test_home_page_has_no_serious_accessibility_violations(page):
    login(page, OFFICER)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    assert serious_accessibility_violations(page) == []


def test_english_home_page_has_no_serious_accessibility_violations(page):
    login(page, OFFICER, next_path="/en/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    screenshot(page, "home-en")
    assert serious_accessibility_violations(page) == []


# Every page type of the site, as "app_label.ModelName"; a type with no page yet is skipped.
PAGE_TYPES = [
    "cases.CaseIndexPage",
    "cases.CasePage",
    "toolbox.ToolboxPage",
    "toolbox.PhasePage",
    "toolbox.ToolPage",
    "toolbox.GlossaryPage",
    "toolbox.SourcesPage",
    "courses.CourseIndexPage",
    "courses.CoursePage",
    "courses.ModulePage",
    "courses.LessonPage",
    "erfa.ErfaIndexPage",
    "erfa.ErfaDayPage",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_serious_accessibility_violations(page, page_url, page_type):
    url = page_url(page_type)
    if url is None:
        pytest.skip(f"no {page_type} in the catalogue")
    login(page, OFFICER, next_path=url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, page_type.split(".")[1])
    assert serious_accessibility_violations(page) == []


# The search page in its three states: results with the type, phase and district filters (and
# pagination), a phase filter chosen, and nothing found (suggestions and help links).
SEARCH_PAGES = [
    ("results", "/search/?q=tryghed", "resultater"),
    ("filtered", "/search/?q=tryghed&type=case", "resultat"),
    ("no-results", "/search/?q=natteliw", "Mente du"),
]


@pytest.mark.parametrize(
    ("name", "url", "text"), SEARCH_PAGES, ids=[name for name, _url, _text in SEARCH_PAGES]
)
def test_search_page_has_no_serious_accessibility_violations(page, name, url, text):
    login(page, OFFICER, next_path=url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    expect(page.locator("main")).to_contain_text(text)
    if name == "results":
        for facet in ("Type", "Fase", "Politikreds"):
            expect(page.get_by_role("navigation", name=facet)).to_be_visible()
        expect(page.locator(".search-hit mark").first).to_be_visible()
    screenshot(page, f"search-{name}")
    assert serious_accessibility_violations(page) == []
