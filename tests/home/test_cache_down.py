"""The site without its cache: Redis at a real closed port on 127.0.0.1 (nothing listens there,
so every connection is refused, as when Redis is stopped). Pages come from the database, sign-in
is still rate limited, and /healthz tells a load balancer what is down."""

import os
import socket
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from home.roles import EDITORS

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def closed_port():
    """A port nothing listens on: bound once to get a free number, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "home.resilient_cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
            "KEY_PREFIX": f"cocreation-test-{os.getpid()}",
        }
    }


@pytest.fixture
def cache_down(settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    assert not cache.__class__.__name__ == "LocMemCache"


@pytest.fixture
def catalogue_without_cache(home_page, cache_down):
    # Loading (publishing every page, bumping every cache family) works without the cache too.
    call_command("load_catalogue", stdout=StringIO())


PAGES = [
    ("/", "Co+creation"),
    ("/cases/", "Cases"),
    ("/cases/naeverzone-nul-narko-i-naestved/", "NæverZone"),
    ("/vaerktoejskassen/", "Værktøjskassen"),
    ("/vaerktoejskassen/opstart/", "Opstart"),
    ("/uddannelse/", "Uddannelse"),
    ("/uddannelse/co-creation-for-brugere/", "Co-creation for brugere"),
    ("/learning/", "Min læring"),
    ("/search/?q=tryghed", "tryghed"),
    ("/en/", "Co+creation"),
]


def test_every_page_is_served_from_the_database_when_redis_is_down(catalogue_without_cache, client, learner):
    assert client.login(email=learner.email, password=PASSWORD)  # sessions: database, not cache
    for url, text in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    # The cache really was down: nothing was stored.
    assert cache.get("page-tree:version") is None


def test_healthz_names_the_cache_as_down(cache_down, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "up", "cache": "down"}


def test_sign_in_is_still_rate_limited_when_redis_is_down(cache_down, client, learner):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": learner.email, "password": "forkert-kodeord"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    locked = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_in_works_when_redis_is_down(cache_down, client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a Redis server to lose and get back (CI has one)"
)
def test_a_restriction_added_while_redis_was_down_holds_once_it_is_back(settings, client_learner, home_page):
    from toolbox.models import ToolboxPage

    toolbox = ToolboxPage(title="Værktøjskassen", slug="vaerktoejskassen", intro="<p>Metoden.</p>")
    home_page.add_child(instance=toolbox)
    toolbox.save_revision().publish()
    settings.CACHES = redis_cache(os.environ["REDIS_URL"])
    cache.clear()
    assert client_learner.get("/vaerktoejskassen/").status_code == 200  # "not restricted" is cached

    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=toolbox.pk), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=EDITORS))
    assert client_learner.get("/vaerktoejskassen/").status_code == 403  # checked in the database

    settings.CACHES = redis_cache(os.environ["REDIS_URL"])  # Redis kept its entries
    assert client_learner.get("/vaerktoejskassen/").status_code == 403
    cache.clear()
