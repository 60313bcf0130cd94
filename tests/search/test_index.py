"""The combined GIN index (search/migrations/0001_combined_index.py) matches the expression
Wagtail's PostgreSQL backend filters on, so the planner can use it."""

import random

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_migration_created_the_combined_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_indexentry_title_body_gin'")
        (definition,) = cursor.fetchone()
    assert "USING gin (((title || body)))" in definition


def test_backend_filters_on_exactly_the_indexed_expression(home_page):
    results = get_search_backend().search("indbrud", Page.objects.live())
    sql, _params = results.get_queryset().query.sql_with_params()
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql


def test_planner_can_answer_that_expression_from_the_combined_index(home_page):
    with connection.cursor() as cursor:
        # On a near-empty test table a sequential scan is cheaper; forbid it to see whether the
        # index can serve the expression at all (tests/bench/bench_search.py measures real sizes).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT object_id FROM wagtailsearch_indexentry"
            " WHERE (title || body) @@ to_tsquery('danish', 'indbrud')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_indexentry_title_body_gin" in plan, plan


def test_the_trigram_index_is_on_the_expression_the_close_spellings_are_asked_by():
    # search/vocabulary.py _candidates asks "lower(word) % …". On the bare column the planner also
    # took the trigram index for the plain look-up of a query's words (30 ms instead of 0.1 ms on
    # the bench's vocabulary; not reproducible on a test-sized table, so the definition is checked).
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_vocabularyword_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin (lower((word)::text) gin_trgm_ops)" in definition


def test_one_matching_pass_finds_rows_through_the_combined_index(home_page):
    # search_matched_scores plans its query with sequential scans off, whatever the planner
    # estimates for a prefix query; its plan is not visible from outside, so this checks the
    # function's setting itself.
    with connection.cursor() as cursor:
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'search_matched_scores'")
        (config,) = cursor.fetchone()
    assert config == ["enable_seqscan=off"]


def test_index_vectors_are_kept_in_the_row_uncompressed():
    # Ranking reads each match's whole body vector: decompressing them cost more than matching
    # and ranking (search/migrations/0005), and fetching them from the TOAST table doubled the
    # matching function's time (0006). A row whose vectors pass PostgreSQL's 2 KB mark keeps them.
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(ContentType)
    # Words as varied as a case's (a vector of repeated patterns would be compressed in the row,
    # which PostgreSQL does only where that saves a quarter).
    rng = random.Random(11)
    text = " ".join("".join(rng.choice("abcdefghijklmnoprstuvyæøå") for _ in range(9)) for _ in range(300))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltoastrelid::regclass::text FROM pg_class"
            " WHERE oid = 'wagtailsearch_indexentry'::regclass"
        )
        (toast_table,) = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {toast_table}")
        (chunks_before,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry"
            " (content_type_id, object_id, title_norm, title, autocomplete, body, title_text, body_text)"
            " VALUES (%s, 'lang', 1.0, to_tsvector('danish', 'Lang'), ''::tsvector,"
            " to_tsvector('danish', %s), '', '') RETURNING id",
            [content_type.pk, text],
        )
        (row_id,) = cursor.fetchone()
        cursor.execute(
            "SELECT pg_column_size(body), pg_column_compression(body) FROM wagtailsearch_indexentry"
            " WHERE id = %s",
            [row_id],
        )
        size, compression = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {toast_table}")
        (chunks_after,) = cursor.fetchone()
    assert size > 2500  # past the mark where PostgreSQL starts moving values out of the row
    assert compression is None
    assert chunks_after == chunks_before


def test_the_gin_indexes_have_no_pending_list():
    # With GIN's pending list, every look-up read the words and rows added since the last vacuum
    # from start to end (22 ms instead of 0.5 ms for a typo's close spellings), and the planner
    # turned away from the index (search/migrations/0004, 0005).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class"
            " WHERE relname IN ('search_vocabularyword_trgm', 'search_indexentry_title_body_gin')"
        )
        options = dict(cursor.fetchall())
    assert options == {
        "search_vocabularyword_trgm": ["fastupdate=off"],
        "search_indexentry_title_body_gin": ["fastupdate=off"],
    }
