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


def test_only_the_invalidation_module_bumps_a_version():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {Path("home/invalidation.py"), Path("home/cache_versions.py")}
    skipped = {"tests", "migrations", ".venv", "node_modules"}
    bumping = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if skipped & set(relative.parts) or relative in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            called = node.func if isinstance(node, ast.Call) else None
            name = getattr(called, "attr", None) or getattr(called, "id", None)
            imported = isinstance(node, ast.ImportFrom) and any(alias.name == "bump" for alias in node.names)
            if name == "bump" or imported:
                bumping.append(f"{relative}:{node.lineno}")
    assert bumping == []


def test_the_project_connects_no_receiver_to_every_sender():
    import weakref

    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import post_page_move

    from home import invalidation

    apps_here = ("home", "cases", "courses", "erfa", "initiatives", "search", "toolbox", "config")
    for signal in (post_save, post_delete, m2m_changed, post_page_move, invalidation.changed):
        for (_receiver, sender), reference, *_ in signal.receivers:
            function = reference() if isinstance(reference, weakref.ReferenceType) else reference
            module = getattr(function, "__module__", "") or ""
            assert not (sender == id(None) and module.split(".")[0] in apps_here), (signal, function)


@pytest.mark.django_db
def test_a_change_without_a_signal_is_reported_by_sender(learner):
    from erfa.models import ExperiencePost
    from home import invalidation
    from home.models import User
    from search.models import VocabularyWord

    posts, content = (
        cache_versions.current(cache_versions.POSTS),
        cache_versions.current(cache_versions.CONTENT),
    )
    invalidation.changed.send(sender=ExperiencePost)  # a decision: a queryset update
    assert cache_versions.current(cache_versions.POSTS) == posts + 1
    invalidation.changed.send(sender=VocabularyWord)  # the vocabulary rebuilt in bulk
    assert cache_versions.current(cache_versions.CONTENT) == content + 1
    invalidation.changed.send(sender=User)  # no cache shows it
    assert cache_versions.current(cache_versions.CONTENT) == content + 1
    assert cache_versions.current(cache_versions.POSTS) == posts + 1


def test_cached_computes_once_per_version_and_keeps_falsy_values():
    calls = []

    def compute():
        calls.append(1)
        return None

    assert cache_versions.cached("probe", "probe-value", 1, "da", compute=compute, timeout=60) is None
    assert cache_versions.cached("probe", "probe-value", 1, "da", compute=compute, timeout=60) is None
    assert len(calls) == 1
    version = cache_versions.current("probe")
    assert cache_versions.key("probe", "probe-value", 1, "da") == f"probe-value:{version}:1:da"
    cache_versions.bump("probe")
    cache_versions.cached("probe", "probe-value", 1, "da", compute=compute, timeout=60)
    assert len(calls) == 2
