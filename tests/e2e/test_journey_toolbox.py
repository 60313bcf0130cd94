"""Journey: an officer walks the method phase by phase, opens a tool, downloads its worksheet and
reads a glossary term in place with the keyboard."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, login, screenshot

pytestmark = pytest.mark.e2e

PHASES = [
    "Opstart",
    "Kortlægning",
    "Analysemodul",
    "Aktørinvolvering",
    "Etablering",
    "Samskabende udviklingsarbejde",
    "Afslutning",
]


def test_officer_walks_the_phases_opens_a_tool_and_downloads_its_worksheet(page, tmp_path):
    login(page, OFFICER, next_path="/vaerktoejskassen/")
    diagram = page.locator("figure.phase-diagram")
    expect(diagram.get_by_role("listitem")).to_have_count(7)

    diagram.get_by_role("link", name="Fase 1: Opstart").click()
    for number, title in enumerate(PHASES, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".phase-kicker")).to_contain_text(f"Fase {number} af 7")
        if number < 7:
            page.get_by_role("link", name=f"Næste fase Fase {number + 1}: {PHASES[number]}").click()
    expect(page.get_by_role("link", name="Næste fase")).to_have_count(0)

    page.goto("/vaerktoejskassen/opstart/")
    page.get_by_role("link", name="Rollebeskrivelse for Ankerpersonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rollebeskrivelse for Ankerpersonen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Rollebeskrivelse og aftale for Ankerpersonen").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".docx"
    with zipfile.ZipFile(saved) as package:
        assert "Ankerpersonen" in package.read("word/document.xml").decode()


def test_glossary_term_definition_is_shown_on_keyboard_focus(page):
    login(page, OFFICER, next_path="/vaerktoejskassen/opstart/ankerperson/")
    term = page.locator("main dfn.term a", has_text="Ankerpersonen").first
    definition = page.locator("#" + term.get_attribute("aria-describedby"))
    assert definition.bounding_box()["width"] <= 1  # read by screen readers, not shown yet

    term.focus()
    expect(definition).to_contain_text("Ordforklaring: Ankerperson")
    assert definition.bounding_box()["width"] > 100
    # Nothing clips it away (DKFDS's .sr-only hides with clip-path as well as clip).
    assert definition.evaluate("e => [getComputedStyle(e).clipPath, getComputedStyle(e).clip]") == [
        "none",
        "auto",
    ]
    screenshot(page, "toolbox-glossary-tooltip")

    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()

    term.press("Enter")
    expect(page).to_have_url(re.compile(r"/vaerktoejskassen/ordbog/#begreb-ankerperson$"))
    expect(page.locator("#begreb-ankerperson dfn")).to_have_text("Ankerperson")
