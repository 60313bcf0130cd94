"""Settings for the benchmark's site: the test settings (no debug, locmem cache) on the bench's own
PostgreSQL database, which the runner puts in DATABASE_URL."""

from config.settings.test import *  # noqa: F403

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
