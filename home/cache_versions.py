"""Version numbers that clear a whole family of cache entries at once.

A cache that holds many entries (one per page, language, site or user) cannot list them to delete
them. Instead each family puts a version number in its keys: ``current(name)`` reads it and
``bump(name)`` moves it on, so every entry under the old number is never read again and expires on
its own timeout. The number itself never expires; if the cache loses it (a restart, an eviction)
the next read starts again at 1, which only means entries are built anew.

Every cached value is read through ``cached(family, name, *parts, compute=..., timeout=...)``,
under the key ``key(family, name, *parts)``: ``"<name>:<version>:<parts>"``. There are three
families, bumped from one place only (``home/invalidation.py``):

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


def user_family(user_id):
    """The family of what is cached about one user (their row): moved by that user's saves."""
    return f"user-{user_id}"


def key(family, name, *parts, version=None):
    """The cache key of an entry of ``family`` (a family's name, or a tuple of them whose versions
    all go in the key): ``"<name>:<version(s)>:<parts>"``, e.g. ``"nav:7:1:da"``. ``version``: the
    version(s) as the caller read them already (once per search)."""
    if version is None:
        families = family if isinstance(family, tuple) else (family,)
        version = ":".join(str(current(name)) for name in families)
    return ":".join(map(str, (name, version, *parts)))


_MISSING = object()


def cached(family, name, *parts, compute, timeout, version=None):
    """The value cached under ``key(family, name, *parts)``, or ``compute()``d and kept there for
    ``timeout`` seconds (None, False and empty values are cached like any other). With the cache
    down (``home.resilient_cache``) every read misses and nothing is kept: the value comes from
    the database."""
    entry = key(family, name, *parts, version=version)
    value = cache.get(entry, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(entry, value, timeout)
    return value


def bump(name):
    """Make every entry cached under the current version stale (called by home/invalidation.py
    only: a test checks)."""
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
