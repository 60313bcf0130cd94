"""``search_matched_scores(query, weights, content_types)``: the index rows of those content types
whose ``title || body`` match a tsquery, always found through the combined GIN index, with the
backend's score (PostgreSQL only).

The planner cannot estimate prefix queries: for ``'samskab':*`` it adds up the frequencies of
every indexed word starting with "samskab" (samskabelse, samskabende, samskabelsesforløb, …),
which overlap, and expects 93 % of the table to match where 22 % does. Expecting nearly every
row, it reads the whole table and concatenates ``title || body`` for each row (20 ms at catalogue
size) instead of using the index (4 ms). A function's own settings apply while its query is
planned, so inside it sequential scans are switched off: a genuinely common word still costs a
bitmap scan of the table, never more, and the index never decompresses the vectors to decide."""

from django.db import migrations

# The score is Wagtail's PostgreSQL backend's: the title's rank × its length norm + the body's.
CREATE = """
CREATE OR REPLACE FUNCTION search_matched_scores(query tsquery, weights float4[], content_types integer[])
RETURNS TABLE(content_type_id integer, object_id varchar, score float4)
LANGUAGE sql STABLE ROWS 200 SET enable_seqscan = off
AS $$
    SELECT content_type_id, object_id, ts_rank(weights, title, query) * title_norm + ts_rank(weights, body, query)
    FROM wagtailsearch_indexentry
    WHERE (title || body) @@ query AND content_type_id = ANY(content_types)
$$
"""


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS search_matched_scores(tsquery, float4[], integer[])")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vocabulary")]

    operations = [migrations.RunPython(create_function, drop_function, elidable=False)]
