"""What other apps say about a phase or a tool: the cases that reached or link to it, the lessons
that teach it, and panels (ERFA experiences) registered with ``register_toolbox_page_panels``.

The toolbox never imports those apps: their models are looked up by name and a section is left
out while its app has no such model. Links point at the Danish page (page choosers are
synchronised across translations), so a translated phase matches them by translation key."""

from django.apps import apps
from django.db.models import Q
from wagtail.models import Page

from home.panels import hook_panels
from home.references import translated_pages_referencing


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _translations_of(page):
    return Page.objects.filter(translation_key=page.translation_key).values("pk")


def cases_for_phase(phase):
    """Live cases in the phase's language that reached this phase or link to it (one query)."""
    case_model = _model("cases", "CasePage")
    link_model = _model("cases", "CasePhaseLink")
    if case_model is None or link_model is None:
        return []
    linked = link_model.objects.filter(phase__in=_translations_of(phase)).values("case__translation_key")
    return list(
        case_model.objects.live()
        .filter(locale_id=phase.locale_id)
        .filter(Q(phase_reached=phase.number) | Q(translation_key__in=linked))
        .order_by("title")
    )


def cases_for_tool(tool):
    """Live cases in the tool's language that link to this tool (one query)."""
    case_model = _model("cases", "CasePage")
    link_model = _model("cases", "CaseToolLink")
    if case_model is None or link_model is None:
        return []
    linked = link_model.objects.filter(tool__in=_translations_of(tool)).values("case__translation_key")
    return list(
        case_model.objects.live()
        .filter(locale_id=tool.locale_id, translation_key__in=linked)
        .order_by("title")
    )


def lessons_referencing(page):
    """Live lessons in the page's language that link to it or to one of its translations (one query)."""
    lesson_model = _model("courses", "LessonPage")
    if lesson_model is None:
        return []
    return translated_pages_referencing(page, lesson_model)


def toolbox_panels(request, page):
    """Panels other apps add to a phase or tool page, e.g. approved ERFA experience posts."""
    return hook_panels("register_toolbox_page_panels", request, page)
