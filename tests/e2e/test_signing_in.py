"""Signing in and out in the browser, with the demo accounts `load_demo_users` creates."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, login, screenshot

pytestmark = pytest.mark.e2e


def test_anonymous_visitor_is_sent_to_login_and_back_after_signing_in(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    screenshot(page, "login")

    page.get_by_label("E-mail").fill(OFFICER)
    page.get_by_label("Adgangskode").fill("samskabelse-demo")
    page.get_by_role("button", name="Log ind").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Mette")
    screenshot(page, "home")


def test_wrong_password_shows_an_error_and_keeps_the_visitor_out(page):
    login(page, "anker@politi.dk", password="forkert-kodeord")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("form")).to_contain_text("ikke korrekt")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_signing_out_ends_the_session(page):
    login(page, OFFICER)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")

    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Log ud").click()
    # allauth asks for confirmation on its own page only when the form was not posted; ours posts.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
