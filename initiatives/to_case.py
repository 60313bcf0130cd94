"""From initiative to case: what the initiative knows, handed to the cases app's draft function
(cases/drafts.py) as a catalogue-style case — actors, results, goals, ringe i vandet."""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from cases.drafts import CaseDraft

from .models import Goal, figure


def _results(goals):
    """A result per goal that has been measured: the goal and where its latest measurement stands."""
    results = []
    for goal in goals:
        measurements = list(goal.measurements.order_by("measured_on", "pk"))
        if not measurements:
            continue
        latest = measurements[-1]
        found = (
            figure(latest.value) + (f" {goal.unit}" if goal.unit else "") if latest.value is not None else ""
        )
        text = " ".join(part for part in (found, latest.note) if part)
        results.append(
            _("%(goal)s – målt %(date)s: %(found)s")
            % {"goal": goal.text, "date": date_format(latest.measured_on, "j. F Y"), "found": text}
        )
    return results


def case_draft_for(initiative):
    goals = list(initiative.goals.select_related("platform"))
    case_goals = []
    for baseline in initiative.baselines.all():
        value = f" ({figure(baseline.value)} {baseline.unit})".rstrip() if baseline.value is not None else ""
        case_goals.append(
            (
                "baseline",
                Goal.Measure.QUANTITATIVE if baseline.value is not None else Goal.Measure.QUALITATIVE,
                f"{baseline.description}{value} {_('Kilde')}: {baseline.source}.",
            )
        )
    for goal in goals:
        how = f" {_('Måles som')}: {goal.indicator}." if goal.indicator else ""
        target = (
            f" {_('Måltal')}: {figure(goal.target)} {goal.unit}.".rstrip() if goal.target is not None else ""
        )
        case_goals.append((goal.kind, goal.measure, f"{goal.text}{how}{target}"))
    platforms = list(initiative.platforms.all())
    body = ""
    if platforms:
        items = "".join(f"<li><b>{escape(p.name)}</b>: {escape(p.focus_area)}</li>" for p in platforms)
        body = f"<p>{escape(_('Udviklingsplatforme'))}:</p><ul>{items}</ul>"
    anchor = initiative.anchor_person
    return CaseDraft(
        title=initiative.name,
        district=initiative.district,
        place=initiative.district.name,
        summary=initiative.challenge,
        challenge=initiative.challenge,
        phase_reached=initiative.phase,
        start_year=initiative.created_at.year,
        anchor_person_name=anchor.display_name if anchor else "",
        anchor_person_role=anchor.job_title if anchor else "",
        actors=[(actor.name, actor.actor_type, actor.role) for actor in initiative.actors.all()],
        results=_results(goals),
        goals=case_goals,
        ripples=[
            " ".join(
                part
                for part in (
                    ripple.description,
                    ripple.led_to and _("Det førte til: %(x)s") % {"x": ripple.led_to},
                )
                if part
            )
            for ripple in initiative.ripples.order_by("noticed_on", "pk")
        ],
        body_html=body,
    )
