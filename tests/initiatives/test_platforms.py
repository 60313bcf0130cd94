"""The working group adds its development platforms (udviklingsplatforme) on the initiative's page;
nobody outside the group can, and a platform without a name is refused with the reason."""

import pytest
from django.urls import reverse

from initiatives.models import ChangeRecord, DevelopmentPlatform

from .conftest import make_superbruger

pytestmark = pytest.mark.django_db

FOCUS = "Færre indbrud i rækkehusene ved Fyrkildevej"


def add_platform(client, initiative, name="Tryg bolig", focus_area=FOCUS):
    return client.post(
        reverse("initiatives:platform_add", args=[initiative.pk]),
        {"platform-name": name, "platform-focus_area": focus_area},
        follow=True,
    )


def test_a_member_adds_a_platform_with_its_focus_area_and_sees_it_on_the_page(
    client_learner, learner, initiative
):
    response = add_platform(client_learner, initiative)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == initiative.get_absolute_url() + "#platforme"
    platform = DevelopmentPlatform.objects.get()
    assert (platform.initiative, platform.name, platform.focus_area) == (initiative, "Tryg bolig", FOCUS)
    html = response.content.decode()
    assert "Tryg bolig er tilføjet." in html
    page = client_learner.get(initiative.get_absolute_url()).content.decode()
    assert '<h3 class="h4">Tryg bolig</h3>' in page and FOCUS in page
    assert "Ingen udviklingsplatforme endnu" not in page
    change = ChangeRecord.objects.get(initiative=initiative)
    assert change.user == learner and "Tryg bolig" in change.summary


def test_a_learner_outside_the_working_group_cannot_add_a_platform(client, other_learner, initiative):
    client.force_login(other_learner)  # cannot even see the initiative
    response = client.post(
        reverse("initiatives:platform_add", args=[initiative.pk]),
        {"platform-name": "Tryg bolig", "platform-focus_area": FOCUS},
    )
    assert response.status_code == 404
    assert not DevelopmentPlatform.objects.exists()


def test_the_districts_superbruger_reads_along_but_cannot_add_a_platform(client, initiative):
    client.force_login(make_superbruger("super@politi.dk", "nordjylland"))
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Tilføj en udviklingsplatform" not in page
    response = client.post(
        reverse("initiatives:platform_add", args=[initiative.pk]),
        {"platform-name": "Tryg bolig", "platform-focus_area": FOCUS},
    )
    assert response.status_code == 403
    assert not DevelopmentPlatform.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_a_platform_without_a_name_is_refused_with_the_reason(client_learner, initiative):
    response = add_platform(client_learner, initiative, name="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Navn: Feltet skal udfyldes." in html
    assert "er tilføjet" not in html
    assert not DevelopmentPlatform.objects.exists()
    assert not ChangeRecord.objects.exists()
    assert "Ingen udviklingsplatforme endnu" in html
