"""Moving around the site: language switch and keyboard-only use."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, login, screenshot

pytestmark = pytest.mark.e2e


def test_officer_switches_to_english_and_back(page):
    login(page, OFFICER)
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.get_by_role("navigation", name="Sprog").get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Mette")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    screenshot(page, "home-en")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Dansk").click()

    expect(page).to_have_url(re.compile(r"127\.0\.0\.1:\d+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Mette")


def test_keyboard_user_skips_the_header_to_the_content(page):
    login(page, OFFICER)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Gå til sidens indhold")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    outline = skip_link.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline != "none", "the focused skip link has no visible focus indicator"

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()

    # The next Tab moves on from the content, never back into the header.
    page.keyboard.press("Tab")
    in_header = page.evaluate("() => document.querySelector('header').contains(document.activeElement)")
    assert not in_header, "Tab after the skip link went back into the header"


def test_officer_reads_a_tool_in_english_and_returns_to_the_danish_page(page, page_url):
    tool_url = page_url("toolbox.ToolPage")
    if tool_url is None:
        pytest.skip("the catalogue has no tools yet")
    login(page, OFFICER, next_path=tool_url)
    danish_title = page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("navigation", name="Sprog").get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(danish_title)
    screenshot(page, "tool-en")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Dansk").click()

    expect(page).to_have_url(re.compile(re.escape(tool_url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(danish_title)
