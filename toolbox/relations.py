"""What other apps say about a phase or a tool: the cases that reached or link to it, the lessons
that teach it, and panels (ERFA experiences) registered with ``register_toolbox_page_panels``.

Those apps link to the toolbox's pages, so the toolbox imports their models only inside the
functions that ask about them. Links point at the Danish page (page choosers are synchronised
across translations), so a translated phase matches them by translation key."""

from django.db.models import Q
from wagtail.models import Page

from home.panels import hook_panels
from home.references import translated_pages_referencing


def _translations_of(page):
    return Page.objects.filter(translation_key=page.translation_key).values("pk")


def cases_for_phase(phase):
    """Live cases in the phase's language that reached this phase or link to it (one query)."""
    from cases.models import CasePage, CasePhaseLink

    linked = CasePhaseLink.objects.filter(phase__in=_translations_of(phase)).values("case__translation_key")
    return list(
        CasePage.objects.live()
        .filter(locale_id=phase.locale_id)
        .filter(Q(phase_reached=phase.number) | Q(translation_key__in=linked))
        .order_by("title")
    )


def cases_for_tool(tool):
    """Live cases in the tool's language that link to this tool (one query)."""
    from cases.models import CasePage, CaseToolLink

    linked = CaseToolLink.objects.filter(tool__in=_translations_of(tool)).values("case__translation_key")
    return list(
        CasePage.objects.live().filter(locale_id=tool.locale_id, translation_key__in=linked).order_by("title")
    )


def lessons_referencing(page):
    """Live lessons in the page's language that link to it or to one of its translations (one query)."""
    from courses.models import LessonPage

    return translated_pages_referencing(page, LessonPage)


def toolbox_panels(request, page):
    """Panels other apps add to a phase or tool page, e.g. approved ERFA experience posts."""
    return hook_panels("register_toolbox_page_panels", request, page)
