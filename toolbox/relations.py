"""What other apps say about a phase or a tool: the cases that reached or link to it, the lessons
that teach it, and panels (ERFA experiences) registered with ``register_toolbox_page_panels``.

The toolbox never imports those apps: their models are looked up by name and a section is left
out while its app has no such model. Links point at the Danish page (page choosers are
synchronised across translations), so a translated phase matches them by translation key."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex


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
    # The reference index keeps object ids as text.
    target_ids = _translations_of(page).annotate(text_id=Cast("pk", CharField())).values("text_id")
    source_ids = (
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(Page),
            to_object_id__in=target_ids,
            content_type=ContentType.objects.get_for_model(lesson_model),
        )
        .annotate(source_id=Cast("object_id", IntegerField()))
        .values("source_id")
    )
    source_keys = lesson_model.objects.filter(pk__in=source_ids).values("translation_key")
    return list(
        lesson_model.objects.live()
        .filter(locale_id=page.locale_id, translation_key__in=source_keys)
        .order_by("title")
    )


def toolbox_panels(request, page):
    """Panels other apps add to a phase or tool page, e.g. approved ERFA experience posts."""
    panels = []
    for panel_for in hooks.get_hooks("register_toolbox_page_panels"):
        panel = panel_for(request, page)
        if panel:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.get("order", 100))
