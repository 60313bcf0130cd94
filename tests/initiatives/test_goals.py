"""Goal setting the catalogue's way: a baseline, process and effect goals, measurements over time
with a chart, and adjustments that keep the old version; ringe i vandet beside them."""

import datetime

from django.urls import reverse

from initiatives.models import Baseline, Goal, GoalRevision, Measurement, Ripple


def goals_url(initiative):
    return reverse("initiatives:goals", args=[initiative.pk])


def goal_url(goal):
    return reverse("initiatives:goal", args=[goal.initiative_id, goal.pk])


def test_a_baseline_is_saved_with_date_and_source(client_learner, initiative):
    client_learner.post(
        goals_url(initiative),
        {
            "form": "baseline",
            "baseline-description": "Borgerne i Aalborg Øst føler sig utrygge om aftenen",
            "baseline-measured_on": "2026-02-01",
            "baseline-source": "Tryghedsundersøgelsen 2026",
        },
    )
    baseline = Baseline.objects.get()
    assert (
        baseline.measured_on == datetime.date(2026, 2, 1) and baseline.source == "Tryghedsundersøgelsen 2026"
    )
    assert "Tryghedsundersøgelsen 2026" in client_learner.get(goals_url(initiative)).content.decode()


def test_an_effect_goal_without_a_measure_is_refused(client_learner, initiative):
    response = client_learner.post(
        goals_url(initiative),
        {
            "form": "goal",
            "kind": "effect",
            "measure": "quantitative",
            "text": "Færre indbrud",
            "target": "20",
        },
    )
    assert response.status_code == 400
    assert "Et effektmål skal kunne måles" in response.content.decode()
    assert not Goal.objects.exists()


def test_a_process_goal_needs_no_measure(client_learner, initiative):
    client_learner.post(
        goals_url(initiative),
        {
            "form": "goal",
            "kind": "process",
            "measure": "qualitative",
            "text": "Arbejdsgruppen kender værktøjskassen",
        },
    )
    assert Goal.objects.get().kind == "process"


def test_a_measurement_before_the_baseline_is_refused(client_learner, effect_goal):
    response = client_learner.post(
        goal_url(effect_goal), {"form": "measurement", "measured_on": "2026-01-15", "value": "30"}
    )
    assert response.status_code == 400
    assert "Målingen kan ikke ligge før baselinen fra 1. marts 2026" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_measurement_in_the_future_is_refused(client_learner, effect_goal):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client_learner.post(
        goal_url(effect_goal), {"form": "measurement", "measured_on": tomorrow, "value": "30"}
    )
    assert "Datoen ligger i fremtiden" in response.content.decode()
    assert not Measurement.objects.exists()


def test_measurements_are_drawn_as_a_chart_against_baseline_and_target(client_learner, effect_goal):
    for day, value in [("2026-04-01", "33"), ("2026-07-01", "27")]:
        client_learner.post(
            goal_url(effect_goal), {"form": "measurement", "measured_on": day, "value": value}
        )
    assert Measurement.objects.count() == 2
    html = client_learner.get(goal_url(effect_goal)).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<script" not in html.split("</head>")[1]
    assert "goal-chart__baseline" in svg and "goal-chart__target" in svg
    # Baseline, then the two measurements: three points on the line, the later ones lower.
    points = [tuple(map(float, p.split(","))) for p in svg.split('points="')[1].split('"')[0].split()]
    assert len(points) == 3 and points[0][0] < points[1][0] < points[2][0]
    assert points[0][1] < points[1][1] < points[2][1]  # SVG y grows downwards: fewer burglaries
    assert "1. april 2026: 33" in svg and "27 indbrud" in html


def test_a_qualitative_measurement_needs_words(client_learner, initiative):
    goal = Goal.objects.create(
        initiative=initiative,
        kind="effect",
        measure="qualitative",
        text="Mere tryghed",
        indicator="Interviews",
    )
    response = client_learner.post(
        goal_url(goal), {"form": "measurement", "measured_on": "2026-04-01", "note": ""}
    )
    assert "et kvalitativt mål måles i ord" in response.content.decode()


def test_adjusting_a_goal_keeps_the_old_version_and_the_reason(client_learner, learner, effect_goal):
    data = {
        "form": "adjust",
        "adjust-kind": "effect",
        "adjust-measure": "quantitative",
        "adjust-text": "Halvt så mange indbrud i Aalborg Øst",
        "adjust-indicator": "Anmeldte indbrud pr. kvartal",
        "adjust-target": "19",
        "adjust-unit": "indbrud",
        "adjust-baseline": effect_goal.baseline_id,
        "adjust-reason": "Kommunen har fået midler til bedre belysning.",
    }
    client_learner.post(goal_url(effect_goal), data)
    effect_goal.refresh_from_db()
    assert effect_goal.text == "Halvt så mange indbrud i Aalborg Øst" and effect_goal.version == 2
    old = GoalRevision.objects.get()
    assert (old.text, old.target, old.version, old.changed_by) == (
        "Færre indbrud i Aalborg Øst",
        20,
        1,
        learner,
    )
    assert old.reason == "Kommunen har fået midler til bedre belysning."
    html = client_learner.get(goal_url(effect_goal)).content.decode()
    assert "Færre indbrud i Aalborg Øst" in html and "Kommunen har fået midler til bedre belysning." in html


def test_an_adjustment_without_a_reason_changes_nothing(client_learner, effect_goal):
    response = client_learner.post(
        goal_url(effect_goal),
        {
            "form": "adjust",
            "adjust-kind": "effect",
            "adjust-measure": "quantitative",
            "adjust-text": "Nyt mål",
            "adjust-indicator": "x",
            "adjust-target": "10",
            "adjust-reason": "",
        },
    )
    assert "Skriv, hvorfor målet justeres" in response.content.decode()
    effect_goal.refresh_from_db()
    assert effect_goal.text == "Færre indbrud i Aalborg Øst" and not GoalRevision.objects.exists()


def test_ripples_are_logged_and_shown_on_the_timeline(client_learner, initiative):
    client_learner.post(
        reverse("initiatives:ripples", args=[initiative.pk]),
        {
            "noticed_on": "2026-05-01",
            "noticed_by": "Lene fra boligforeningen",
            "description": "Boligforeningen og SSP holder nu fælles møder.",
            "led_to": "En fælles sommerferieindsats.",
        },
    )
    ripple = Ripple.objects.get()
    assert ripple.noticed_by == "Lene fra boligforeningen"
    timeline = client_learner.get(reverse("initiatives:timeline", args=[initiative.pk])).content.decode()
    assert "Boligforeningen og SSP holder nu fælles møder." in timeline
    assert "En fælles sommerferieindsats." in timeline


def test_a_ripple_without_a_date_is_refused(client_learner, initiative):
    response = client_learner.post(
        reverse("initiatives:ripples", args=[initiative.pk]),
        {"noticed_by": "Mette", "description": "Noget godt"},
    )
    assert response.status_code == 400 and not Ripple.objects.exists()
