"""Which pages a reader may open: the site's one rule, asked by every surface.

Serving (``home.routing.ViewRestrictionCacheMixin`` feeds Wagtail's own check), listings,
navigation, tables of contents, previous/next, reference cards, rich-text links
(``ReaderPageLinkHandler`` in home/rich_text.py), search in every language (search/visibility.py),
the vocabulary of corrections, the glossary, the initiative workspace and documents all ask the
functions here:
``may_open(page, user)`` for one page, ``visible_to(queryset, user)`` or ``openable(pages, user)``
for many. Nothing else decides it; a template asks through ``{% load access_tags %}``.

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

from contextvars import ContextVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from home import cache_versions

TIMEOUT = 60 * 60
OPEN = "open"

# Set for the length of a request by ``ReaderMiddleware``: who is reading, and ``hiding``'s answers
# by user id (the restrictions cannot change under a request that only reads, and one that
# publishes redirects before anything is listed again).
_reader = ContextVar("reader", default=None)
_answers = ContextVar("access_answers", default=None)


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

    return cache_versions.cached(cache_versions.CONTENT, "view-restrictions", compute=build, timeout=TIMEOUT)


def _group_ids(user):
    if not hasattr(user, "_view_group_ids"):
        user._view_group_ids = cache_versions.cached(
            cache_versions.PERMISSIONS,
            "user-groups",
            user.pk,
            compute=lambda: frozenset(user.groups.values_list("pk", flat=True)),
            timeout=TIMEOUT,
        )
    return user._view_group_ids


def _passes(restriction_type, group_ids, user):
    if restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction_type == PageViewRestriction.GROUPS:
        return user.is_authenticated and (user.is_superuser or bool(group_ids & _group_ids(user)))
    return False  # shared passwords are switched off; a leftover one hides the page from listings


def hiding(user):
    """The restrictions that hide pages from ``user``: [(restriction id, paths)], by id. Asked
    for every link a page shows, so a request remembers the answer per reader (``_answers``)."""
    answers = _answers.get()
    reader_key = getattr(user, "pk", None)
    if answers is not None and reader_key in answers:
        return answers[reader_key]
    restrictions = _restrictions()
    hidden = [
        (pk, paths)
        for pk, restriction_type, group_ids, paths in restrictions
        if not _passes(restriction_type, group_ids, user)
    ]
    if answers is not None:
        answers[reader_key] = hidden
    return hidden


def hidden_paths(user=None):
    """The tree paths under which every page is hidden from ``user`` (by default the reader of
    this request, ``reader()``), as a tuple for ``str.startswith``: for rows already loaded
    (cached outlines, menus) that carry a page's path."""
    return tuple(path for _pk, paths in hiding(reader() if user is None else user) for path in paths)


def hidden_q(user, prefix=""):
    """A Q on pages (or, with ``prefix`` such as ``"page__"``, on rows pointing at pages) matching
    every page ``user`` may not open; None when there is none."""
    hidden = Q()
    for path in hidden_paths(user):
        hidden |= Q(**{f"{prefix}path__startswith": path})
    return hidden or None


def visible_to(queryset, user, prefix=""):
    """``queryset`` without the pages ``user`` may not open."""
    hidden = hidden_q(user, prefix)
    return queryset.exclude(hidden) if hidden is not None else queryset


def may_open(page, user=None):
    """Whether ``user`` (by default the reader of this request, ``reader()``) may open ``page``:
    no view restriction on it, an ancestor or a translation of either hides it from them. No
    database query once the restrictions are cached. Listings filter ``live`` in their query; a
    single reference asks ``readable`` instead, which checks that too."""
    return not page.path.startswith(hidden_paths(user))  # startswith(()) is False


def readable(page, user=None):
    """Whether ``page`` is there for ``user`` to open: live, and ``may_open``. For a reference
    to one page (a card in a lesson, a link in rich text, a relation); None reads as no."""
    return page is not None and bool(page.live) and may_open(page, user)


def openable(pages, user=None):
    """The pages of an already loaded list that ``user`` may open, in their order; items that are
    not pages (anything without a tree path) are kept."""
    hidden = hidden_paths(user)
    return [page for page in pages if not getattr(page, "path", "").startswith(hidden)]


def access_key(user):
    """Names what ``user`` may see, for cache keys: the same for every reader the same
    restrictions hide pages from."""
    hidden = [str(pk) for pk, _paths in hiding(user)]
    return "-".join(hidden) if hidden else OPEN


# --- the reader of this request -------------------------------------------------------------------


def reader():
    """Who the current request is for: rendering that is handed no request (rich-text links, a
    block's template) asks the rule for this user. Outside a request, an anonymous reader: text
    rendered by a background job links only to what every signed-in person may open."""
    return _reader.get() or AnonymousUser()


class ReaderMiddleware:
    """Remembers the request's user as ``reader()`` while the request is answered (after
    AuthenticationMiddleware). A context variable, so threads and async requests keep their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, answers = _reader.set(getattr(request, "user", None)), _answers.set({})
        try:
            return self.get_response(request)
        finally:
            _reader.reset(token)
            _answers.reset(answers)
