"""Real concurrency on PostgreSQL: threads, each with its own database connection, released at
the same moment by a barrier."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from courses.models import AttemptAnswer, LessonCompletion, QuizAttempt
from courses.quiz import NoAttemptsLeft, start_attempt
from tests.conftest import page_action

from .conftest import lessons_of, module_of, right_answers, wrong_answers

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_together(task, n=2):
    barrier = threading.Barrier(n)
    results, errors = [None] * n, []

    def worker(i):
        try:
            barrier.wait()
            results[i] = task(i)
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_parallel_starts_with_one_attempt_allowed_create_one_attempt(learner, user_course):
    module = module_of(user_course)
    quiz = module.quiz
    quiz.max_attempts = 1
    quiz.save()

    def start(i):
        try:
            return start_attempt(learner, quiz, module).pk
        except NoAttemptsLeft:
            return None

    results, errors = run_together(start, n=4)
    assert not errors
    assert QuizAttempt.objects.filter(user=learner, quiz=quiz).count() == 1
    assert set(results) == {QuizAttempt.objects.get(user=learner).pk}


def test_two_parallel_submits_give_one_result(learner, user_course):
    module = module_of(user_course)
    quiz = module.quiz
    attempt = start_attempt(learner, quiz, module)
    right, wrong = right_answers(attempt), wrong_answers(attempt)
    url = reverse("courses:attempt_submit", args=[attempt.pk])

    def submit(i):
        client = Client()
        client.force_login(learner)
        return client.post(url, right if i == 0 else wrong).status_code

    results, errors = run_together(submit)
    assert not errors and results == [302, 302]
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.FINISHED
    assert attempt.score in (0, 100)
    assert AttemptAnswer.objects.filter(attempt_question__attempt=attempt).count() == quiz.questions.count()


def test_parallel_mark_done_records_one_completion(learner, user_course):
    lesson = lessons_of(user_course)[0]
    url = page_action(lesson, "lesson_done")

    def mark(i):
        client = Client()
        client.force_login(learner)
        return client.post(url).status_code

    results, errors = run_together(mark, n=3)
    assert not errors and results == [302, 302, 302]
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1
