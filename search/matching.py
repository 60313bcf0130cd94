"""The one matching pass: every row of a queryset that matches the query, with its score and the
values the facets and filters need, in one SQL query.

The search page needs the ranked hits, their total and counts by type, phase and district. Asking
the search backend for each of those re-runs the full-text match every time (five times for a
plain search); here the match runs once per source and the rest is counted in Python from its
rows (search/service.py). The match reads Wagtail's own index table the way its database backend
does:

- PostgreSQL: ``(title || body) @@ to_tsquery(config, …)``, exactly the expression the combined
  GIN index covers (search/migrations/0001_combined_index.py), scored like the backend
  (``ts_rank`` of the title × the title-length norm + ``ts_rank`` of the body, with its weights).
  The query's configuration is the active language's (search/text.py); searching every language
  ORs the query in each language's configuration.
- SQLite: an FTS5 ``MATCH`` on the title and body columns with stemmed prefixes, scored with
  ``bm25`` like the backend but with the title weighted as PostgreSQL weighs it (negated, so that
  higher is better on both)."""

from django.db import connection
from django.db.models import F

from .text import fts5_query, tsquery

# FTS5's bm25 weighs every column alike unless told otherwise (Wagtail's SQLite backend does not
# tell it), so a word in a long body outranked a page whose title is that word: "udviklingsarbejde"
# did not find the phase "Samskabende udviklingsarbejde" in the top ten. PostgreSQL ranks the
# title with weight A (1.0) and the body with D (0.1); the same 10 : 1 here, in the FTS table's
# column order (autocomplete, body, title; autocomplete is never matched by the site search).
SQLITE_COLUMN_WEIGHTS = "0.0, 1.0, 10.0"


def matching_rows(queryset, terms, operator, configs, values=()):
    """``(pk, score, *values)`` for each row of ``queryset`` matching ``terms``."""
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _postgres_rows(queryset, terms, operator, configs, values)
    return _sqlite_rows(queryset, terms, operator, configs[0], values)


def postgres_query(terms, operator, configs):
    from django.contrib.postgres.search import SearchQuery

    text = tsquery(terms, operator)
    query = None
    for config in configs:
        part = SearchQuery(text, search_type="raw", config=config)
        query = part if query is None else query | part
    return query


def _postgres_rows(queryset, terms, operator, configs, values):
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    query = postgres_query(terms, operator, configs)
    title, body = F("index_entries__title"), F("index_entries__body")
    weights = get_sql_weights()
    score = SearchRank(title, query, weights=weights) * F("index_entries__title_norm") + SearchRank(
        body, query, weights=weights
    )
    matching = queryset.annotate(_vector_=title._combine(body, "||", False)).filter(_vector_=query)
    return list(matching.annotate(_score=score).order_by().values_list("pk", "_score", *values))


def _sqlite_rows(queryset, terms, operator, config, values):
    from wagtail.search.models import SQLiteFTSIndexEntry

    table = SQLiteFTSIndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({table}, {SQLITE_COLUMN_WEIGHTS}) FROM {table} WHERE {table} MATCH %s",
            [fts5_query(terms, operator, config)],
        )
        scores = dict(cursor.fetchall())
    if not scores:
        return []
    rows = queryset.filter(index_entries__id__in=list(scores)).values_list(
        "pk", "index_entries__id", "index_entries__title_norm", *values
    )
    # The backend's score: bm25 × title norm + bm25; bm25 is lower for better matches.
    return [(pk, -(scores[entry] * (norm or 1.0) + scores[entry]), *rest) for pk, entry, norm, *rest in rows]
