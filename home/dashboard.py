"""The home page is a dashboard that other apps add panels to, so home never imports them.

An app registers a function with the ``register_home_panel`` hook. It receives the request and the
home page and returns ``None`` (nothing to show) or a dict with ``template``, ``order`` and any
context the template needs."""

from . import cache_versions
from .access import access_key, visible_to
from .panels import hook_panels


def dashboard_panels(request, home_page):
    return hook_panels("register_home_panel", request, home_page)


WHATS_NEW_COUNT = 6


def recently_published(home_page, user):
    """The newest content pages below this home page (its own language) that ``user`` may open,
    newest first.

    Section index pages (the home page's children) are left out: they change when their children
    do, which says nothing new. The same for everyone the same restrictions apply to, so cached
    per ``access_key`` until the page tree changes (three queries, 10 ms at a thousand cases, on
    every visit to the home page otherwise)."""
    return cache_versions.cached(
        cache_versions.CONTENT,
        "whats-new",
        home_page.pk,
        access_key(user),
        compute=lambda: _recently_published(home_page, user),
        timeout=60 * 60,
    )


def _recently_published(home_page, user):
    return list(
        visible_to(home_page.get_descendants().live(), user)
        .filter(depth__gt=home_page.depth + 1, first_published_at__isnull=False)
        .order_by("-first_published_at")
        .specific(defer=True)[:WHATS_NEW_COUNT]
    )
