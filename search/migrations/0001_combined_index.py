"""A GIN index on ``title || body`` of Wagtail's search index table (PostgreSQL only).

Wagtail's database backend on PostgreSQL filters on the concatenated vector
``(wagtailsearch_indexentry.title || wagtailsearch_indexentry.body) @@ query``
(modelsearch/backends/database/postgres/postgres.py, ``PostgresSearchQueryCompiler.search``), but
its own migrations index each column separately, which that expression cannot use: every search
read the whole table. An expression index on exactly the same expression lets PostgreSQL find the
matching rows through the index (tests/search/test_index.py checks the plan with EXPLAIN)."""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
