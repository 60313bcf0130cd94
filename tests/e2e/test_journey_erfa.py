"""Journey 3: after an ERFA day a participant shares an experience, a moderator approves it in the
admin, and colleagues find it on the page it is about (the case; a tool while there are no cases)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import MODERATOR, OFFICER, login, screenshot, serious_accessibility_violations

pytestmark = pytest.mark.e2e

PARTICIPANT = "anker@politi.dk"
TITLE = "Kaffemøder i opgangen gav beboerne mod på at melde sig"
TEXT = (
    "Vi holdt kaffemøder i opgangene sammen med den boligsociale medarbejder.\n\n"
    "Efter tre møder meldte fem beboere sig til at være med i arbejdsgruppen."
)


def test_shared_experience_is_moderated_and_shown_on_its_page(open_tab, page_url):
    day_url = page_url("erfa.ErfaDayPage")
    if day_url is None:
        pytest.skip("the catalogue has no ERFA days yet")

    participant = open_tab()
    login(participant, PARTICIPANT, next_path=day_url)
    expect(participant.get_by_role("heading", level=1)).to_be_visible()
    screenshot(participant, "erfa-day")
    assert serious_accessibility_violations(participant) == []

    participant.get_by_role("link", name="Del en erfaring fra dagen").click()
    expect(participant.get_by_role("heading", level=1)).to_have_text("Del en erfaring")
    day_choice = participant.get_by_label("Delt på ERFA-dagen")
    expect(day_choice).not_to_have_value("")  # the day the participant came from
    participant.get_by_label("Overskrift").fill(TITLE)
    participant.get_by_label("Din erfaring").fill(TEXT)
    about = participant.locator("select[name='case']")
    if about.locator("option").count() < 2:
        about = participant.locator("select[name='tool']")
    about.select_option(index=1)
    target_title = about.locator("option:checked").inner_text().strip()
    screenshot(participant, "erfa-experience-form")
    assert serious_accessibility_violations(participant) == []
    participant.get_by_role("button", name="Send til godkendelse").click()
    expect(participant.locator(".messages")).to_contain_text("sendt til godkendelse")
    expect(participant.get_by_role("heading", level=1)).to_have_text(TITLE)

    colleague = open_tab()
    login(colleague, OFFICER)
    expect(colleague.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    colleague.goto(day_url)
    expect(colleague.get_by_text(TITLE)).to_have_count(0)  # not before a moderator approved it

    moderator = open_tab()
    login(moderator, MODERATOR, next_path="/admin/erfa-moderation/")
    row = moderator.get_by_role("row", name=re.compile(re.escape(TITLE)))
    expect(row).to_be_visible()
    screenshot(moderator, "erfa-moderation-queue")
    row.get_by_role("button", name="Godkend").click()
    expect(moderator.get_by_role("row", name=re.compile(re.escape(TITLE)))).to_have_count(0)

    colleague.goto(day_url)
    colleague.get_by_role("link", name=TITLE).click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text(TITLE)
    colleague.get_by_role("main").get_by_role("link", name=target_title).click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text(target_title)
    panel = colleague.locator(".erfa-panel")
    expect(panel.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(colleague, "erfa-experience-on-page")
