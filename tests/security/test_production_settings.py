"""Production settings pass Django's deployment checks, and every response carries the security
headers and cookie flags. (That they refuse to start half-configured: tests/home/test_site.py.)"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k" * 20 + "-production-like-secret-with-enough-entropy-0123456789"
HOST = "intranet.politi.dk"
# Production needs a shared cache to start; these tests never reach it unless CI gives one.
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"

# Settings that production.py sets on top of base.py and that shape what a response carries.
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
]


def run_manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS")}
    full_env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checks_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=SECRET,
        ALLOWED_HOSTS=HOST,
        REDIS_URL=REDIS_URL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def production(monkeypatch):
    """The security settings production.py computes, applied to this test process."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", SECRET)
    monkeypatch.setenv("ALLOWED_HOSTS", HOST)
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    # Re-run base.py too: it read the environment when the test settings imported it.
    base = importlib.reload(importlib.import_module("config.settings.base"))
    module = importlib.reload(importlib.import_module("config.settings.production"))
    values = {name: getattr(module, name) for name in SECURITY_SETTINGS}
    importlib.reload(base)  # production.py changes some of base's dicts in place
    with override_settings(**values, ALLOWED_HOSTS=[HOST, "testserver"]):
        yield values


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path, signed_in", [("/accounts/login/", False), ("/", True), ("/en/", True)])
def test_every_page_carries_the_security_headers(production, client, learner, path, signed_in):
    if signed_in:
        client.force_login(learner)
    response = client.get(path, secure=True, HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert not any(source in ("*", "http:", "https:", "data:") for source in directives["script-src"])


def test_plain_http_is_redirected_to_https_but_the_health_check_answers(production, client, db):
    response = client.get("/accounts/login/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/accounts/login/"

    health = client.get("/healthz", HTTP_HOST=HOST)
    assert health.status_code == 200


def test_login_sets_only_secure_httponly_cookies(production, client, learner):
    client.get("/accounts/login/", secure=True, HTTP_HOST=HOST)
    response = client.post(
        "/accounts/login/",
        {"login": learner.email, "password": PASSWORD},
        secure=True,
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


def test_language_cookie_is_secure_and_httponly(production, client, learner):
    client.force_login(learner)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"}, secure=True, HTTP_HOST=HOST)
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["secure"] and cookie["httponly"]


def test_only_the_wagtail_admin_may_run_inline_scripts_and_frame_its_preview(client, editor):
    client.force_login(editor)

    admin = csp_directives(client.get("/admin/"))
    site = csp_directives(client.get("/"))

    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in site["script-src"]
    assert site["frame-ancestors"] == ["'none'"]
