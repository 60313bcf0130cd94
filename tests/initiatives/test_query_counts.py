"""Every initiative page stays within the budget of 12 queries, the same at a handful of goals and
log entries as at 50 goals and 200 entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import ChangeRecord, DevelopmentPlatform, Goal, Measurement, PhaseMove, Ripple

BUDGET = 12


def fill(initiative, learner, goals, entries):
    platform = DevelopmentPlatform.objects.create(
        initiative=initiative, name="Nattelivet", focus_area="Unge i byen"
    )
    made = Goal.objects.bulk_create(
        Goal(
            initiative=initiative,
            platform=platform,
            kind="effect" if n % 2 else "process",
            measure="quantitative",
            text=f"Mål {n}",
            indicator="Antal",
            target=10,
        )
        for n in range(goals)
    )
    day = datetime.date(2026, 1, 1)
    Measurement.objects.bulk_create(
        Measurement(goal=made[n % len(made)], measured_on=day, value=n, recorded_by=learner)
        for n in range(entries)
    )
    Ripple.objects.bulk_create(
        Ripple(
            initiative=initiative,
            noticed_on=day,
            noticed_by="Mette",
            description=f"Ring {n}",
            recorded_by=learner,
        )
        for n in range(entries)
    )
    ChangeRecord.objects.bulk_create(
        ChangeRecord(initiative=initiative, user=learner, summary=f"Ændring {n}") for n in range(entries)
    )
    PhaseMove.objects.bulk_create(
        PhaseMove(initiative=initiative, from_phase=1, to_phase=1 + n % 2, note="Frem", moved_by=learner)
        for n in range(entries // 20)
    )


def urls(initiative):
    goal = initiative.goals.first()
    return {
        "phase": reverse("initiatives:phase", args=[initiative.pk, 1]),
        "detail": reverse("initiatives:detail", args=[initiative.pk]),
        "goals": reverse("initiatives:goals", args=[initiative.pk]),
        "goal": reverse("initiatives:goal", args=[initiative.pk, goal.pk]),
        "ripples": reverse("initiatives:ripples", args=[initiative.pk]),
        "timeline": reverse("initiatives:timeline", args=[initiative.pk]),
        "report": reverse("initiatives:report", args=[initiative.pk]),
        "list": reverse("initiatives:list"),
    }


def count(client, url):
    client.get(url)  # warm the caches every page shares (site, locales, navigation)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page", ["phase", "detail", "goals", "goal", "ripples", "timeline", "report", "list"]
)
def test_initiative_pages_cost_the_same_at_5_and_at_200_entries(
    client_learner, learner, initiative, worksheet_tool, phase_cases, phase_lesson, page, district
):
    from initiatives.models import Initiative, Membership

    fill(initiative, learner, goals=3, entries=5)
    small = count(client_learner, urls(initiative)[page])
    large_initiative = Initiative.objects.create(name="Stort", district=district, challenge="Hvordan?")
    Membership.objects.create(initiative=large_initiative, user=learner)
    fill(large_initiative, learner, goals=50, entries=200)
    large = count(client_learner, urls(large_initiative)[page])
    assert small == large <= BUDGET, (page, small, large)
