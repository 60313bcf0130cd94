"""The seven phases as the initiative's spine: every move is a recorded decision (date, who, note,
the realitetstjek in phases 6 and 7); going back is allowed and recorded; nothing moves silently."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from initiatives import spine
from initiatives.models import ChangeRecord, Initiative, PhaseMove


def move(client, initiative, to_phase, note="Arbejdsgruppen er enig.", from_phase=None, **extra):
    data = {"from_phase": from_phase or initiative.phase, "to_phase": to_phase, "note": note, **extra}
    return client.post(reverse("initiatives:phase_move", args=[initiative.pk]), data, follow=True)


def test_creating_an_initiative_starts_it_in_opstart_with_its_creator_in_the_working_group(
    client_learner, learner, district
):
    response = client_learner.post(
        reverse("initiatives:create"),
        {
            "name": "Tryg i Aalborg Øst",
            "district": district.pk,
            "challenge": "Hvordan skaber vi sammen tryghed i Aalborg Øst?",
            "anchor_person": learner.pk,
            "tovholder": "Lene fra boligforeningen",
        },
        follow=True,
    )
    initiative = Initiative.objects.get()
    assert initiative.phase == 1 and initiative.anchor_person == learner
    assert list(initiative.memberships.values_list("user", flat=True)) == [learner.pk]
    assert ChangeRecord.objects.get(initiative=initiative).summary == "Oprettede initiativet"
    assert "Det står i Fase 1 – Opstart" in response.content.decode()


def test_a_challenge_that_is_not_a_question_is_refused_with_a_message(client_learner, district):
    response = client_learner.post(
        reverse("initiatives:create"),
        {"name": "Tryg", "district": district.pk, "challenge": "At skabe tryghed i Aalborg Øst."},
    )
    assert "Formulér den fælles samlende udfordring som et spørgsmål" in response.content.decode()
    assert not Initiative.objects.exists()


def test_only_a_member_can_be_anchor_person(client_learner, other_learner, district):
    response = client_learner.post(
        reverse("initiatives:create"),
        {"name": "Tryg", "district": district.pk, "challenge": "Hvordan?", "anchor_person": other_learner.pk},
    )
    assert response.status_code == 200 and not Initiative.objects.exists()


def test_a_phase_move_is_recorded_with_date_who_and_note(client_learner, learner, initiative):
    response = move(client_learner, initiative, 2, note="Udfordringen er kompleks nok til co-creation.")
    initiative.refresh_from_db()
    assert initiative.phase == 2
    recorded = PhaseMove.objects.get()
    assert (recorded.from_phase, recorded.to_phase, recorded.moved_by) == (1, 2, learner)
    assert recorded.moved_on == datetime.date.today()
    assert "Initiativet står nu i Fase 2 – Kortlægning." in response.content.decode()
    assert "Udfordringen er kompleks nok til co-creation." in response.content.decode()


def test_a_phase_move_without_a_note_changes_nothing(client_learner, initiative):
    response = move(client_learner, initiative, 2, note="  ")
    assert "Skriv en kort begrundelse for faseskiftet" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.phase == 1 and not PhaseMove.objects.exists()


def test_phases_cannot_be_skipped(client_learner, initiative):
    response = move(client_learner, initiative, 3)
    assert "Et initiativ går videre én fase ad gangen" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.phase == 1 and not PhaseMove.objects.exists()


def test_going_back_is_allowed_and_recorded(client_learner, initiative):
    Initiative.objects.filter(pk=initiative.pk).update(phase=4)
    initiative.refresh_from_db()
    move(client_learner, initiative, 2, note="Kortlægningen manglede borgernes stemme.")
    initiative.refresh_from_db()
    assert initiative.phase == 2
    back = PhaseMove.objects.get()
    assert back.is_back and back.from_phase == 4
    timeline = client_learner.get(reverse("initiatives:timeline", args=[initiative.pk])).content.decode()
    assert "Tilbage til Fase 2 – Kortlægning" in timeline


def test_afslutning_needs_a_realitetstjek(client_learner, initiative):
    Initiative.objects.filter(pk=initiative.pk).update(phase=6)
    initiative.refresh_from_db()
    response = move(client_learner, initiative, 7)
    assert "Lav et realitetstjek, før initiativet går til Afslutning" in response.content.decode()
    assert not PhaseMove.objects.exists()
    move(client_learner, initiative, 7, reality_check="Alle tre platforme har nået deres mål.")
    initiative.refresh_from_db()
    assert initiative.phase == 7
    assert PhaseMove.objects.get().reality_check == "Alle tre platforme har nået deres mål."


def test_a_move_decided_on_an_outdated_page_is_refused(client_learner, initiative):
    move(client_learner, initiative, 2)
    response = move(client_learner, initiative, 2, from_phase=1)  # a second tab still showing phase 1
    assert "Initiativet er allerede flyttet" in response.content.decode()
    assert PhaseMove.objects.count() == 1


def test_the_move_function_records_one_move_for_two_decisions_from_the_same_phase(
    initiative, learner, other_learner
):
    first = spine.move_phase(initiative, learner, 1, 2, "Videre")
    second = spine.move_phase(Initiative.objects.get(pk=initiative.pk), other_learner, 1, 2, "Også videre")
    assert first is not None and second is None
    assert PhaseMove.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_moving_at_the_same_moment_record_one_move(initiative, learner, other_learner):
    initiative.memberships.create(user=other_learner)
    barrier = threading.Barrier(2)
    results = []

    def decide(user, note):
        try:
            fresh = Initiative.objects.get(pk=initiative.pk)  # both read phase 1
            barrier.wait()
            results.append(spine.move_phase(fresh, user, 1, 2, note))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(learner, "Kortlægningen kan begynde.")),
        threading.Thread(target=decide, args=(other_learner, "Vi er klar til kortlægning.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result is None for result in results) == [False, True]
    assert PhaseMove.objects.filter(initiative=initiative).count() == 1
    assert Initiative.objects.get(pk=initiative.pk).phase == 2


def test_the_phase_page_shows_purpose_tools_with_worksheets_cases_and_lessons(
    client_learner, initiative, worksheet_tool, phase_cases, phase_lesson
):
    html = client_learner.get(reverse("initiatives:phase", args=[initiative.pk, 1])).content.decode()
    assert "Formålet med opstart er at komme godt i gang." in html
    assert "Ankerpersonen" in html and "Rollebeskrivelse for Ankerpersonen" in html
    assert "Udfyldes af Ankerperson og leder." in html
    # Three of the four linked cases, by title, with what each shows about the phase.
    assert html.count("Opstarten i ") == 3
    assert "Opstarten i Aalborg." in html and "Opstarten i NæverZone" not in html
    assert "Ankerpersonens rolle" in html  # the lesson that uses the phase's tool
    assert "Initiativet står i denne fase" in html and 'name="note"' in html


def test_a_phase_the_initiative_is_not_in_offers_no_move(client_learner, initiative, phases):
    html = client_learner.get(reverse("initiatives:phase", args=[initiative.pk, 3])).content.decode()
    assert "Initiativet er ikke nået hertil endnu." in html and 'name="note"' not in html
    assert client_learner.get(reverse("initiatives:phase", args=[initiative.pk, 8])).status_code == 404
