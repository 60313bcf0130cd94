"""The Wagtail admin works under the site's strict content security policy (no inline scripts):
the `page` fixture fails a test whenever the browser refuses a script or style."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import EDITOR, login, screenshot

pytestmark = pytest.mark.e2e


def test_editor_opens_the_admin_and_the_page_editor_without_csp_violations(page):
    login(page, EDITOR, next_path="/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text("Lea")
    screenshot(page, "admin-dashboard")

    page.goto("/admin/pages/")
    page.get_by_role("link", name=re.compile("Co\\+creation|Forside", re.I)).first.click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "admin-explorer")

    home_id = page.evaluate(
        '() => (document.querySelector(\'a[href*="/admin/pages/"][href$="/edit/"]\') || {}).href'
    )
    assert home_id, "no page edit link in the explorer"
    page.goto(home_id)
    page.wait_for_load_state("networkidle")
    # The editor's JavaScript has run: the rich text field is a Draftail editor, not a bare input.
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
    screenshot(page, "admin-page-editor")

    # The live preview is an iframe of an admin URL: allowed to frame, and it shows the page.
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    screenshot(page, "admin-preview")


def test_editor_sees_the_wagtail_userbar_on_the_site_under_the_strict_policy(page):
    login(page, EDITOR)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    userbar = page.locator("wagtail-userbar")
    expect(userbar).to_be_attached()
    # The userbar's menu opens (its script ran) and offers to edit this page.
    userbar.locator("button").first.click()
    expect(userbar.get_by_role("menuitem").first).to_be_visible()
