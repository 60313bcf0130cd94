"""Cached context of the toolbox pages: what a phase or tool page lists (tools, neighbours,
breadcrumbs, templates, cases, lessons) is computed once per page and language and kept until
something that could change it happens: a page is published, unpublished, moved or deleted
anywhere (a case or lesson may start or stop pointing here), or a document, glossary term or
source is saved. A version number in the key clears every entry at once."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from home import cache_versions

TIMEOUT = 60 * 60


def page_key(page):
    """Names a page's cached listings and rendered fragments: its id, the language and the
    version, so anything that invalidates one invalidates both."""
    return f"{cache_versions.current('toolbox')}:{page.pk}:{get_language()}"


def cached_page_context(page, build):
    return cache.get_or_set(f"toolbox:{page_key(page)}", build, TIMEOUT)


def page_context(page, build):
    """The page's listings for its template, read from the cache only if the template asks: the
    rendered fragments that use them are cached under ``fragment_key`` too, and when they are hit
    the listings (a hundred linked cases and lessons at scale) are neither read nor unpickled."""
    listings = SimpleLazyObject(lambda: cached_page_context(page, build))
    return {"listings": listings, "fragment_key": page_key(page)}


def invalidate_toolbox(**kwargs):
    cache_versions.bump("toolbox")
