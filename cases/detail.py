"""What a case page shows besides its own fields: actors, results, goals, quotes, the links in both
directions, and the panels other apps add.

Everything but the panels is handed to the template as unevaluated querysets: the template renders
them inside a fragment cache, so a cached case page runs none of these queries."""

from django.apps import apps
from django.utils.translation import get_language
from wagtail import hooks

from home.references import pages_referencing

from .cache import cache_version
from .models import CaseInspiration, Quote


def lesson_pages_using(case_page):
    """Live lessons that link to the case, once the courses app defines lessons."""
    try:
        lesson_model = apps.get_model("courses", "LessonPage")
    except LookupError:
        return None
    return pages_referencing(case_page, lesson_model).order_by("title")


def case_page_panels(request, case_page):
    """Panels other apps add to a case (e.g. approved ERFA experience posts about it).

    A function registered with ``register_case_page_panels`` receives the request and the case page
    and returns ``None`` or a dict with ``template`` and the context that template needs."""
    panels = []
    for panel_for in hooks.get_hooks("register_case_page_panels"):
        panel = panel_for(request, case_page)
        if panel:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.get("order", 100))


def case_details(request, page):
    return {
        "case_cache_key": f"{cache_version()}:{page.pk}:{get_language()}",
        "actors": page.case_actors.select_related("actor"),
        "results": page.results.all(),
        "goals": page.goals.all(),
        "ripple_effects": page.ripple_effects.all(),
        # Matched through the translation key: a translated quote may still point at the source case.
        "quotes": Quote.objects.filter(case__translation_key=page.translation_key, locale_id=page.locale_id),
        "inspired": page.inspired_links.select_related("inspired_case"),
        "inspired_by": CaseInspiration.objects.filter(inspired_case=page, case__live=True).select_related(
            "case"
        ),
        "phase_links": page.phase_links.filter(phase__live=True).select_related("phase"),
        "tool_links": page.tool_links.filter(tool__live=True).select_related("tool"),
        "lessons": lesson_pages_using(page),
        "case_panels": case_page_panels(request, page),
    }
