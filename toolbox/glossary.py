"""Glossary terms marked up where they first appear in a page's text.

The terms of each language are cached (one entry per locale, cleared when a term or the glossary
page changes). Marking parses the rendered HTML with ``html.parser`` and only touches text nodes
outside links, headings and existing mark-up, so editors' HTML is never cut apart."""

import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, ProcessingInstruction
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from home import access, cache_versions

from .models.snippets import GlossaryTerm, danish_sort_key

CACHE_TIMEOUT = 60 * 60 * 24

# Text inside these elements is never marked: links and buttons would nest interactive
# elements, headings stay plain, and dfn/abbr/code are mark-up an author chose already.
SKIPPED_ELEMENTS = {
    "a", "button", "label", "summary", "select", "option", "textarea", "script", "style", "template",
    "h1", "h2", "h3", "h4", "h5", "h6", "dfn", "abbr", "code", "pre", "kbd", "samp", "figcaption",
}  # fmt: skip

# Danish inflections of a noun: "Ankerperson" also matches "Ankerpersonen", "Ankerpersonens",
# "aktører", "aktørerne" and "Udfordringer". Compounds ("aktørkredsen") are left alone.
INFLECTION = r"(?:en|et|ens|ets|er|erne|ernes|ers|e|es|s|n|ns|r|rne|rnes)?"


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    short_definition: str
    forms: tuple
    url: str


def terms_for_language(language_code):
    """The glossary of one language as a tuple of Term, cached. Empty when the language has no
    published glossary page (a mark-up must link somewhere), or when the reader of the request may
    not open it (home/access.py): a term's mark-up links to its entry there."""
    glossary = cache_versions.cached(
        cache_versions.CONTENT,
        "glossary-page-terms",
        language_code,
        compute=lambda: _load_terms(language_code),
        timeout=CACHE_TIMEOUT,
    )
    glossary_page, terms = glossary
    return terms if glossary_page is not None and access.may_open(glossary_page) else ()


def _load_terms(language_code):
    from wagtail.models import Locale

    from .models import GlossaryPage

    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None, ()
    glossary = GlossaryPage.objects.live().filter(locale=locale).first()
    if glossary is None:
        return None, ()
    base_url = glossary.get_url()
    return glossary, tuple(
        Term(
            slug=term.slug,
            term=term.term,
            short_definition=term.short_definition,
            forms=tuple(term.forms),
            url=f"{base_url}#{term.anchor}",
        )
        for term in GlossaryTerm.objects.filter(locale=locale)
    )


@lru_cache(maxsize=16)
def _pattern(terms):
    """One regex for all forms of all terms, longest first so "Co-creation initiativ" wins over
    "Co-creation"; each form is its own named group so a match tells which term it was."""
    alternatives = sorted(
        ((form, index) for index, term in enumerate(terms) for form in term.forms),
        key=lambda pair: -len(pair[0]),
    )
    if not alternatives:
        return None, {}
    groups = {}
    parts = []
    for number, (form, index) in enumerate(alternatives):
        name = f"t{number}"
        groups[name] = terms[index]
        parts.append(f"(?P<{name}>{re.escape(form)}{INFLECTION})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE), groups


# The terms already marked on the page being rendered. A request gets its own set when it starts,
# so each term is marked once per page even when the page renders several bodies through the
# filter; outside a request (emails, commands) each call starts afresh.
_marked_on_page: ContextVar = ContextVar("glossary_marked_on_page", default=None)


def start_page(**kwargs):
    _marked_on_page.set(set())


def end_page(**kwargs):
    _marked_on_page.set(None)


def marked_on_page():
    marked = _marked_on_page.get()
    return set() if marked is None else marked


def mark_terms(html, marked=None, language_code=None):
    """Return ``html`` with the first occurrence of each glossary term not yet in ``marked``
    wrapped as a defined term; ``marked`` is updated with the terms marked here."""
    html = str(html)
    if marked is None:
        marked = marked_on_page()
    terms = terms_for_language(language_code or get_language() or "da")
    pattern, groups = _pattern(terms)
    if pattern is None or not html.strip():
        return mark_safe(html)

    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for text in list(soup.find_all(string=True)):
        if isinstance(text, Comment | Doctype | ProcessingInstruction) or _inside_skipped(text):
            continue
        fragments = _mark_text(str(text), pattern, groups, marked)
        if fragments is not None:
            text.replace_with(BeautifulSoup(fragments, "html.parser"))
            changed = True
    return mark_safe(str(soup) if changed else html)


def _inside_skipped(node):
    return any(parent.name in SKIPPED_ELEMENTS for parent in node.parents)


def _mark_text(text, pattern, groups, marked):
    """The escaped text with new mark-up, or None when nothing in it is marked."""
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        term = groups[match.lastgroup]
        if term.slug in marked:
            continue
        marked.add(term.slug)
        pieces.append(escape(text[position : match.start()]))
        pieces.append(_definition_markup(term, match.group(0)))
        position = match.end()
    if not pieces:
        return None
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def _definition_markup(term, words):
    """The defined term links to its glossary entry; the short definition is its accessible
    description (announced on focus) and a tooltip on hover and focus (toolbox/glossary.css)."""
    definition_id = f"ordforklaring-{term.slug}"
    label = gettext("Ordforklaring")
    link = f'<a href="{escape(term.url)}" aria-describedby="{definition_id}">{escape(words)}</a>'
    return (
        f'<span class="glossary-term"><dfn class="term">{link}</dfn>'
        f'<span class="glossary-term__definition sr-only" role="tooltip" id="{definition_id}">'
        f" ({label}: {escape(term.term)} – {escape(term.short_definition)})</span></span>"
    )


def glossary_by_letter(locale_id, user):
    """The glossary of a language grouped by first letter in Danish alphabetical order. Each term's
    ``read_more`` is its related phase or tool in the same language (page links are shared by
    all translations of a term and point at the Danish page), when ``user`` may open it."""
    from wagtail.models import Page

    from home.access import readable

    terms = sorted(
        GlossaryTerm.objects.filter(locale_id=locale_id).select_related("related_page"),
        key=lambda term: danish_sort_key(term.term),
    )
    keys = {term.related_page.translation_key for term in terms if term.related_page}
    in_language = {
        page.translation_key: page
        for page in Page.objects.live().filter(locale_id=locale_id, translation_key__in=keys)
    }
    letters = {}
    for term in terms:
        if term.related_page:
            page = in_language.get(term.related_page.translation_key, term.related_page)
            term.read_more = page if readable(page, user) else None
        letters.setdefault(term.term[:1].upper(), []).append(term)
    return [{"letter": letter, "terms": entries} for letter, entries in letters.items()]
