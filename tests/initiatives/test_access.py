"""Who may open an initiative: its working group, the district's superbrugere and the method's
specialists (editors). Anyone else gets a 404 by id; seeing is not changing."""

import pytest
from django.urls import reverse

from initiatives.models import ChangeRecord, Goal, Ripple

from .conftest import make_superbruger


def initiative_urls(initiative, goal):
    return [
        reverse("initiatives:detail", args=[initiative.pk]),
        reverse("initiatives:edit", args=[initiative.pk]),
        reverse("initiatives:phase", args=[initiative.pk, 1]),
        reverse("initiatives:goals", args=[initiative.pk]),
        reverse("initiatives:goal", args=[initiative.pk, goal.pk]),
        reverse("initiatives:ripples", args=[initiative.pk]),
        reverse("initiatives:timeline", args=[initiative.pk]),
        reverse("initiatives:report", args=[initiative.pk]),
        reverse("initiatives:report_pdf", args=[initiative.pk]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, initiative, effect_goal):
    for url in initiative_urls(initiative, effect_goal) + [reverse("initiatives:list")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_working_group_opens_every_page(client_learner, initiative, effect_goal):
    for url in initiative_urls(initiative, effect_goal):
        assert client_learner.get(url).status_code == 200, url


def test_someone_outside_the_group_gets_404_for_every_page_and_change(
    client, other_learner, initiative, effect_goal
):
    client.force_login(other_learner)
    for url in initiative_urls(initiative, effect_goal):
        assert client.get(url).status_code == 404, url
    posts = [
        (
            reverse("initiatives:phase_move", args=[initiative.pk]),
            {"from_phase": 1, "to_phase": 2, "note": "Videre"},
        ),
        (
            reverse("initiatives:ripples", args=[initiative.pk]),
            {"noticed_on": "2026-05-01", "noticed_by": "Ole", "description": "x"},
        ),
        (reverse("initiatives:member_invite", args=[initiative.pk]), {"email": other_learner.email}),
        (reverse("initiatives:to_case", args=[initiative.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert not initiative.memberships.filter(user=other_learner).exists()
    assert not Ripple.objects.exists()
    initiative.refresh_from_db()
    assert initiative.phase == 1
    assert "Tryg i Aalborg Øst" not in client.get(reverse("initiatives:list")).content.decode()


def test_a_goal_of_another_initiative_is_404_even_inside_ones_own(
    client, other_learner, initiative, effect_goal, district
):
    from initiatives.models import Initiative, Membership

    own = Initiative.objects.create(name="Mit eget", district=district, challenge="Hvordan?")
    Membership.objects.create(initiative=own, user=other_learner)
    client.force_login(other_learner)
    assert client.get(reverse("initiatives:goal", args=[own.pk, effect_goal.pk])).status_code == 404


def test_the_districts_superbruger_reads_along_but_cannot_change(client, initiative):
    superbruger = make_superbruger("super@politi.dk", "nordjylland")
    client.force_login(superbruger)
    assert client.get(initiative.get_absolute_url()).status_code == 200
    assert "Tryg i Aalborg Øst" in client.get(reverse("initiatives:list")).content.decode()
    response = client.post(
        reverse("initiatives:phase_move", args=[initiative.pk]),
        {"from_phase": 1, "to_phase": 2, "note": "Videre"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("initiatives:goals", args=[initiative.pk]),
        {"form": "goal", "kind": "process", "measure": "qualitative", "text": "Et mål"},
    )
    assert response.status_code == 403
    assert not Goal.objects.filter(text="Et mål").exists()
    initiative.refresh_from_db()
    assert initiative.phase == 1


def test_a_superbruger_of_another_district_gets_404(client, initiative):
    client.force_login(make_superbruger("super@politi.dk", "koebenhavn"))
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_a_learner_of_the_district_without_the_superbruger_certificate_gets_404(
    client, other_learner, initiative
):
    client.force_login(other_learner)  # same district, no superbruger certificate
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_editors_see_every_initiative(client_editor, initiative):
    assert client_editor.get(initiative.get_absolute_url()).status_code == 200


def test_every_change_is_recorded_with_who_and_when(client_learner, learner, initiative):
    client_learner.post(
        reverse("initiatives:ripples", args=[initiative.pk]),
        {
            "noticed_on": "2026-05-01",
            "noticed_by": "Mette Holm",
            "description": "Ny kontakt til boligforeningen.",
        },
    )
    change = ChangeRecord.objects.get(initiative=initiative)
    assert change.user == learner and change.at is not None
    assert "ring i vandet" in change.summary
    timeline = client_learner.get(reverse("initiatives:timeline", args=[initiative.pk])).content.decode()
    assert "Mette Holm" in timeline and "Noterede en ring i vandet" in timeline


@pytest.mark.parametrize("field", ["actor", "member"])
def test_removing_something_of_another_initiative_is_404(
    client_learner, initiative, other_learner, district, field
):
    from initiatives.models import ExternalActor, Initiative, Membership

    other = Initiative.objects.create(name="Andet", district=district, challenge="Hvordan?")
    Membership.objects.create(initiative=other, user=other_learner)
    if field == "actor":
        actor = ExternalActor.objects.create(
            initiative=other, name="Aalborg Kommune", actor_type="municipality"
        )
        url = reverse("initiatives:actor_remove", args=[initiative.pk, actor.pk])
    else:
        url = reverse("initiatives:member_remove", args=[initiative.pk, other_learner.pk])
    assert client_learner.post(url).status_code == 404
    assert other.memberships.count() == 1
