"""The seven phases as the initiative's spine: moving between them, and what each phase page shows
from the toolbox, the cases and the courses (read, never written)."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import CasePhaseLink
from courses.models import LessonPage
from home.access import visible_to
from home.references import pages_referencing_any
from toolbox.models import PhasePage, ToolDocument, ToolPage

from .changes import record
from .models import Initiative, PhaseMove

CASES_PER_PHASE = 3


@transaction.atomic
def move_phase(initiative, user, from_phase, to_phase, note, reality_check=""):
    """Move the initiative from ``from_phase`` to ``to_phase`` and record the decision; None when
    it is no longer in ``from_phase`` (someone else moved it first).

    A conditional UPDATE, like home/transitions.py: two members deciding at the same moment both
    read phase 3, but only one UPDATE ... WHERE phase = 3 changes the row; the other sees 0 rows
    and records nothing, so the initiative has one move, not two."""
    moved = Initiative.objects.filter(pk=initiative.pk, phase=from_phase).update(
        phase=to_phase, updated_at=timezone.now()
    )
    if not moved:
        return None
    initiative.phase = to_phase
    move = PhaseMove.objects.create(
        initiative=initiative,
        from_phase=from_phase,
        to_phase=to_phase,
        note=note,
        reality_check=reality_check,
        moved_by=user,
    )
    record(
        initiative,
        user,
        _("Flyttede initiativet fra %(from)s til %(to)s")
        % {"from": move.get_from_phase_display(), "to": move.get_to_phase_display()},
    )
    return move


def phase_page(number, locale, user):
    """The toolbox's live phase page with this number in ``locale`` (else in any language), if
    ``user`` may open it."""
    pages = visible_to(PhasePage.objects.live().filter(number=number), user)
    return pages.filter(locale=locale).first() or pages.first()


def tools_with_worksheets(phase, user):
    """The phase's tools that ``user`` may open, each with its templates and worksheets (two
    queries)."""
    templates = ToolDocument.objects.select_related("document").order_by("sort_order")
    return list(
        visible_to(ToolPage.objects.child_of(phase), user)
        .live()
        .order_by("path")
        .only("id", "title", "slug", "summary", "url_path", "path", "depth", "locale_id")
        .prefetch_related(Prefetch("templates", queryset=templates))
    )


def cases_illustrating(phase, user):
    """Up to three live cases in the phase's language linked to it ("Faser i værktøjskassen"),
    with what each case shows about the phase (one query). Links point at the Danish phase from
    every language, so they are matched by translation key."""
    return list(
        visible_to(
            CasePhaseLink.objects.filter(
                phase__translation_key=phase.translation_key,
                case__live=True,
                case__locale_id=phase.locale_id,
            ),
            user,
            prefix="case__",
        )
        .select_related("case")
        .order_by("case__title")[:CASES_PER_PHASE]
    )


def lessons_teaching(phase, tools, user):
    """Live lessons in the phase's language that link to the phase or to one of its tools, or to
    their translations, from Wagtail's reference index (one query)."""
    return list(
        visible_to(pages_referencing_any([phase, *tools], phase.locale_id, LessonPage), user)
        .only("id", "title", "url_path", "path", "depth", "locale_id", "intro")
        .order_by("path")
    )
