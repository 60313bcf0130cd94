"""Progress and certificates are per course, not per language: what a learner does on the Danish
course shows on its English translation and the other way round, and a quiz attempt begun in
Danish can be finished in English (attempts are made on the Danish quiz and worded in the
reader's language)."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import Certificate, LessonPage, ModulePage, QuizAttempt
from courses.progress import course_progress
from home.catalogue import translate
from tests.conftest import page_action

from .conftest import lessons_of, module_of, right_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("restore_language")]


ENGLISH = {
    "Co-creation for brugere": "Co-creation for users",
    "Grundkursus": "Basic course",
    "Metoden": "The method",
    "Quiz om faserne": "Quiz on the phases",
    **{f"Lektion {n}": f"Lesson {n}" for n in range(1, 4)},
    **{f"Om lektion {n}": f"About lesson {n}" for n in range(1, 4)},
    **{f"Indhold i lektion {n}.": f"Content of lesson {n}." for n in range(1, 4)},
    **{f"Spørgsmål nummer {n}?": f"Question number {n}?" for n in range(1, 3)},
    **{f"Forklaring {n}": f"Explanation {n}" for n in range(1, 3)},
    **{f"Rigtigt {n}": f"Right {n}" for n in range(1, 3)},
    **{f"Godt svaret {n}": f"Well answered {n}" for n in range(1, 3)},
    **{f"Forkert {x}{n}": f"Wrong {x}{n}" for x in "AB" for n in range(1, 3)},
    **{f"Feedback {x}{n}": f"Comment {x}{n}" for x in "AB" for n in range(1, 3)},
}


@pytest.fixture
def english_course(user_course, english):
    """The user course translated into English the way the catalogue loader does it: the quiz
    first, so the English module links to the English quiz."""
    translate(module_of(user_course).quiz, ENGLISH)
    for page in [user_course, module_of(user_course), *lessons_of(user_course)]:
        translate(page, ENGLISH)
    return user_course.get_translation(english)


def in_english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_english_module_shows_the_english_quiz(english_course, user_course):
    module = ModulePage.objects.child_of(english_course).get()
    assert module.quiz.title == "Quiz on the phases"
    assert module.quiz.locale_id == english_course.locale_id
    assert module.quiz.source_quiz == module_of(user_course).quiz
    assert [q.prompt for q in module.quiz.questions.all()] == ["Question number 1?", "Question number 2?"]


def test_progress_on_the_danish_course_shows_on_the_english_course(
    client_learner, learner, user_course, english_course
):
    danish_lessons = lessons_of(user_course)
    client_learner.post(page_action(danish_lessons[0], "lesson_done"))

    english_progress = course_progress(learner, english_course)
    assert (english_progress.done, english_progress.total) == (1, 4)
    english_lessons = list(LessonPage.objects.descendant_of(english_course).order_by("path"))
    assert english_progress.completed_lesson_ids == {english_lessons[0].pk}
    html = client_learner.get(english_course.url).content.decode()
    assert "25" in html and "Lesson 1" in html

    # The rest done in English: the certificate is the course's, shown in both languages.
    for lesson in english_lessons[1:]:
        client_learner.post(page_action(lesson, "lesson_done"))
    english_module = ModulePage.objects.child_of(english_course).get()
    client_learner.post(page_action(english_module, "quiz_start"))
    attempt = QuizAttempt.objects.get(user=learner)
    client_learner.post(in_english("courses:attempt_submit", attempt.pk), right_answers(attempt))

    assert course_progress(learner, user_course).is_complete
    assert course_progress(learner, english_course).is_complete
    certificate = Certificate.objects.get(user=learner)
    assert certificate.course_key == user_course.translation_key
    assert course_progress(learner, user_course).certificate == certificate


def test_an_attempt_begun_in_danish_is_finished_in_english(
    client_learner, learner, user_course, english_course
):
    danish_module = module_of(user_course)
    client_learner.post(page_action(danish_module, "quiz_start"))
    attempt = QuizAttempt.objects.get(user=learner)
    assert attempt.quiz == danish_module.quiz

    # The English module offers to continue the same attempt, not a new one.
    english_module = ModulePage.objects.child_of(english_course).get()
    html = client_learner.get(english_module.url).content.decode()
    assert in_english("courses:attempt", attempt.pk) in html
    client_learner.post(page_action(english_module, "quiz_start"))
    assert QuizAttempt.objects.filter(user=learner).count() == 1

    html = client_learner.get(in_english("courses:attempt", attempt.pk)).content.decode()
    assert "Quiz on the phases" in html
    assert "Question number 1?" in html and "Right 1" in html and "Wrong A1" in html
    assert "Spørgsmål nummer" not in html and "Rigtigt 1" not in html

    response = client_learner.post(in_english("courses:attempt_submit", attempt.pk), right_answers(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.passed and attempt.score == 100

    html = client_learner.get(in_english("courses:attempt_result", attempt.pk)).content.decode()
    assert "Question number 2?" in html and "Well answered 2" in html
    assert f'href="{english_module.url}"' in html
    # Passed counts for the module in both languages.
    assert danish_module.quiz_id in course_progress(learner, user_course).passed_quiz_ids
    assert english_module.quiz_id in course_progress(learner, english_course).passed_quiz_ids
