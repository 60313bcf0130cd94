"""The index table's ``title`` and ``body`` vectors kept in the row itself, uncompressed
(PostgreSQL only).

0005 stored them uncompressed but let PostgreSQL move them out of the row (``EXTERNAL``): a body
vector averages 1.9 KB and the row's text columns come on top of it, so most rows went past the
2 KB mark and their vectors were moved to the TOAST table. Ranking a match reads its whole body
vector, and each out-of-line vector is one more index look-up and one to three more pages to
read. With ``MAIN`` a vector stays in the row; it is compressed only when the row would not fit
otherwise, and moved out only when even that does not help (no vector in the catalogue or in
the bench comes near that). The plain texts (``title_text``, ``body_text``) are read only for a
result page's snippets and stay as they were, so they are what leaves the row.

Measured on the bench's 10,000 index rows (tests/bench): the matching function took 21.6 ms for
the 3,843 matches of "tryghed borgere" with the vectors out of line and 10.0 ms with them in the
row; "samskabelse" (3,125 matches) 15.6 ms and 6.7 ms. Rows already indexed are re-written once
so they are stored the new way; a ``VACUUM FULL`` afterwards gives back the space the old copies
took (docs/OPERATIONS.md)."""

from django.db import migrations

COLUMNS = ("title", "body")


def keep_in_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry ALTER COLUMN {column} SET STORAGE MAIN")
    # A new value (the vector joined with an empty one: the same lexemes and positions) is stored
    # under the column's new storage; an unchanged one would stay where it is.
    schema_editor.execute(
        "UPDATE wagtailsearch_indexentry SET title = title || ''::tsvector, body = body || ''::tsvector"
    )


def store_out_of_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry ALTER COLUMN {column} SET STORAGE EXTERNAL")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_storage")]

    operations = [migrations.RunPython(keep_in_row, store_out_of_row, elidable=False)]
