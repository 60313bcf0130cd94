"""Settings for pytest: whatever DATABASE_URL points at (SQLite by default, PostgreSQL in CI)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests create many users
WAGTAILADMIN_BASE_URL = "http://testserver"
# A cache of its own per test run, so rate limits never leak between runs sharing Redis.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"cocreation-test-{os.getpid()}"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A slow test must not cross the idle middleware's write interval between two query counts.
SESSION_ACTIVITY_WRITE_INTERVAL = 60 * 30
