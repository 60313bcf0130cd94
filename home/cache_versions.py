"""Version numbers that clear a whole family of cache entries at once.

A cache that holds many entries (one per page, language, site or user) cannot list them to delete
them. Instead each family puts a version number in its keys: ``current(name)`` reads it and
``bump(name)`` moves it on, so every entry under the old number is never read again and expires on
its own timeout. The number itself never expires; if the cache loses it (a restart, an eviction)
the next read starts again at 1, which only means entries are built anew.

There are three families, bumped from one place (``home/signals.py``):

- ``CONTENT``: the pages, the tree, view restrictions, sites and locales, and the snippets and
  documents pages show. Routing, view-restriction answers, menus, case and toolbox fragments, the
  glossary, course outlines and search outcomes are keyed by it. Editors change content a few
  times an hour; officers read it thousands of times a day, so one family costs little.
- ``PERMISSIONS``: groups and permissions (cached permission sets, a user's groups).
- ``POSTS``: what officers write, far more often than editors publish: experience posts and the
  decisions on them, initiatives and their members. Kept apart so that a post does not rebuild
  every page's cache.

The number lives at ``"<name>:version"`` (e.g. ``"content:version"``).

While the cache is unreachable (``home.resilient_cache``) a bump reaches nothing. Entries cached
before the outage would then be read again afterwards if Redis kept them (a network cut rather
than a restart): a page restricted during the outage would still be listed, or served, as open.
So this process remembers the families it could not bump and bumps them once the cache answers
again, before it reads any version."""

import threading

from django.core.cache import cache

from home.resilient_cache import cache_reachable

CONTENT = "content"
PERMISSIONS = "permissions"
POSTS = "posts"

_missed = set()
_missed_lock = threading.Lock()


def _key(name):
    return f"{name}:version"


def current(name):
    """The version to put in this family's cache keys now."""
    if _missed and cache_reachable(cache):
        _replay_missed()
    return cache.get_or_set(_key(name), 1, None)


def bump(name):
    """Make every entry cached under the current version stale."""
    key = _key(name)
    try:
        cache.incr(key)
    except ValueError:
        # Not in the cache (never read, or evicted): any number other than the readers' default 1
        # leaves what was cached under 1 behind.
        cache.set(key, 2, None)
    if not cache_reachable(cache):
        with _missed_lock:
            _missed.add(name)


def _replay_missed():
    with _missed_lock:
        names = list(_missed)
        _missed.clear()
    for name in names:
        bump(name)
