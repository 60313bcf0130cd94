"""Which pages a reader may open, for everything that lists pages.

Wagtail checks a page's view restrictions when it is served; a listing (the case index, a phase's
tools, the course list, the dashboard, related links, menus) must leave out the same pages, or it
shows the title and teaser of a page its reader gets refused. Every listing filters with
``visible_to(queryset, user)``; a cached fragment that holds a listing puts ``access_key(user)``
in its key, so readers who may see different pages never share a fragment.

A restriction holds for the page's translations too: restricting the Danish page (or one of its
ancestors) restricts its English copy in the same way, here and when the page is served
(``home.routing.ViewRestrictionCacheMixin``). An editor restricts a page once, in its source
language, and wagtail-localize's translations (made and synced later, in any order) cannot fall
outside it. In the admin the English page shows the restriction as inherited.

The restrictions (a handful on a whole site) are read once per page-tree version; a user's groups
once per permissions version. A site without restrictions costs nothing."""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from home import cache_versions
from home.routing import tree_version

TIMEOUT = 60 * 60
OPEN = "open"


def _restrictions():
    """(restriction id, type, group ids, the paths of the restricted page and its translations)."""

    def build():
        restrictions = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
        keys = {restriction.page.translation_key for restriction in restrictions}
        paths = {}
        for key, path in Page.objects.filter(translation_key__in=keys).values_list("translation_key", "path"):
            paths.setdefault(key, []).append(path)
        return [
            (
                restriction.pk,
                restriction.restriction_type,
                frozenset(group.pk for group in restriction.groups.all()),
                tuple(sorted(paths.get(restriction.page.translation_key, [restriction.page.path]))),
            )
            for restriction in restrictions
        ]

    return cache.get_or_set(f"view-restrictions:{tree_version()}", build, TIMEOUT)


def _group_ids(user):
    if not hasattr(user, "_view_group_ids"):
        key = f"user-groups:{cache_versions.current(cache_versions.PERMISSIONS)}:{user.pk}"
        user._view_group_ids = cache.get_or_set(
            key, lambda: frozenset(user.groups.values_list("pk", flat=True)), TIMEOUT
        )
    return user._view_group_ids


def _passes(restriction_type, group_ids, user):
    if restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction_type == PageViewRestriction.GROUPS:
        return user.is_authenticated and (user.is_superuser or bool(group_ids & _group_ids(user)))
    return False  # shared passwords are switched off; a leftover one hides the page from listings


def hiding(user):
    """The restrictions that hide pages from ``user``: [(restriction id, paths)], by id."""
    restrictions = _restrictions()
    if not restrictions:
        return []
    return [
        (pk, paths)
        for pk, restriction_type, group_ids, paths in restrictions
        if not _passes(restriction_type, group_ids, user)
    ]


def hidden_q(user, prefix=""):
    """A Q on pages (or, with ``prefix`` such as ``"page__"``, on rows pointing at pages) matching
    every page ``user`` may not open; None when there is none."""
    hidden = Q()
    for _pk, paths in hiding(user):
        for path in paths:
            hidden |= Q(**{f"{prefix}path__startswith": path})
    return hidden or None


def visible_to(queryset, user, prefix=""):
    """``queryset`` without the pages ``user`` may not open."""
    hidden = hidden_q(user, prefix)
    return queryset.exclude(hidden) if hidden is not None else queryset


def may_open(page, user):
    """Whether ``user`` may open ``page`` (no database query once the restrictions are cached)."""
    return not any(page.path.startswith(path) for _pk, paths in hiding(user) for path in paths)


def access_key(user):
    """Names what ``user`` may see, for cache keys: the same for every reader the same
    restrictions hide pages from."""
    hidden = [str(pk) for pk, _paths in hiding(user)]
    return "-".join(hidden) if hidden else OPEN
