"""The index table's ``title`` and ``body`` vectors stored uncompressed (PostgreSQL only).

Ranking a match (``ts_rank``) reads its whole body vector, and PostgreSQL compresses long values
by default: for the 3,843 matches of "tryghed borgere" among 10,000 documents, decompressing the
bodies took more time than matching and ranking together (rank 24.6 ms compressed, 15.3 ms
uncompressed; tests/bench). The vectors are re-written once so the rows already indexed are
stored the new way; rows Wagtail writes afterwards are stored so anyway.

The combined GIN index (0001) also goes without its pending list (``fastupdate = off``): rows
Wagtail indexed went to a list every search read from start to end until a vacuum merged it (up
to 4 MB), and the planner, counting its pages, turned away from the index. Index updates write
into the index at once instead; they run in the background (Celery) or in the loader."""

from django.db import migrations

COLUMNS = ("title", "body")


def store_uncompressed(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry ALTER COLUMN {column} SET STORAGE EXTERNAL")
    schema_editor.execute("ALTER INDEX search_indexentry_title_body_gin SET (fastupdate = off)")
    schema_editor.execute("SELECT gin_clean_pending_list('search_indexentry_title_body_gin'::regclass)")
    # A new value (the vector joined with an empty one: the same lexemes and positions) is stored
    # under the column's new storage; an unchanged one would keep its compressed copy.
    schema_editor.execute(
        "UPDATE wagtailsearch_indexentry SET title = title || ''::tsvector, body = body || ''::tsvector"
    )


def store_compressed(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER INDEX search_indexentry_title_body_gin RESET (fastupdate)")
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry ALTER COLUMN {column} SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_trigram_index_on_expression")]

    operations = [migrations.RunPython(store_uncompressed, store_compressed, elidable=False)]
