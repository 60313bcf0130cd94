"""Version numbers that clear a whole family of cache entries at once.

A cache that holds many entries (one per page, language, site or user) cannot list them to delete
them. Instead each family puts a version number in its keys: ``current(name)`` reads it and
``bump(name)`` moves it on, so every entry under the old number is never read again and expires on
its own timeout. The number itself never expires; if the cache loses it (a restart, an eviction)
the next read starts again at 1, which only means entries are built anew.

The number lives at ``"<name>:version"`` (e.g. ``"nav:version"``)."""

from django.core.cache import cache


def _key(name):
    return f"{name}:version"


def current(name):
    """The version to put in this family's cache keys now."""
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
