from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Locale, Site

from . import cache_versions
from .access import hidden_paths


def navigation(request):
    """The header's sections: the home page's children shown in menus, in the active language,
    and the user menu's links that apps register with the ``register_user_menu_item`` hook
    (a function of the request returning ``{"label", "url"}`` or ``None``).

    Cached per host and language under the content version: the site is looked up only to build
    the entry, so a view that is not a page (My learning, search) needs no site query for it."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    language = get_language() or "da"
    # A version number in the key lets a publish invalidate every site and language at once.
    nav = cache_versions.cached(
        cache_versions.CONTENT,
        "nav",
        request.get_host(),
        language,
        compute=lambda: _build_navigation(Site.find_for_request(request), language),
        timeout=60 * 60,
    )
    if nav is None:
        return {}
    user_menu = [
        item for item_for in hooks.get_hooks("register_user_menu_item") if (item := item_for(request))
    ]
    # Cached for everyone; a section the user may not open is left out here, per request.
    hidden = hidden_paths(request.user)
    sections = [s for s in nav["sections"] if not s["tree_path"].startswith(hidden)]
    return {"nav_home": nav["home"], "nav_sections": sections, "user_menu": user_menu}


def _build_navigation(site, language):
    if site is None:
        return None
    root = site.root_page
    try:
        locale = Locale.objects.get(language_code=language)
        home = root.get_translation(locale) if root.locale_id != locale.pk else root
    except (Locale.DoesNotExist, root.DoesNotExist):
        home = root
    sections = [
        {"title": page.title, "url": page.url, "path": page.url_path, "tree_path": page.path}
        for page in home.get_children().live().in_menu().specific(defer=True)
    ]
    return {"home": {"title": home.title, "url": home.url}, "sections": sections}
