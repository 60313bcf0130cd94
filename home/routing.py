"""Serving a page in a fixed, small number of queries, whatever its depth in the tree, through
Wagtail's own serve view and its documented ``Page.route``.

Wagtail resolves a URL one tree level at a time from the site's root page, two queries a level
(the child by slug, then its specific row), before two more for the view restrictions of the page
and its ancestors: 14 queries for a tool four levels down before the page does any work of its
own. Here:

- the home page's ``route`` (``HomePage.route`` calls ``route_below``) finds the deepest page a
  URL names with one query on the URL path, then its specific row with a second, and leaves any
  rest of the URL to that page's own ``route`` (so routable pages such as the ERFA day and the
  lessons keep their sub-URLs);
- ``ViewRestrictionCacheMixin`` remembers that a page has no view restrictions;
- ``active_locale`` keeps the interface language's locale in the cache.

Wagtail finds the site (``Site.find_for_request``) and the home page in the active language
before it calls ``route``, as it does for any Wagtail site.

The cached answers hang on the content version (home/cache_versions.py), bumped when anything
that decides routing or access changes: a page saved, moved or deleted, a site, a locale or a
view restriction changed. Editors save pages a few times an hour; officers read them thousands
of times a day."""

from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction

from home import cache_versions


def active_locale():
    """``Locale.get_active()`` from the cache: the locale of the interface language."""
    language = get_language()
    return cache_versions.cached(
        cache_versions.CONTENT, "locale", language, compute=Locale.get_active, timeout=60 * 60
    )


def route_below(root, request, components):
    """The RouteResult for the URL ``components`` below ``root`` (the home page Wagtail routes
    from): the deepest page they name, found in one query on the URL path, whose own ``route``
    takes the rest. Raises Http404 as ``Page.route`` does."""
    if not components:
        return super(type(root), root).route(request, components)
    prefixes = [root.url_path]
    for component in components:
        prefixes.append(f"{prefixes[-1]}{component}/")
    # URL paths are unique across the whole tree (each starts with its home page's slug), so they
    # alone keep other sites and languages out; the slugs let the query use the slug index.
    found = (
        Page.objects.filter(url_path__in=prefixes[1:], slug__in=components)
        .order_by("-depth")
        .only("id", "depth", "content_type_id")
        .first()
    )
    if found is None:
        return super(type(root), root).route(request, components)  # the home page's own sub-URLs
    # The page's own route: a live check when nothing is left, its sub-URLs or a 404 otherwise.
    return found.specific.route(request, components[found.depth - root.depth :])


# --- view restrictions ---------------------------------------------------------------------------


class ViewRestrictionCacheMixin:
    """Mixin for every page model: Wagtail checks a page's view restrictions (its own, its
    ancestors', through aliases) on every view, two queries each time, and nearly always finds
    none. That "none" is cached; a page that has restrictions is checked by Wagtail as before.
    Either way the answer is a real QuerySet, as Wagtail's admin expects."""

    def get_view_restrictions(self):
        asked = []  # on a miss, the restrictions asked about are handed on, not built again

        def ask():
            asked.append(self._restrictions_of_every_language())
            return asked[0].exists()

        restricted = cache_versions.cached(
            cache_versions.CONTENT, "view-restricted", self.pk, compute=ask, timeout=60 * 60
        )
        if asked:
            return asked[0]
        return self._restrictions_of_every_language() if restricted else PageViewRestriction.objects.none()

    def _restrictions_of_every_language(self):
        """Wagtail's (the page's and its ancestors') and those of the same pages in every other
        language: a restricted Danish page keeps its English translation restricted too
        (home/access.py explains why)."""
        translated = Page.objects.ancestor_of(self, inclusive=True).values("translation_key")
        return super().get_view_restrictions() | PageViewRestriction.objects.filter(
            page__translation_key__in=translated
        )
