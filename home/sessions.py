"""The session store: Django's cached database sessions, with a session key that PostgreSQL can
look up. A cookie carrying a NUL (``sessionid="abcdefgh\\000ijk"``, which a browser never sends)
reached the session table's query before any middleware could refuse it, and PostgreSQL refuses
NUL in text: a 500. Such a key is now treated like any other invalid key: no session."""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore


class SessionStore(CachedDatabaseStore):
    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and "\x00" not in key
