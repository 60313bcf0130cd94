"""The vocabulary search corrects typos against (search.models.VocabularyWord) and, on PostgreSQL,
the ``pg_trgm`` extension with a trigram index on its words, so the close spellings of a word are
found through the index instead of comparing it with every word. ``pg_trgm`` is a trusted
extension (PostgreSQL 13+): the database's owner may create it. SQLite matches the same words in
Python (search/vocabulary.py), so nothing is needed there."""

from django.db import migrations, models

TRIGRAM_INDEX = "search_vocabularyword_trgm"


def enable_trigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON search_vocabularyword USING gin (word gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other parts of a database may use it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_combined_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="VocabularyWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=10)),
                ("word", models.CharField(max_length=60)),
                ("documents", models.PositiveIntegerField(default=1)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("language", "word"), name="search_vocabulary_word")
                ],
            },
        ),
        migrations.RunPython(enable_trigrams, drop_trigram_index, elidable=False),
    ]
