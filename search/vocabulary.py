"""The words search can find, per language: what a misspelt query word is corrected to and what a
compound query word is split into.

Built from the search index (``rebuild``: ``manage.py build_search_vocabulary``, run by
``load_catalogue``) and kept current as content is published (search/signals.py adds the words
of each published page and saved glossary term or experience). Only content everyone may see goes
in: live pages without view restrictions, and the objects an anonymous user's
``searchable_for`` would show, so a suggestion never spells out a word of a restricted page. A
word left behind by an unpublished page does no harm: a correction is only used when it finds
something for the user searching.

Corrections (``rewrite``): a query word of five or more letters that is not in the vocabulary is
replaced by the vocabulary word one or two letters away (edit distance), the word standing in
most documents first. On PostgreSQL the candidates come from the ``pg_trgm`` index
(``word % query``, then ``similarity``); on SQLite from difflib over the same words. A compound
("nattelivsindsats") whose first part is a vocabulary word keeps its own form and also matches
as its parts ("natteliv", "indsats"), with or without the Danish linking -s- or -e-."""

import difflib
from collections import Counter

from django.db import connection, transaction
from django.db.models.functions import Length

from home import access, invalidation

from .models import VocabularyWord
from .text import Term, words_of

MIN_CORRECTED_LENGTH = 5
MAX_EDITS = 2
MIN_PART_LENGTH = 4
MAX_WORD_LENGTH = 60
CANDIDATES = 12
LINKING_LETTERS = ("s", "e")


# --- building ------------------------------------------------------------------------------------


def _entry_texts(entries):
    """(content type id, object id, text) of index entries: the plain text Wagtail keeps beside
    the vectors on PostgreSQL, the indexed columns themselves on SQLite."""
    if connection.vendor == "postgresql":
        rows = entries.values_list("content_type_id", "object_id", "title_text", "body_text")
    else:
        rows = entries.values_list("content_type_id", "object_id", "title", "body")
    for content_type_id, object_id, title, body in rows.iterator(chunk_size=500):
        yield content_type_id, object_id, f"{title or ''} {body or ''}"


def _public(search_type):
    """What everyone may find of one searched type."""
    from django.contrib.auth.models import AnonymousUser

    model = search_type.model
    if search_type.is_page:
        return access.visible_to(model.objects.live(), AnonymousUser())
    if search_type.queryset is not None:
        return search_type.queryset(model, AnonymousUser())
    return model.searchable_for(AnonymousUser())


def _counts(queryset):
    """How many of ``queryset``'s index entries each (language, word) stands in."""
    from modelsearch.utils import get_descendants_content_types_pks
    from wagtail.search.models import IndexEntry

    from .registry import has_field

    if has_field(queryset.model, "locale"):
        languages = dict(queryset.values_list("pk", "locale__language_code"))
    else:
        languages = dict.fromkeys(queryset.values_list("pk", flat=True), "da")
    counts = Counter()
    if not languages:
        return counts
    entries = IndexEntry.objects.filter(
        content_type__in=get_descendants_content_types_pks(queryset.model),
        object_id__in=[str(pk) for pk in languages],
    )
    for _content_type, object_id, text in _entry_texts(entries):
        language = languages.get(int(object_id)) if object_id.isdigit() else None
        if language is None:
            continue
        for word in set(words_of(text)):
            if len(word) <= MAX_WORD_LENGTH:
                counts[(language.split("-")[0], word)] += 1
    return counts


def rebuild():
    """Replace the vocabulary with the words of everything everyone may find; returns its size."""
    from .registry import available_types

    counts = Counter()
    for search_type in available_types():
        counts.update(_counts(_public(search_type)))
    with transaction.atomic():
        VocabularyWord.objects.all().delete()
        VocabularyWord.objects.bulk_create(
            [
                VocabularyWord(language=language, word=word, documents=n)
                for (language, word), n in counts.items()
            ],
            batch_size=2000,
        )
    # Cached search outcomes may hold the old suggestions (home/invalidation.py).
    invalidation.changed.send(sender=VocabularyWord)
    return len(counts)


