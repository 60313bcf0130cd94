"""A learner can never read or change another learner's records: every id gives a 404."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import Certificate, LessonCompletion, QuizAttempt, ReflectionAnswer
from courses.quiz import start_attempt
from home.roles import EDITORS
from tests.conftest import page_action

from .conftest import lessons_of, module_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_records(other_learner, user_course):
    module = module_of(user_course)
    lesson = lessons_of(user_course)[0]
    attempt = start_attempt(other_learner, module.quiz, module)
    reflection = ReflectionAnswer.objects.create(
        user=other_learner, lesson=lesson, block_id="b1", question="Hvad?", answer="Mit private svar"
    )
    certificate = Certificate.objects.create(
        user=other_learner,
        course=user_course,
        course_key=user_course.translation_key,
        recipient_name="Ole Berg",
        course_title=user_course.title,
        track="bruger",
        activity_count=4,
    )
    return attempt, reflection, certificate


def test_another_learners_attempt_answers_notes_and_certificate_are_404(client_learner, others_records):
    attempt, reflection, certificate = others_records
    assert client_learner.get(reverse("courses:attempt", args=[attempt.pk])).status_code == 404
    assert client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).status_code == 404
    submit = client_learner.post(reverse("courses:attempt_submit", args=[attempt.pk]), {})
    assert submit.status_code == 404
    assert client_learner.post(reverse("courses:delete_reflection", args=[reflection.pk])).status_code == 404
    assert client_learner.get(reverse("courses:certificate", args=[certificate.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.IN_PROGRESS
    assert ReflectionAnswer.objects.filter(pk=reflection.pk).exists()


def test_my_learning_shows_only_my_own_reflections(client_learner, others_records):
    html = client_learner.get(reverse("courses:my_learning")).content.decode()
    assert "Mit private svar" not in html


def test_any_signed_in_user_can_verify_a_certificate_by_its_code(client_learner, others_records):
    certificate = others_records[2]
    url = reverse("courses:verify_certificate")
    response = client_learner.get(url, {"code": certificate.verification_code.lower()})
    assert response.status_code == 200
    assert "Beviset er gyldigt" in response.content.decode()
    assert "Ole Berg gennemførte »Co-creation for brugere«" in response.content.decode()
    missing = client_learner.get(url, {"code": "XXXX-XXXX"})
    assert missing.status_code == 404
    assert "Der findes intet kursusbevis med denne kode." in missing.content.decode()


def test_verification_needs_login(client, others_records):
    response = client.get(
        reverse("courses:verify_certificate"), {"code": others_records[2].verification_code}
    )
    assert response.status_code == 302


def test_reflection_is_saved_privately_and_shown_again(client_learner, learner, user_course):
    from .conftest import add_lesson

    lesson = add_lesson(
        module_of(user_course),
        7,
        body=[("reflection", {"question": "Hvilken udfordring kender du?", "hint": ""})],
    )
    block_id = lesson.body[0].id
    url = page_action(lesson, "save_reflection", block_id)
    client_learner.post(url, {"answer": "Indbrud i min by"})
    client_learner.post(url, {"answer": "Indbrud i Hjørring"})
    answer = ReflectionAnswer.objects.get(user=learner)
    assert answer.answer == "Indbrud i Hjørring"
    assert "Indbrud i Hjørring" in client_learner.get(lesson.url).content.decode()
    assert "Indbrud i Hjørring" in client_learner.get(reverse("courses:my_learning")).content.decode()
    assert (
        client_learner.post(page_action(lesson, "save_reflection", "nope"), {"answer": "x"}).status_code
        == 404
    )
    empty = client_learner.post(url, {"answer": "  "}, follow=True)
    assert "Skriv et svar, før du gemmer." in empty.content.decode()
    assert ReflectionAnswer.objects.get(user=learner).answer == "Indbrud i Hjørring"


def actions_on(module, lesson, block_id):
    """The learning actions on a module and its lesson: the pages' own sub-routes."""
    return [
        page_action(lesson, "lesson_done"),
        page_action(lesson, "save_reflection", block_id),
        page_action(module, "quiz_start"),
    ]


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.GROUPS, PageViewRestriction.PASSWORD])
def test_a_restricted_lesson_cannot_be_done_reflected_on_or_quizzed(
    client_learner, learner, user_course, restriction_type
):
    from .conftest import add_lesson

    module = module_of(user_course)
    lesson = add_lesson(module, 7, body=[("reflection", {"question": "Hvad tager du med?", "hint": ""})])
    restriction = PageViewRestriction.objects.create(
        page=module, restriction_type=restriction_type, password="hemmeligt"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name=EDITORS))

    for url in actions_on(module, lesson, lesson.body[0].id):
        response = client_learner.post(url, {"answer": "Mit svar"})
        if restriction_type == PageViewRestriction.GROUPS:
            assert response.status_code == 403 and "Du har ikke adgang" in response.content.decode()
        else:
            assert response.status_code == 200 and 'name="password"' in response.content.decode()

    assert not LessonCompletion.objects.filter(user=learner).exists()
    assert not ReflectionAnswer.objects.filter(user=learner).exists()
    assert not QuizAttempt.objects.filter(user=learner).exists()


def test_the_sub_routes_record_what_the_learner_does_on_an_open_lesson(client_learner, learner, user_course):
    from .conftest import add_lesson

    module = module_of(user_course)
    lesson = add_lesson(module, 7, body=[("reflection", {"question": "Hvad tager du med?", "hint": ""})])
    for url in actions_on(module, lesson, lesson.body[0].id):
        assert client_learner.post(url, {"answer": "Mit svar"}).status_code == 302

    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
    assert ReflectionAnswer.objects.get(user=learner).answer == "Mit svar"
    assert QuizAttempt.objects.filter(user=learner, page=module).exists()
