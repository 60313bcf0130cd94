"""The quiz form cannot be read for its answers: an officer who looks only at the HTML (the
values the inputs send, their order) scores no better than one who guesses.

Each seeded quiz is taken many times through the real views by two cheating strategies: pick the
choices with the lowest values, and pick the first choices on the page (as many as the question
has right answers: the cheat is even told how many). Their mean score must stay within four
standard errors of what blind guessing scores on the same questions."""

import math
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.models import CoursePage, ModulePage, Question, QuizAttempt
from tests.conftest import page_action

pytestmark = pytest.mark.django_db

ATTEMPTS_PER_STRATEGY = 10
INPUT = re.compile(r'<input[^>]*name="(question-\d+)"[^>]*value="([^"]*)"')


@pytest.fixture
def catalogue(home_page):
    call_command("load_catalogue", stdout=StringIO())


def lowest(values, k):
    return sorted(values, key=lambda value: (len(value), value))[:k]


def first(values, k):
    return values[:k]


def chance(question):
    """The probability that guessing as many choices as the question has right answers, blindly,
    is right."""
    choices = list(question.choices.all())
    return 1 / math.comb(len(choices), sum(choice.is_correct for choice in choices))


def cheat(client, module, strategy, correct_counts):
    """One attempt answered from the form alone; its score in percent."""
    client.post(page_action(module, "quiz_start"))
    attempt = QuizAttempt.objects.get(quiz=module.quiz, state=QuizAttempt.IN_PROGRESS)
    html = client.get(reverse("courses:attempt", args=[attempt.pk])).content.decode()
    form = {}
    for name, value in INPUT.findall(html):
        form.setdefault(name, []).append(value)
    answers = {name: strategy(values, correct_counts[name]) for name, values in form.items()}
    response = client.post(reverse("courses:attempt_submit", args=[attempt.pk]), answers)
    assert response.status_code == 302
    attempt.refresh_from_db()
    return attempt.score


def test_the_form_gives_no_better_score_than_guessing(catalogue, client_learner):
    # One catalogue load for the whole test (it is the slow part): every quiz, shuffled and not.
    CoursePage.objects.update(prerequisite=None)  # the superuser track's quizzes too
    modules = list(ModulePage.objects.live().filter(quiz__isnull=False, locale__language_code="da"))
    assert len(modules) == 6
    kinds = set(Question.objects.filter(quiz__in=[m.quiz_id for m in modules]).values_list("kind", flat=True))
    assert kinds == {Question.SINGLE, Question.MULTIPLE, Question.TRUE_FALSE}
    for shuffle in (True, False):
        for module in modules:
            quiz = module.quiz
            quiz.max_attempts, quiz.shuffle = None, shuffle
            quiz.save()
            questions = list(quiz.questions.prefetch_related("choices"))
            correct_counts = {
                f"question-{q.pk}": sum(choice.is_correct for choice in q.choices.all()) for q in questions
            }
            odds = [chance(question) for question in questions]
            expected = 100 * sum(odds) / len(odds)
            # The spread of one attempt's score (questions independent), then of the mean of all.
            spread = 100 * math.sqrt(sum(p * (1 - p) for p in odds)) / len(odds)
            bound = expected + 4 * spread / math.sqrt(ATTEMPTS_PER_STRATEGY)
            for strategy in (lowest, first):
                scores = [
                    cheat(client_learner, module, strategy, correct_counts)
                    for _ in range(ATTEMPTS_PER_STRATEGY)
                ]
                mean = sum(scores) / len(scores)
                assert mean <= bound, (
                    f"{quiz.title} (shuffle={shuffle}): strategy '{strategy.__name__}' scored "
                    f"{mean:.0f} % on average; guessing scores {expected:.0f} % "
                    f"(at most {bound:.0f} % by chance)"
                )
                assert mean < quiz.pass_mark

    # Nor do the stored choices follow the content files' right-first order.
    questions = list(Question.objects.prefetch_related("choices"))
    assert len(questions) >= 30
    share_right = sum(sum(c.is_correct for c in q.choices.all()) / q.choices.count() for q in questions)
    expected_share = share_right / len(questions)
    for key in ("pk", "sort_order"):
        first_is_right = [
            min(q.choices.all(), key=lambda choice: getattr(choice, key)).is_correct for q in questions
        ]
        share = sum(first_is_right) / len(questions)
        assert share <= expected_share + 0.2, f"the choice with the lowest {key} is right in {share:.0%}"