def add_object(obj):
    """Add the words of one object's index entry (after it was published or saved), if everyone
    may find it."""
    from .registry import available_types

    for search_type in available_types():
        if isinstance(obj, search_type.model):
            counts = _counts(_public(search_type).filter(pk=obj.pk))
            VocabularyWord.objects.bulk_create(
                [VocabularyWord(language=language, word=word) for (language, word) in counts],
                ignore_conflicts=True,
            )
            return


# --- using ---------------------------------------------------------------------------------------


def edit_distance(a, b):
    """Levenshtein distance (insertions, deletions, substitutions) between two short words."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _known(words, language):
    return set(
        VocabularyWord.objects.filter(language=language, word__in=words).values_list("word", flat=True)
    )


def _candidates(word, language):
    """(word, documents) of vocabulary words spelt like ``word``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                # lower(word): the expression the trigram index is on (search/migrations/0004).
                "SELECT word, documents FROM search_vocabularyword WHERE language = %s"
                " AND lower(word) %% %s ORDER BY similarity(lower(word), %s) DESC LIMIT %s",
                [language, word, word, CANDIDATES],
            )
            return cursor.fetchall()
    # Only words of about the same length can be two edits away: no need to compare the rest.
    vocabulary = dict(
        VocabularyWord.objects.annotate(length=Length("word"))
        .filter(language=language, length__range=(len(word) - MAX_EDITS, len(word) + MAX_EDITS))
        .values_list("word", "documents")
    )
    close = difflib.get_close_matches(word, vocabulary, n=CANDIDATES, cutoff=0.6)
    return [(candidate, vocabulary[candidate]) for candidate in close]


def correction(word, language):
    """The vocabulary word ``word`` is most likely a misspelling of, or None."""
    if len(word) < MIN_CORRECTED_LENGTH:
        return None
    best = None
    for candidate, documents in _candidates(word, language):
        distance = edit_distance(word, candidate)
        if distance == 0 or distance > MAX_EDITS:
            continue
        key = (distance, -documents, candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best else None


def compound_parts(word, known):
    """The parts of a compound ``word`` that are vocabulary words (``known`` holds the words
    among its candidate parts): the longest first part, and the rest when that is a word too."""
    for split in range(len(word) - MIN_PART_LENGTH + 1, MIN_PART_LENGTH - 1, -1):
        head, rest = word[:split], word[split:]
        if head not in known:
            continue
        tails = [rest] + [rest[1:] for letter in LINKING_LETTERS if rest.startswith(letter)]
        tail = next((t for t in tails if len(t) >= MIN_PART_LENGTH - 1 and t in known), None)
        return [head, tail] if tail else [head]
    return []


def _part_candidates(word):
    candidates = set()
    for split in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 2):
        rest = word[split:]
        candidates.update((word[:split], rest))
        candidates.update(rest[1:] for letter in LINKING_LETTERS if rest.startswith(letter))
    return candidates


def rewrite(terms, language):
    """``(terms, corrected query or None)``: the query's unknown words split into their parts or
    corrected to a vocabulary word. The corrected query is what "Mente du" offers; it is None
    when no word was corrected (splitting a compound is not a correction)."""
    language = (language or "da").split("-")[0]
    words = [term.word for term in terms]
    known = _known(words, language)
    unknown = [word for word in words if word not in known]
    if not unknown:
        return terms, None
    part_words = set()
    for word in unknown:
        part_words |= _part_candidates(word)
    known_parts = _known(part_words, language) if part_words else set()
    rewritten, corrected, changed = [], [], False
    for term in terms:
        if term.word in known:
            rewritten.append(term)
            corrected.append(term.word)
            continue
        parts = compound_parts(term.word, known_parts)
        if parts:
            rewritten.append(Term(term.word, alternatives=parts))
            corrected.append(term.word)
            continue
        fixed = correction(term.word, language)
        if fixed:
            rewritten.append(Term(fixed))
            corrected.append(fixed)
            changed = True
        else:
            rewritten.append(term)
            corrected.append(term.word)
    return rewritten, (" ".join(corrected) if changed else None)
