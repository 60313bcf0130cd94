from django.db import models


class VocabularyWord(models.Model):
    """A word that stands in the searchable content of one language, with the number of documents
    it stands in: what a misspelt word is corrected to and a compound is split into
    (search/vocabulary.py). Built from the search index, so it holds exactly the words search can
    find; only content everyone may see goes in (a suggestion must not reveal a restricted page).
    On PostgreSQL a trigram index (pg_trgm) finds the close spellings of a word without scanning."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=60)
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="search_vocabulary_word")]

    def __str__(self):
        return self.word
