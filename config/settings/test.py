"""Settings for pytest: whatever DATABASE_URL points at (SQLite by default, PostgreSQL in CI)."""

import os
import re

# pytest-xdist runs the suite in several processes: each gets a Redis database of its own (the
# run's number plus the worker's), as it gets a test database of its own, so one worker's
# cache.clear() or Celery broker never reaches another's. Set before base.py reads REDIS_URL.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _base, _db = re.match(r"^(.*?)(?:/(\d+))?/?$", os.environ["REDIS_URL"]).groups()
    os.environ["REDIS_URL"] = f"{_base}/{int(_db or 0) + int(_worker[2:])}"

from .base import *  # noqa: E402, F403

SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests create many users
WAGTAILADMIN_BASE_URL = "http://testserver"
# A cache of its own per test run, so rate limits never leak between runs sharing Redis.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"cocreation-test-{os.getpid()}"  # noqa: F405
    # In CI the unit suite's workers and the browser journeys share one Redis on a loaded machine,
    # where a read of a few hundred cached case facts can stall past production's half second; the
    # cache would then count as down and a query-count test would count the database fallback.
    # The tests of the fallback itself (tests/home/test_cache_down.py) set their own timeouts.
    if "REDIS_TIMEOUT" not in os.environ:
        CACHES["default"]["OPTIONS"]["SOCKET_TIMEOUT"] = 5.0  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A slow test must not cross the idle middleware's write interval between two query counts.
SESSION_ACTIVITY_WRITE_INTERVAL = 60 * 30
# Tasks run in the test's own process, even where REDIS_URL names a broker; the test that runs
# real workers (tests/courses/test_reminder_workers.py) starts them with its own settings.
CELERY_TASK_ALWAYS_EAGER = True
