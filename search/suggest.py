"""“Did you mean …?” for a search with no results.

Fuzzy matching over the whole index is slow (pg_trgm scans every body), so suggestions come from a
small vocabulary: the titles of the pages the user may open and the glossary terms, in the active
locale. Words are compared with difflib, which needs no database extension."""

import difflib
import re

_WORD = re.compile(r"\w{3,}", re.UNICODE)
MAX_SUGGESTIONS = 3


def vocabulary(site_search):
    """Lower-case words and whole titles the user can find."""
    titles = []
    page_types = site_search.page_types()
    if page_types:
        titles.extend(site_search.visible_pages().values_list("title", flat=True))
    for search_type in site_search.object_types():
        if search_type.key == "term":
            titles.extend(str(term) for term in site_search.visible_objects(search_type))
    words = set()
    for title in titles:
        words.update(word.lower() for word in _WORD.findall(title))
    return words, [title for title in titles if title]


def suggestions(query, site_search):
    """Up to three queries close to ``query`` that would find something."""
    words, titles = vocabulary(site_search)
    found = []
    whole = difflib.get_close_matches(query, titles, n=MAX_SUGGESTIONS, cutoff=0.7)
    found.extend(whole)
    corrected = []
    for word in query.lower().split():
        if word in words:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, words, n=1, cutoff=0.7)
        corrected.append(close[0] if close else word)
    candidate = " ".join(corrected)
    if candidate != query.lower() and candidate not in (t.lower() for t in found):
        found.insert(0, candidate)
    return found[:MAX_SUGGESTIONS]
