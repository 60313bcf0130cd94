"""Journey 2: a specialist creates and publishes a case with actors and a result in the Wagtail
admin, and an officer finds it with the case filters and with search."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, SPECIALIST, login, screenshot

pytestmark = pytest.mark.e2e

TITLE = "Tryghedsvandringer i Vestbyen"
SUMMARY = "Beboere, boligforening og politi går sammen gennem bebyggelsen og aftaler, hvad der skal ændres."
CHALLENGE = "Hvordan kan vi sammen gøre det trygt at færdes i Vestbyen om aftenen?"
ROLE = "Stiller lokaler til rådighed og inviterer beboerne"
RESULT = "Belysningen på stierne blev forbedret efter den første vandring."


def case_index_id(site_sql):
    rows = site_sql(
        "SELECT p.id FROM wagtailcore_page p JOIN django_content_type ct ON ct.id = p.content_type_id"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE ct.app_label = 'cases' AND ct.model = 'caseindexpage' AND l.language_code = 'da'"
    )
    return rows[0][0] if rows else None


def choose_snippet(editor, field_id):
    """Pick the first item in a Wagtail chooser modal; returns its title."""
    editor.locator(f"#{field_id}-chooser .unchosen [data-chooser-action-choose]").click()
    choice = editor.locator(".modal a[data-chooser-modal-choice]").first
    title = choice.inner_text().strip()
    choice.click()
    expect(editor.locator(".modal")).to_be_hidden()
    expect(editor.locator(f"#{field_id}-chooser [data-chooser-title]")).to_have_text(title)
    return title


def test_specialist_publishes_a_case_and_an_officer_finds_it(open_tab, site_sql, page_url):
    parent_id = case_index_id(site_sql)
    if parent_id is None:
        pytest.skip("the catalogue has no case index yet")
    index_url = page_url("cases.CaseIndexPage")

    editor = open_tab()
    login(editor, SPECIALIST, next_path=f"/admin/pages/add/cases/casepage/{parent_id}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill(SUMMARY)
    editor.locator("#id_challenge").fill(CHALLENGE)
    # The district is a plain select (13 names): the chooser's ten-a-page modal was too slow to use.
    district = editor.locator("#id_district")
    district.select_option(index=1)
    district_name = district.locator("option:checked").inner_text().strip()
    editor.locator("#id_place").fill("Vestbyen")
    editor.locator("#id_start_year").fill("2024")
    editor.locator("#id_phase_reached").select_option(index=3)

    editor.get_by_role("tab", name="Aktører og resultater").click()
    editor.locator("#id_case_actors-ADD").click()
    actor_name = choose_snippet(editor, "id_case_actors-0-actor")
    editor.locator("#id_case_actors-0-role").fill(ROLE)
    editor.locator("#id_results-ADD").click()
    editor.locator("#id_results-0-text").fill(RESULT)
    screenshot(editor, "case-admin-form")

    editor.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    editor.locator("button[name='action-publish']").click()
    expect(editor.locator(".messages")).to_contain_text(TITLE)

    officer = open_tab()
    login(officer, OFFICER, next_path=index_url)
    officer.get_by_label(re.compile("^" + re.escape(district_name))).first.check()
    officer.get_by_role("button", name="Vis cases").click()
    expect(officer).to_have_url(re.compile(r"\?.+"))
    results = officer.locator(".case-results")
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(officer, "case-index-filtered")

    search = officer.get_by_role("search").get_by_role("searchbox")
    if search.count():
        search.fill("tryghedsvandringer Vestbyen")
        search.press("Enter")
        expect(officer.get_by_role("main").get_by_role("link", name=TITLE)).to_be_visible()
        screenshot(officer, "search-results")

    officer.get_by_role("main").get_by_role("link", name=TITLE).first.click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(officer.get_by_role("rowheader", name=actor_name)).to_be_visible()
    expect(officer.get_by_text(ROLE)).to_be_visible()
    expect(officer.get_by_text(RESULT)).to_be_visible()
    screenshot(officer, "case-page-new")
