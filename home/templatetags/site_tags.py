from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from home import cache_versions, routing

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per interface language to the current page in that language.

    For a Wagtail page it is the page's translation (or the home page in that language when the
    page has none yet); for any other view, the same URL with the other language prefix."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        translations = translation_urls(page)
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        else:
            url = translate_url(request.get_full_path(), code)
            if page is not None and url == request.get_full_path() and code != current:
                url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def translation_urls(page):
    """{language code: URL} of the live translations of ``page``, the page itself included; from
    the cache until the page tree changes (any page saved, moved or deleted)."""
    return cache_versions.cached(
        cache_versions.CONTENT,
        "translation-urls",
        page.translation_key,
        compute=lambda: {
            p.locale.language_code: p.url
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        },
        timeout=60 * 60,
    )


@register.simple_tag
def active_locale():
    return routing.active_locale()


@register.simple_tag
def signup_open():
    return bool(settings.SIGNUP_EMAIL_DOMAINS)
