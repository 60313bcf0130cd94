"""Cached context of the toolbox pages: what a phase or tool page lists (tools, neighbours,
breadcrumbs, templates, cases, lessons) is computed once per page and language and kept until
something that could change it happens: a page is published, unpublished, moved or deleted
anywhere (a case or lesson may start or stop pointing here), or a document, glossary term or
source is saved. A version number in the key clears every entry at once."""

from django.core.cache import cache
from django.utils.translation import get_language

from home import cache_versions

TIMEOUT = 60 * 60


def cached_page_context(page, build):
    key = f"toolbox:{cache_versions.current('toolbox')}:{page.pk}:{get_language()}"
    context = cache.get(key)
    if context is None:
        context = build()
        cache.set(key, context, TIMEOUT)
    return context


def invalidate_toolbox(**kwargs):
    cache_versions.bump("toolbox")
