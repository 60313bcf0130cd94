"""The one matching pass: every index row of the searched types that matches the query, with its
score, in one SQL query.

The search page needs the ranked hits, their total and counts by type, phase and district. Asking
the search backend for each of those re-runs the full-text match every time (five times for a
plain search), and matching once per source still re-ran it for every type. Here the match runs
once for all of them; search/database.py then keeps the rows each user may see (pages against
cached facts, every other type by one plain query) and counts the rest in Python. The match reads
Wagtail's own index table the way its database backend does:

- PostgreSQL: ``(title || body) @@ to_tsquery(config, …)``, exactly the expression the combined
  GIN index covers (search/migrations/0001_combined_index.py), asked through
  ``search_matched_scores`` so the index is used even where the planner misjudges a prefix
  query (search/migrations/0003_matching_function.py), and scored like the backend
  (``ts_rank`` of the title × the title-length norm + ``ts_rank`` of the body, with its weights).
  The query's configuration is the active language's (search/text.py); searching every language
  ORs the query in each language's configuration.
- SQLite: an FTS5 ``MATCH`` on the title and body columns with stemmed prefixes, scored with
  ``bm25`` like the backend but with the title weighted as PostgreSQL weighs it (negated, so that
  higher is better on both)."""

from django.db import connection
from django.db.models import F, Lookup

from .text import fts5_query, tsquery

# FTS5's bm25 weighs every column alike unless told otherwise (Wagtail's SQLite backend does not
# tell it), so a word in a long body outranked a page whose title is that word: "udviklingsarbejde"
# did not find the phase "Samskabende udviklingsarbejde" in the top ten. PostgreSQL ranks the
# title with weight A (1.0) and the body with D (0.1); the same 10 : 1 here, in the FTS table's
# column order (autocomplete, body, title; autocomplete is never matched by the site search).
SQLITE_COLUMN_WEIGHTS = "0.0, 1.0, 10.0"


def matched_entries(terms, operator, configs, content_type_ids):
    """``{content_type_id: {object_id: score}}`` for every index row of those content types that
    matches ``terms`` (object ids as the index stores them, text)."""
    if not terms or not content_type_ids:
        return {}
    if connection.vendor == "postgresql":
        rows = _postgres_entries(terms, operator, configs, list(content_type_ids))
    else:
        rows = _sqlite_entries(terms, operator, configs[0], list(content_type_ids))
    entries = {content_type_id: {} for content_type_id in content_type_ids}
    for content_type_id, object_id, score in rows:
        # One row per object: the index is unique on (content type, object id).
        entries[content_type_id][object_id] = score
    return entries


def tsquery_sql(terms, operator, configs):
    """``(sql, params)`` of the query in every configuration, ORed: ``to_tsquery(config, …) || …``."""
    text = tsquery(terms, operator)
    sql = " || ".join("to_tsquery(%s::regconfig, %s)" for _config in configs)
    return sql, [value for config in configs for value in (config, text)]


def _postgres_entries(terms, operator, configs, content_type_ids):
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    tsqueries, params = tsquery_sql(terms, operator, configs)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM search_matched_scores({tsqueries}, %s::float4[], %s)",
            [*params, get_sql_weights(), content_type_ids],
        )
        return cursor.fetchall()


def _sqlite_entries(terms, operator, config, content_type_ids):
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    fts, entries = SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table
    placeholders = ", ".join("%s" for _pk in content_type_ids)
    with connection.cursor() as cursor:
        # The backend's score, bm25 × title norm + bm25, negated: bm25 is lower for better matches.
        cursor.execute(
            f"SELECT e.content_type_id, e.object_id, bm25({fts}, {SQLITE_COLUMN_WEIGHTS}) AS rank,"
            " COALESCE(e.title_norm, 1.0)"
            f" FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid"
            f" WHERE {fts} MATCH %s AND e.content_type_id IN ({placeholders})",
            [fts5_query(terms, operator, config), *content_type_ids],
        )
        return [(ct, object_id, -(rank * norm + rank)) for ct, object_id, rank, norm in cursor.fetchall()]


class _AnyOf(Lookup):
    """``lhs = ANY(%s)`` with the list as one array parameter (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]


def with_pks(queryset, pks):
    """``queryset.filter(pk__in=pks)`` for the hundreds of ids one search matches. On PostgreSQL
    the ids go as one array (``pk = ANY(%s)``): an ``IN`` list of 700 placeholders cost more to
    build and send than the query took to run."""
    pks = list(pks)
    if connection.vendor != "postgresql" or not all(isinstance(pk, int) for pk in pks):
        return queryset.filter(pk__in=pks)
    return queryset.filter(_AnyOf(F("pk"), pks))
