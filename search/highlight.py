"""Snippets with the matched words marked, safe to put in a page.

Text from the index is untrusted (editors' and participants' text): it is always escaped first and
only then are ``<mark>`` tags added, so nothing from the content can become markup."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# PostgreSQL's ts_headline marks matches with these; they never come out unescaped.
START_SEL = "⟦"
STOP_SEL = "⟧"
_MARKED = re.compile(re.escape(START_SEL) + r"(.*?)" + re.escape(STOP_SEL), re.S)

SNIPPET_WORDS = 30


def mark_headline(headline):
    """Turn ts_headline output (delimited with START_SEL/STOP_SEL) into safe HTML."""
    escaped = escape(headline)
    return mark_safe(_MARKED.sub(r"<mark>\1</mark>", escaped))


def _stem(term):
    # A crude prefix stem so "indbruddene" marks "indbrud" and the reverse; good enough for a
    # snippet on SQLite, where the index itself does no stemming.
    term = term.lower()
    return term[: max(4, len(term) - 3)] if len(term) > 4 else term


def highlight(text, terms, words=SNIPPET_WORDS):
    """A window of ``words`` words of ``text`` around the first match, matches in ``<mark>``."""
    tokens = re.split(r"(\w+)", text or "")
    stems = {_stem(term) for term in terms if term}
    word_positions = [i for i in range(1, len(tokens), 2)]
    if not word_positions:
        return mark_safe("")

    def matches(token):
        lowered = token.lower()
        return any(
            lowered.startswith(stem) or stem.startswith(lowered) and len(lowered) >= 4 for stem in stems
        )

    first = next((n for n, i in enumerate(word_positions) if matches(tokens[i])), 0)
    start_word = max(0, first - words // 3)
    end_word = min(len(word_positions), start_word + words)
    start = word_positions[start_word]
    end = word_positions[end_word - 1] + 1

    parts = []
    for i in range(start, end):
        token = tokens[i]
        if i % 2 == 1 and matches(token):
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    snippet = "".join(parts)
    if start_word > 0:
        snippet = "… " + snippet
    if end_word < len(word_positions):
        snippet += " …"
    return mark_safe(snippet)
