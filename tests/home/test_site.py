import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_200_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}


# serialized_rollback like every other transactional test: a plain one's flush re-creates the content
# types under new ids, and the next serialized test then fails to restore its own (duplicate key).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_answers_503_when_the_database_is_unreachable(client):
    if connection.vendor == "sqlite":
        # Django never closes an in-memory test database (closing would destroy it).
        pytest.skip("needs a database server to take away; runs on PostgreSQL in CI")
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_home_page_greets_the_signed_in_user_in_danish(client_learner):
    response = client_learner.get("/")
    assert response.status_code == 200
    html = response.text
    assert 'lang="da"' in html
    assert "Velkommen, Mette" in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html
    assert "Log ud" in html


def test_english_pages_use_english_interface_strings(client_learner, english):
    from home.catalogue import translate

    translate(client_learner.get("/").context["page"])
    response = client_learner.get("/en/")
    assert response.status_code == 200
    html = response.text
    assert 'lang="en"' in html
    assert "Welcome, Mette" in html
    assert "Skip to content" in html
    assert "Sign out" in html
    assert "Log ud" not in html


def test_the_language_switcher_links_to_the_same_page_in_the_other_language(client_learner):
    from home.catalogue import translate

    translate(client_learner.get("/").context["page"])
    html = client_learner.get("/").text
    assert 'href="/en/"' in html and 'hreflang="en"' in html
    assert 'href="/"' in client_learner.get("/en/").text


def test_an_unknown_page_is_a_friendly_404(client_learner):
    response = client_learner.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.text


@pytest.mark.parametrize("path", ["/findes-ikke/", "/findes.ikke"])
def test_with_debug_on_a_missing_page_is_the_sites_404_not_the_url_list(client_learner, settings, path):
    settings.DEBUG = True  # as under `make run`
    response = client_learner.get(path)
    assert response.status_code == 404
    assert "Siden findes ikke" in response.text
    assert "URLconf" not in response.text


def _run_with_settings(module, env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS")}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _run_with_settings("config.settings.production", {"ALLOWED_HOSTS": "intra.politi.dk"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = _run_with_settings("config.settings.production", {"DJANGO_SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_refuse_to_start_without_a_shared_cache():
    result = _run_with_settings(
        "config.settings.production",
        {"DJANGO_SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "intra.politi.dk", "REDIS_URL": ""},
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_single_sign_on_is_offered_when_configured():
    env = {
        "OIDC_CLIENT_ID": "intranet",
        "OIDC_SECRET": "hemmelig",
        "OIDC_SERVER_URL": "https://login.microsoftonline.com/organizations/v2.0",
    }
    clean = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test", **env)
    code = (
        "from django.conf import settings;"
        "app = settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0];"
        "print(app['provider_id'], app['settings']['server_url'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert "entra https://login.microsoftonline.com/organizations/v2.0" in result.stdout


def test_home_page_lists_whats_new_newest_first(client_learner, home_page):
    from wagtail.models import Page

    section = home_page.add_child(instance=Page(title="Sektion", slug="sektion"))
    older = section.add_child(instance=Page(title="Ældre nyhed", slug="aeldre"))
    newer = section.add_child(instance=Page(title="Nyeste nyhed", slug="nyeste"))
    hidden = section.add_child(instance=Page(title="Kladde", slug="kladde", live=False))
    for page in (older, newer):
        page.save_revision().publish()
    assert hidden.live is False

    html = client_learner.get("/").text
    assert "Nyt på Co+creation" in html
    assert html.index("Nyeste nyhed") < html.index("Ældre nyhed")
    assert "Kladde" not in html
    assert ">Sektion<" not in html.split("Nyt på Co+creation")[1]
