"""What a case page shows besides its own fields: actors, results, goals, quotes, the links in both
directions, and the panels other apps add.

Everything but the panels is handed to the template lazily: the template renders it inside a
fragment cache, so a cached case page runs none of these queries.

Page choosers are synchronised across translations, so the links of an English case still point at
Danish pages; they are shown through the linked pages' translations in the case's language."""

from django.apps import apps
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Page

from home.panels import hook_panels
from home.references import translated_pages_referencing

from .cache import cache_version
from .models import CaseInspiration, Quote


def localized_links(links, target_name, locale_id):
    """The links as a list, each with ``target``: the linked page in ``locale_id`` when it has a live
    translation there, else the page itself. One query for all translations."""
    links = list(links)
    foreign_keys = {
        getattr(link, target_name).translation_key
        for link in links
        if getattr(link, target_name).locale_id != locale_id
    }
    translations = {}
    if foreign_keys:
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(translation_key__in=foreign_keys, locale_id=locale_id)
        }
    for link in links:
        target = getattr(link, target_name)
        link.target = (
            translations.get(target.translation_key, target) if target.locale_id != locale_id else target
        )
    return links


def lessons_about(case_page):
    """Live lessons in the case's language that link to the case or one of its translations, once
    the courses app defines lessons."""
    try:
        lesson_model = apps.get_model("courses", "LessonPage")
    except LookupError:
        return []
    return translated_pages_referencing(case_page, lesson_model)


def case_page_panels(request, case_page):
    """Panels other apps add to a case (e.g. approved ERFA experience posts about it).

    A function registered with ``register_case_page_panels`` receives the request and the case page
    and returns ``None`` or a dict with ``template`` and the context that template needs."""
    return hook_panels("register_case_page_panels", request, case_page)


def case_details(request, page):
    locale_id = page.locale_id
    return {
        "case_cache_key": f"{cache_version()}:{page.pk}:{get_language()}",
        "actors": page.case_actors.select_related("actor"),
        "results": page.results.all(),
        "goals": page.goals.all(),
        "ripple_effects": page.ripple_effects.all(),
        # Matched through the translation key: a translated quote may still point at the source case.
        "quotes": Quote.objects.filter(case__translation_key=page.translation_key, locale_id=locale_id),
        "inspired": SimpleLazyObject(
            lambda: (
                [
                    link
                    for link in localized_links(
                        page.inspired_links.filter(inspired_case__isnull=False).select_related(
                            "inspired_case"
                        ),
                        "inspired_case",
                        locale_id,
                    )
                    if link.target.live
                ]
                + list(page.inspired_links.filter(inspired_case__isnull=True))
            )
        ),
        "inspired_by": CaseInspiration.objects.filter(
            inspired_case__translation_key=page.translation_key, case__locale_id=locale_id, case__live=True
        ).select_related("case"),
        "phase_links": SimpleLazyObject(
            lambda: localized_links(
                page.phase_links.filter(phase__live=True).select_related("phase"), "phase", locale_id
            )
        ),
        "tool_links": SimpleLazyObject(
            lambda: localized_links(
                page.tool_links.filter(tool__live=True).select_related("tool"), "tool", locale_id
            )
        ),
        "lessons": SimpleLazyObject(lambda: lessons_about(page)),
        "case_panels": case_page_panels(request, page),
    }
