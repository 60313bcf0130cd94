"""The real site in a real browser.

A session fixture builds a database of its own (PostgreSQL `cc_e2e_<pid>` on the server of
E2E_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432; a temporary SQLite file when that
server does not answer), migrates it, loads the catalogue and the demo users, and starts
`manage.py runserver` on a free port of 127.0.0.1. Playwright drives Debian's Chromium
(CHROMIUM, default /usr/bin/chromium); Playwright's own browser downloads are never used.

Screenshots go to tests/e2e/output/ (CI keeps that folder), with the server's log."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "tests" / "e2e" / "output"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "samskabelse-demo"
OFFICER = "kursist@politi.dk"
EDITOR = "redaktoer@politi.dk"
SPECIALIST = "specialist@politi.dk"  # approves and publishes (editors submit)
MODERATOR = "moderator@politi.dk"
ADMIN = "admin@politi.dk"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_server():
    """The PostgreSQL server URL (without database name) when one answers, else None."""
    url = os.environ.get("E2E_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    try:
        import psycopg

        with psycopg.connect(f"{url}/postgres", connect_timeout=3, autocommit=True):
            return url
    except Exception:
        return None


def _admin_sql(server, sql):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def site_database():
    """DATABASE_URL of a fresh database for this run; dropped afterwards."""
    server = _postgres_server()
    if server:
        name = f"cc_e2e_{os.getpid()}"
        _admin_sql(server, f'DROP DATABASE IF EXISTS "{name}"')
        _admin_sql(server, f'CREATE DATABASE "{name}"')
        yield f"{server}/{name}"
        _admin_sql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        with tempfile.TemporaryDirectory(prefix="cc-e2e-") as folder:
            yield f"sqlite:///{folder}/e2e.sqlite3"


@pytest.fixture(scope="session")
def site_url(site_database):
    """Base URL of the running site (no trailing slash)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": site_database,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="cc-e2e-media-"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)  # the server's cache is its own memory: no rate limits shared with others
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Demo users first: the catalogue's ERFA posts are written by them.
    for command in (["migrate", "--noinput"], ["load_demo_users", "--allow-production"], ["load_catalogue"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = (OUTPUT / "server.log").open("w")
    server = subprocess.Popen(
        manage + ["runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"The site did not start; see {OUTPUT / 'server.log'}")
        time.sleep(0.3)
    yield url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_tab(browser, site_url):
    """Opens browser tabs, each in its own context (own cookies: one per person in a journey),
    whose relative URLs go to the site. The content security policy stays on, so a page whose
    inline script the browser refuses fails its test."""
    contexts, tabs = [], []

    def open_new():
        context = browser.new_context(
            base_url=site_url, locale="da-DK", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = context.new_page()
        tab.csp_violations = []

        def note_violation(message):
            if message.type == "error" and "Content Security Policy" in message.text:
                tab.csp_violations.append(message.text)

        tab.on("console", note_violation)
        tabs.append(tab)
        return tab

    yield open_new
    for context in contexts:
        context.close()
    violations = [text for tab in tabs for text in tab.csp_violations]
    assert not violations, f"The browser refused content under the CSP: {violations}"


@pytest.fixture
def page(open_tab):
    return open_tab()


def login(page, email, password=DEMO_PASSWORD, next_path=None):
    target = "/accounts/login/" + (f"?next={next_path}" if next_path else "")
    page.goto(target)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    if password == DEMO_PASSWORD:
        # Wait until the site has let the person in, so a refused sign-in fails here, plainly.
        page.wait_for_url(lambda url: "/accounts/login/" not in url)


def screenshot(page, name):
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def serious_accessibility_violations(page):
    """Runs axe-core in the page and returns the serious and critical violations (WCAG 2.1 A/AA
    and best practices), each as 'rule: help (selectors)'. axe is loaded from the site's own
    static files, so the content security policy need not be loosened for it."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/axe-core/axe.min.js")
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="session")
def site_sql(site_database):
    """Runs a read-only SQL query on the site's database: the test's oracle for facts the browser
    must not see (such as which quiz answers are right). Placeholders are written %s."""

    def query(sql, params=()):
        if site_database.startswith("sqlite"):
            import sqlite3

            with sqlite3.connect(site_database.removeprefix("sqlite:///")) as conn:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(site_database) as conn:
            return conn.execute(sql, params).fetchall()

    return query


class Keyboard:
    """Reaches and activates elements with the keyboard alone, as a user without a mouse does:
    Tab until the element has focus, then Enter (links, buttons) or the arrow keys (radio
    buttons, which form one tab stop per group)."""

    def __init__(self, page, max_tabs=150):
        self.page = page
        self.max_tabs = max_tabs

    def focus(self, locator):
        locator.wait_for()
        for _ in range(self.max_tabs):
            if locator.evaluate("element => element === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{locator} cannot be reached with the Tab key")

    def activate(self, locator):
        """Follow a link or press a submit button, and wait for the page it leads to."""
        self.focus(locator)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def choose(self, radio):
        """Check a checkbox (Tab to it, Space) or a radio button (Tab into its group, then arrow
        down to it)."""
        if radio.get_attribute("type") == "checkbox":
            self.focus(radio)
            self.page.keyboard.press("Space")
            return
        name = radio.get_attribute("name")
        group = self.page.locator(f"input[name='{name}']")
        for _ in range(self.max_tabs):
            if group.evaluate_all("inputs => inputs.includes(document.activeElement)"):
                break
            self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"the answers to {name} cannot be reached with the Tab key")
        for _ in range(group.count()):
            if radio.evaluate("element => element === document.activeElement"):
                self.page.keyboard.press("Space")
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{radio} cannot be chosen with the arrow keys")


class Mouse:
    """The same interface as Keyboard, with clicks."""

    def __init__(self, page):
        self.page = page

    def activate(self, locator):
        with self.page.expect_navigation():
            locator.click()

    def choose(self, radio):
        radio.check()


@pytest.fixture(scope="session")
def page_url(site_sql):
    """URL of the first live Danish page of a type ("app_label.ModelName"), or None."""

    def find(model_label):
        app_label, model_name = model_label.lower().split(".")
        rows = site_sql(
            "SELECT p.url_path FROM wagtailcore_page p"
            " JOIN django_content_type ct ON ct.id = p.content_type_id"
            " JOIN wagtailcore_locale l ON l.id = p.locale_id"
            " WHERE ct.app_label = %s AND ct.model = %s AND p.live AND l.language_code = 'da'"
            " ORDER BY p.path LIMIT 1",
            (app_label, model_name),
        )
        if not rows:
            return None
        (root,) = site_sql(
            "SELECT p.url_path FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id"
            " WHERE s.is_default_site"
        )[0]
        return "/" + rows[0][0][len(root) :]

    return find
