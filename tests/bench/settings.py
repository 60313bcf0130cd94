"""Settings for the benchmark's site: the test settings (no debug, locmem cache) on the bench's own
PostgreSQL database, which the runner puts in DATABASE_URL."""

from config.settings.test import *  # noqa: F403

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# Local memory keeps 300 entries by default and then drops a third of them at every new one; the
# bench's thousands of pages filled it, so the searches measured after them recomputed their cached
# page facts on most requests. Production's Redis holds every entry until its timeout: so here.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 100_000  # noqa: F405
