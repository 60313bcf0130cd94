"""Every page on a phone (320 and 390 px wide): nothing wider than the screen, so nobody scrolls
sideways; the case catalogue shows its results in one column with the filters folded away."""

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, login, screenshot
from .test_accessibility import PAGE_TYPES

pytestmark = pytest.mark.e2e

PHONE_WIDTHS = [320, 390]

# Views that are not pages, as a signed-in officer reaches them.
VIEWS = ["/", "/learning/", "/erfa-posts/", "/erfa-posts/ny/", "/search/?q=tryghed", "/findes-ikke/"]


def _page_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth")


def _wider_than_screen(page):
    """The elements that reach past the right edge (to say what overflows when the test fails)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('main *, header *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className);
        }"""
    )


@pytest.fixture
def phone(open_tab):
    def open_at(width):
        tab = open_tab()
        tab.set_viewport_size({"width": width, "height": 800})
        login(tab, OFFICER)
        return tab

    return open_at


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_page_type_scrolls_sideways_on_a_phone(phone, page_url, width):
    tab = phone(width)
    for page_type in PAGE_TYPES:
        url = page_url(page_type)
        if url is None:
            continue
        tab.goto(url)
        assert _page_width(tab) <= width, (page_type, url, _wider_than_screen(tab))
    for url in VIEWS:
        tab.goto(url)
        assert _page_width(tab) <= width, (url, _wider_than_screen(tab))


def test_case_catalogue_on_a_phone_shows_results_first_in_one_column(phone, page_url):
    tab = phone(390)
    tab.goto(page_url("cases.CaseIndexPage"))
    fold = tab.locator("details.case-filters__fold")
    expect(fold).not_to_have_attribute("open", "")
    expect(tab.get_by_role("checkbox").first).to_be_hidden()
    cards = tab.locator(".card-grid > li")
    assert cards.count() >= 2
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1, "the cards stand side by side"
    assert first["x"] + first["width"] <= 390
    screenshot(tab, "phone-390-case-index")
    # Opened, the filters are all there and still fit the screen.
    tab.get_by_text("Filtre og sortering").click()
    expect(tab.get_by_role("checkbox").first).to_be_visible()
    assert _page_width(tab) <= 390
    screenshot(tab, "phone-390-case-index-filters-open")


def test_case_catalogue_on_a_desktop_shows_the_filters_beside_the_results(page, page_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, OFFICER, next_path=page_url("cases.CaseIndexPage"))
    expect(page.get_by_role("checkbox").first).to_be_visible()
    expect(page.get_by_text("Filtre og sortering")).to_be_hidden()
    filters = page.locator(".case-filters").bounding_box()
    results = page.locator(".case-results").bounding_box()
    assert results["x"] >= filters["x"] + filters["width"]


def test_case_page_actors_fit_a_phone(phone, page_url):
    tab = phone(390)
    tab.goto(page_url("cases.CasePage"))
    actors = tab.locator("table.case-actors")
    expect(actors).to_be_visible()
    box = actors.bounding_box()
    assert box["x"] + box["width"] <= 390
    # Each actor's cells say which column they belong to once the header row is hidden.
    expect(actors.locator("td[data-label]").first).to_be_visible()
    screenshot(tab, "phone-390-case-page")
