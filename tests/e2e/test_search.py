"""The header search box: suggestions while typing as a keyboard-usable combobox, and the results."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, login, screenshot

pytestmark = pytest.mark.e2e


def test_officer_picks_a_suggestion_with_the_keyboard(page):
    login(page, OFFICER)
    box = page.get_by_role("combobox", name="Søg i cases, værktøjer og lektioner")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("ankerp")

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Ankerperson")
    expect(page.get_by_role("status").filter(has_text="forslag")).to_be_attached()
    screenshot(page, "search-suggestions")

    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_be_focused()

    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    target = first.get_attribute("data-url")
    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


def test_officer_searches_and_sees_highlighted_results(page):
    login(page, OFFICER)
    box = page.get_by_role("combobox", name="Søg i cases, værktøjer og lektioner")
    box.fill("tovholderen")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=tovholderen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    results = page.get_by_role("heading", level=2, name=re.compile("resultat"))
    expect(results).to_be_visible()
    expect(page.locator(".search-hit mark").first).to_be_visible()
    expect(page.get_by_role("navigation", name="Type")).to_be_visible()
    screenshot(page, "search-results")
