"""A Redis cache the site survives losing.

The cache is an accelerator: every entry in it can be computed again from the database. So when
Redis cannot be reached the site should get slower, not fail. django-redis raises on a lost
connection (every page answered 500), and its ``IGNORE_EXCEPTIONS`` option answers a read with
None instead of the caller's default, which breaks ``get_or_set`` (it returns None instead of
computing the value). This backend instead behaves like an empty cache that keeps nothing:

- reads miss (the caller's default, so ``get_or_set`` computes from the database), writes and
  deletes are dropped, ``incr`` raises ValueError like a missing key;
- sign-in rate limits (allauth's keys) are counted in this process's memory meanwhile. Dropped,
  they would never lock: allauth's lock is a cache ``add``, which would fail, so every sign-in
  would be refused as rate limited. Per process they still hold, a few times looser (one count
  per worker).

After a failure the backend does not try Redis again for ``RETRY_AFTER`` seconds (a short
circuit breaker), so a page that reads the cache thirty times waits for one timeout, not thirty.
The breaker is shared by the process's threads. What was invalidated meanwhile is replayed by
``home.cache_versions`` once Redis answers again (see ``bump``)."""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0
RATE_LIMIT_PREFIX = "allauth:rl:"

_breakers = {}
_breakers_lock = threading.Lock()


class _Breaker:
    def __init__(self):
        self.retry_at = 0.0
        self.open = False

    def trip(self, location, error):
        if not self.open:
            logger.warning("Cache at %s unreachable (%s): serving from the database", location, error)
        self.open = True
        self.retry_at = time.monotonic() + RETRY_AFTER

    def reset(self, location):
        if self.open:
            logger.warning("Cache at %s reachable again", location)
        self.open = False


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        with _breakers_lock:
            self._breaker = _breakers.setdefault(self._location, _Breaker())
        # LocMemCache instances of one name share their storage: one count per process.
        self._local = LocMemCache(f"rate-limits-while-{self._location}-is-down", {"TIMEOUT": 300})

    @property
    def reachable(self):
        """False while the breaker is open: Redis failed less than RETRY_AFTER seconds ago."""
        return not self._breaker.open or time.monotonic() >= self._breaker.retry_at

    def ping(self):
        """Asks Redis itself, breaker or not (for /healthz)."""
        try:
            self.client.get_client(write=False).ping()
        except UNREACHABLE as error:
            self._breaker.trip(self._location, error)
            return False
        self._breaker.reset(self._location)
        return True

    def _call(self, method, key, fallback, *args, local=None, **kwargs):
        if self.reachable:
            try:
                result = getattr(super(), method)(*args, **kwargs)
            except UNREACHABLE as error:
                self._breaker.trip(self._location, error)
            else:
                self._breaker.reset(self._location)
                return result
        if isinstance(key, str) and key.startswith(RATE_LIMIT_PREFIX):
            return local() if local else getattr(self._local, method)(*args, **kwargs)
        return fallback()

    def get(self, key, default=None, version=None, client=None):
        return self._call(
            "get",
            key,
            lambda: default,
            key,
            default=default,
            version=version,
            client=client,
            local=lambda: self._local.get(key, default, version),
        )

    def get_many(self, keys, *args, **kwargs):
        return self._call("get_many", None, dict, keys, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._call("has_key", key, lambda: False, key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        return self._call("set", key, lambda: False, key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        return self._call("add", key, lambda: False, key, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._call("touch", key, lambda: False, key, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", None, lambda: list(data), data, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._call("delete", key, lambda: False, key, *args, **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        return self._call("delete_many", None, lambda: 0, keys, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._call("incr", key, lambda: _missing(key), key, *args, **kwargs)

    def decr(self, key, *args, **kwargs):
        return self._call("decr", key, lambda: _missing(key), key, *args, **kwargs)

    def clear(self):
        self._local.clear()
        return self._call("clear", None, lambda: False)


def _missing(key):
    raise ValueError(f"Key '{key}' not found (the cache is unreachable)")


def cache_reachable(cache):
    """Whether ``cache`` is believed reachable now; caches without a breaker always are."""
    return getattr(cache, "reachable", True)


def cache_answers(cache):
    """Whether ``cache`` answers a request now (a real round trip where the backend has one)."""
    ping = getattr(cache, "ping", None)
    return ping() if ping is not None else True
