"""Cached context of the toolbox pages: what a phase or tool page lists (tools, neighbours,
breadcrumbs, templates, cases, lessons) is computed once per page and language and kept until
something that could change it happens: a page is published, unpublished, moved or deleted
anywhere (a case or lesson may start or stop pointing here), or a document, glossary term or
source is saved. A version number in the key clears every entry at once."""

from django.core.cache import cache
from django.utils.translation import get_language

VERSION_KEY = "toolbox:version"
TIMEOUT = 60 * 60


def cached_page_context(page, build):
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"toolbox:{version}:{page.pk}:{get_language()}"
    context = cache.get(key)
    if context is None:
        context = build()
        cache.set(key, context, TIMEOUT)
    return context


def invalidate_toolbox(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
