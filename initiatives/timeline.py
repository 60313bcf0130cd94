"""The initiative's timeline: every dated event, newest first, from one query per kind of event
(so it costs the same at 5 and at 500 entries)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .models import figure

CHANGES_SHOWN = 50


@dataclass
class Event:
    day: date
    kind: str  # css modifier and the heading's word
    label: str
    title: str
    text: str = ""
    detail: str = ""
    who: str = ""
    order: int = 0


def events(initiative):
    found = [
        Event(
            initiative.created_at.date(),
            "start",
            _("Start"),
            _("Initiativet blev oprettet"),
            initiative.challenge,
        )
    ]
    for move in initiative.phase_moves.select_related("moved_by"):
        title = (_("Tilbage til %(phase)s") if move.is_back else _("Videre til %(phase)s")) % {
            "phase": move.get_to_phase_display()
        }
        found.append(
            Event(
                move.moved_on,
                "phase",
                _("Faseskift"),
                title,
                move.note,
                move.reality_check,
                _who(move.moved_by),
                move.pk,
            )
        )
    for baseline in initiative.baselines.all():
        found.append(
            Event(
                baseline.measured_on,
                "baseline",
                _("Baseline"),
                baseline.description,
                _("Kilde: %(source)s") % {"source": baseline.source},
            )
        )
    for goal in initiative.goals.select_related("created_by"):
        found.append(
            Event(
                goal.created_at.date(),
                "goal",
                goal.get_kind_display(),
                goal.text,
                goal.indicator,
                "",
                _who(goal.created_by),
            )
        )
    for revision in _revisions(initiative):
        found.append(
            Event(
                revision.changed_at.date(),
                "adjustment",
                _("Mål justeret"),
                revision.goal.text,
                _("Før: %(text)s") % {"text": revision.text},
                revision.reason,
                _who(revision.changed_by),
            )
        )
    for measurement in _measurements(initiative):
        value = (
            f"{figure(measurement.value)} {measurement.goal.unit}".strip()
            if measurement.value is not None
            else ""
        )
        found.append(
            Event(
                measurement.measured_on,
                "measurement",
                _("Måling"),
                measurement.goal.text,
                value,
                measurement.note,
                _who(measurement.recorded_by),
            )
        )
    for ripple in initiative.ripples.all():
        found.append(
            Event(
                ripple.noticed_on,
                "ripple",
                _("Ring i vandet"),
                ripple.description,
                ripple.led_to,
                "",
                ripple.noticed_by,
            )
        )
    return sorted(found, key=lambda event: (event.day, event.order), reverse=True)


def _who(user):
    return user.display_name if user else ""


def _revisions(initiative):
    from .models import GoalRevision

    return GoalRevision.objects.filter(goal__initiative=initiative).select_related("goal", "changed_by")


def _measurements(initiative):
    from .models import Measurement

    return Measurement.objects.filter(goal__initiative=initiative).select_related("goal", "recorded_by")
