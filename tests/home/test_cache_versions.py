import os

import pytest
from django.core.cache import cache

from home import cache_versions


def test_bump_moves_the_version_even_after_the_cache_lost_it():
    assert cache_versions.current("probe") == 1
    cache_versions.bump("probe")
    assert cache_versions.current("probe") == 2
    # After an eviction or a restart the number is gone; entries cached under the readers'
    # default (1) may still be there, so a bump must not land on 1 again.
    cache.delete("probe:version")
    cache_versions.bump("probe")
    assert cache_versions.current("probe") == 2


def app_server_cache(settings_caches):
    """The default cache as one app server process builds it from the settings: its own client."""
    from django.core.cache import CacheHandler

    return CacheHandler(settings_caches)["default"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the shared Redis production runs on")
def test_a_bump_on_one_app_server_is_seen_by_the_other(monkeypatch):
    from .test_cache_down import redis_cache

    shared = redis_cache(os.environ["REDIS_URL"])
    first, second = app_server_cache(shared), app_server_cache(shared)
    assert first is not second and first.client is not second.client
    monkeypatch.setattr(cache_versions, "cache", first)
    before = cache_versions.current("content")
    monkeypatch.setattr(cache_versions, "cache", second)
    assert cache_versions.current("content") == before

    monkeypatch.setattr(cache_versions, "cache", first)
    cache_versions.bump("content")
    monkeypatch.setattr(cache_versions, "cache", second)
    assert cache_versions.current("content") == before + 1
    second.delete("content:version")


def test_local_memory_keeps_a_bump_inside_one_process(monkeypatch):
    # Why production refuses to start without REDIS_URL: each worker's memory is its own.
    first = app_server_cache(
        {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"}}
    )
    second = app_server_cache(
        {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"}}
    )
    monkeypatch.setattr(cache_versions, "cache", first)
    cache_versions.bump("content")
    assert cache_versions.current("content") == 2
    monkeypatch.setattr(cache_versions, "cache", second)
    assert cache_versions.current("content") == 1


@pytest.mark.django_db
def test_a_change_moves_only_its_own_family(learner, district):
    from django.contrib.auth.models import Group

    from home.roles import EDITORS

    families = (cache_versions.CONTENT, cache_versions.PERMISSIONS, cache_versions.POSTS)

    def versions():
        return [cache_versions.current(name) for name in families]

    content, permissions, posts = versions()
    district.name = "Nordjyllands Politi (ny)"
    district.save()  # a snippet cached pages show
    assert versions() == [content + 1, permissions, posts]

    learner.groups.add(Group.objects.get(name=EDITORS))
    assert versions() == [content + 1, permissions + 1, posts]
