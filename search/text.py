"""Words as search reads them: the text-search configuration of each language, and a query's words
turned into what the database matches (stemming, prefixes on long words, split compounds).

Danish writes compounds as one word ("tryghedsvandring", "nattelivsindsats") and inflects by
suffix ("nattelivet", "indbruddene"). PostgreSQL's ``danish`` configuration stems but does not
split compounds, so a long query word also matches as a prefix of the indexed words
("natteliv" finds "nattelivsindsats"); the other direction, a compound query whose parts stand in
the content, is search/vocabulary.py's job. SQLite's FTS5 does no stemming: the query words are
stemmed here with the same Snowball algorithm PostgreSQL uses and matched as prefixes."""

import re
from dataclasses import dataclass, field

import snowballstemmer

# The PostgreSQL text-search configuration of each language the site is written in. Pages are
# indexed with their own language's configuration (search/backends.py) and queried with the
# active language's; a language not listed here falls back to DEFAULT_CONFIG.
TEXT_SEARCH_CONFIGS = {"da": "danish", "en": "english"}
DEFAULT_CONFIG = "danish"
# A query word this long (or longer) also matches indexed words that start with it. Shorter words
# match whole: "bil" must not find "bilag", "tryg" should not find "trygfonden".
PREFIX_MIN_LENGTH = 6

_WORD = re.compile(r"\w+", re.UNICODE)


def text_search_config(language_code):
    return TEXT_SEARCH_CONFIGS.get((language_code or "").split("-")[0].lower(), DEFAULT_CONFIG)


def words_of(text):
    """The lower-case words of ``text`` that search can match (letters, at least two)."""
    return [word for word in _WORD.findall((text or "").lower()) if len(word) > 1 and not word.isdigit()]


_STEMMERS = {}


def stem(word, config):
    """The Snowball stem of ``word`` (the algorithm behind PostgreSQL's configuration)."""
    if config not in _STEMMERS:
        _STEMMERS[config] = snowballstemmer.stemmer(config)
    return _STEMMERS[config].stemWord(word.lower())


@dataclass
class Term:
    """One word of a query and the words it may also match as: the parts of a compound, or the
    spelling it was corrected to. A term matches when any of its forms does."""

    word: str
    alternatives: list = field(default_factory=list)

    @property
    def forms(self):
        return [self.word, *[form for form in self.alternatives if form != self.word]]


def terms_of(query):
    return [Term(word.lower()) for word in query.split()]


def _prefixed(word):
    return len(word) >= PREFIX_MIN_LENGTH


def tsquery(terms, operator="and"):
    """The query as the text of PostgreSQL's ``to_tsquery``: each form quoted (the words come from
    ``normalise_query``, letters and digits only), long forms as prefixes."""
    joiner = " & " if operator == "and" else " | "
    parts = []
    for term in terms:
        forms = [f"'{form}':*" if _prefixed(form) else f"'{form}'" for form in term.forms]
        parts.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return joiner.join(parts)


def fts5_query(terms, operator="and", config=DEFAULT_CONFIG):
    """The query as an FTS5 MATCH expression over the title and body columns: each form stemmed
    and matched as a prefix (FTS5 indexes words as written)."""
    joiner = " AND " if operator == "and" else " OR "
    parts = []
    for term in terms:
        forms = []
        for form in term.forms:
            stemmed = stem(form, config)
            forms.append(f'"{stemmed}"*' if len(stemmed) >= 4 else f'"{form}"')
        parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return "{title body} : (" + joiner.join(parts) + ")"
