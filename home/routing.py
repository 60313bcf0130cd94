"""Serving a page in a fixed, small number of queries, whatever its depth in the tree.

Wagtail resolves a URL one tree level at a time, two queries a level (the child by slug, then its
specific row), after a query each for the site and the active locale, and before two more for
the view restrictions of the page and its ancestors: 14 queries for a tool four levels down
before the page does any work of its own. Here:

- the site and the locales come from the cache (``CachedSiteMiddleware``, ``active_locale``);
- ``route`` finds the deepest page a URL names with one query on the URL path, then its specific
  row with a second, and leaves any rest of the URL to that page's own ``route`` (so routable
  pages such as the ERFA day keep their sub-URLs);
- ``ViewRestrictionCacheMixin`` remembers that a page has no view restrictions.

All of it hangs on the content version (home/cache_versions.py), bumped when anything that decides
routing or access changes: a page saved, moved or deleted, a site, a locale or a view restriction
changed. Editors
save pages a few times an hour; officers read them thousands of times a day."""

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from home import cache_versions


def tree_version():
    return cache_versions.current(cache_versions.CONTENT)


# --- site and locale -----------------------------------------------------------------------------


class CachedSiteMiddleware:
    """Gives Wagtail the request's site from the cache; Wagtail looks for it on
    ``request._wagtail_site`` before it queries (``Site.find_for_request``). The middleware never
    queries itself: on a miss, the site Wagtail finds while answering is cached afterwards (and a
    view that needs no site, such as /healthz, needs no database for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = f"site:{tree_version()}:{request._get_raw_host()}:{request.get_port()}"
        site = cache.get(key)
        if site is not None:
            request._wagtail_site = site
        response = self.get_response(request)
        if site is None and getattr(request, "_wagtail_site", None) is not None:
            cache.set(key, request._wagtail_site, 60 * 60)
        return response


def active_locale():
    """``Locale.get_active()`` from the cache: the locale of the interface language."""
    language = get_language()
    return cache.get_or_set(f"locale:{tree_version()}:{language}", Locale.get_active, 60 * 60)


def localized_root(site, locale):
    """(path, depth, url_path) of the site's home page in ``locale``, or of the site's own home page
    when it has no translation in that language (as Wagtail's ``localized`` does)."""

    def find():
        page = site.root_page.localized
        return (page.path, page.depth, page.url_path)

    return cache.get_or_set(f"site-root:{tree_version()}:{site.pk}:{locale.pk}", find, 60 * 60)


# --- routing -------------------------------------------------------------------------------------


def route(request, path):
    """The RouteResult for ``path`` on the request's site, or None (a 404)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root_path, root_depth, root_url_path = localized_root(site, active_locale())
    prefixes = [root_url_path]
    for component in components:
        prefixes.append(f"{prefixes[-1]}{component}/")
    # The deepest page along the URL, in one query on the slug index. URL paths are unique across
    # the whole tree (each starts with its home page's slug), so they alone keep other sites and
    # languages out.
    found = (
        Page.objects.filter(url_path__in=prefixes)
        .filter(**({"slug__in": components} if components else {"path": root_path}))
        .order_by("-depth")
        .first()
    )
    if found is None:
        if components:  # the home page itself is not in the slug-filtered search
            found = Page.objects.get(path=root_path)
        else:
            return None
    remaining = components[found.depth - root_depth :]
    try:
        # The page's own route takes it from here: a live check when nothing is left, its own
        # sub-URLs (routable pages) or a 404 otherwise.
        return found.specific.route(request, remaining)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, with the route found here. Wagtail reads a route already found for
    the request from ``request._wagtail_route_for_request`` (``Page.route_for_request``)."""
    from wagtail import views as wagtail_views  # not at import: this module is imported by models

    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)


# --- view restrictions ---------------------------------------------------------------------------


class ViewRestrictionCacheMixin:
    """Mixin for every page model: Wagtail checks a page's view restrictions (its own, its
    ancestors', through aliases) on every view, two queries each time, and nearly always finds
    none. That "none" is cached; a page that has restrictions is checked by Wagtail as before.
    Either way the answer is a real QuerySet, as Wagtail's admin expects."""

    def get_view_restrictions(self):
        key = f"view-restricted:{tree_version()}:{self.pk}"
        restricted = cache.get(key)
        if restricted is None:
            restrictions = self._restrictions_of_every_language()
            restricted = restrictions.exists()
            cache.set(key, restricted, 60 * 60)
            return restrictions
        return self._restrictions_of_every_language() if restricted else PageViewRestriction.objects.none()

    def _restrictions_of_every_language(self):
        """Wagtail's (the page's and its ancestors') and those of the same pages in every other
        language: a restricted Danish page keeps its English translation restricted too
        (home/access.py explains why)."""
        translated = Page.objects.ancestor_of(self, inclusive=True).values("translation_key")
        return super().get_view_restrictions() | PageViewRestriction.objects.filter(
            page__translation_key__in=translated
        )
