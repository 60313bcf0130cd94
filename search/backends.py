"""The database search backend, with each object indexed in its own language's text-search
configuration on PostgreSQL.

Wagtail's database backend indexes everything with one configuration (``SEARCH_CONFIG``), so an
English page would be stemmed as Danish. Here the PostgreSQL index groups the objects it writes by
their locale and indexes each group with that language's configuration (search/text.py,
``TEXT_SEARCH_CONFIGS``: da → danish, en → english); the site search queries with the active
language's (search/matching.py). Objects without a locale (a case's actors) use ``SEARCH_CONFIG``.
On SQLite nothing changes: FTS5 stores words as written and the query is stemmed in Python.

Settings: ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"``."""

import copy
from itertools import groupby

from django.db import connection


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    from wagtail.search.backends.database import SearchBackend as database_backend

    return database_backend(params)


def language_of(obj):
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return ""
    from wagtail.models import Locale

    languages = _locale_languages()
    if locale_id not in languages:
        languages.update(Locale.objects.values_list("pk", "language_code"))
    return languages.get(locale_id, "")


_LANGUAGES = {}


def _locale_languages():
    return _LANGUAGES


def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

    from .text import text_search_config

    class LocalisedPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            default = self.backend
            configs = [
                (text_search_config(language_of(obj)) if language_of(obj) else "", obj) for obj in objs
            ]
            configs.sort(key=lambda item: item[0])
            for config, group in groupby(configs, key=lambda item: item[0]):
                # The index's indexer reads the configuration from its backend: hand it a copy
                # configured for this language.
                self.backend = copy.copy(default)
                if config:
                    self.backend.config = config
                try:
                    super().add_items(model, [obj for _config, obj in group])
                finally:
                    self.backend = default

    class LocalisedPostgresSearchBackend(PostgresSearchBackend):
        index_class = LocalisedPostgresIndex

    return LocalisedPostgresSearchBackend
