"""Cached context of the toolbox pages: what a phase or tool page lists (tools, neighbours,
breadcrumbs, templates, cases, lessons) is computed once per page and language and kept until
something that could change it happens: a page is saved, moved or deleted anywhere (a case or
lesson may start or stop pointing here), or a document, glossary term or source is saved. The
content version in the key (home/cache_versions.py) clears every entry at once.

Listings leave out the pages the reader may not open (a restricted case, a restricted phase's
neighbour); the key names what the reader may see (``home.access.access_key``), so readers the
same restrictions apply to share an entry and no one sees another's.

The key also names the page's latest revision, and a preview (an editor's draft, "view draft" or
the live preview panel) neither reads nor writes the cache: the draft is what it renders, as
Wagtail's own ``{% wagtailpagecache %}`` does. The templates cache with ``{% wagtailcache %}``,
which skips the cache in a preview too."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Page

from home import access, cache_versions
from home.access import access_key

TIMEOUT = 60 * 60


def _page_parts(page, user):
    """Name a page's cached listings and rendered fragments: its id and revision, the language and
    what the reader may see (with the version), so anything that invalidates one invalidates both."""
    return page.pk, page.latest_revision_id, get_language(), access_key(user)


def openable(listings, user):
    """``listings`` without the pages ``user`` may not open (home/access.py): taken out of lists,
    None for one."""
    result = {}
    for name, value in listings.items():
        if isinstance(value, Page):
            value = value if access.may_open(value, user) else None
        elif isinstance(value, list):
            value = access.openable(value, user)
        result[name] = value
    return result


def cached_page_context(page, build, request):
    user = request.user
    if getattr(request, "is_preview", False):
        return openable(build(), user)
    return cache_versions.cached(
        cache_versions.CONTENT,
        "toolbox",
        *_page_parts(page, user),
        compute=lambda: openable(build(), user),
        timeout=TIMEOUT,
    )


def page_context(page, build, request):
    """The page's listings for its template, read from the cache only if the template asks: the
    rendered fragments that use them are cached under ``fragment_key`` too, and when they are hit
    the listings (a hundred linked cases and lessons at scale) are neither read nor unpickled."""
    listings = SimpleLazyObject(lambda: cached_page_context(page, build, request))
    fragment_key = cache_versions.key(cache_versions.CONTENT, "toolbox", *_page_parts(page, request.user))
    return {"listings": listings, "fragment_key": fragment_key}
