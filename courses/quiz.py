"""Starting, reading and grading quiz attempts on the server."""

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import AttemptQuestion, QuizAttempt


class NoAttemptsLeft(Exception):
    pass


def start_attempt(user, quiz, page):
    """The learner's open attempt, or a new one when the quiz allows another.

    Race-safe without locks: a new attempt takes the next number, and (user, quiz, number) is
    unique, as is "one open attempt per user and quiz". Of two parallel starts one insert fails;
    that request then returns the attempt the other created."""
    try:
        with transaction.atomic():
            open_attempt = QuizAttempt.objects.filter(
                user=user, quiz=quiz, state=QuizAttempt.IN_PROGRESS
            ).first()
            if open_attempt is not None:
                return open_attempt
            taken = QuizAttempt.objects.filter(user=user, quiz=quiz).count()
            if quiz.max_attempts is not None and taken >= quiz.max_attempts:
                raise NoAttemptsLeft
            attempt = QuizAttempt.objects.create(user=user, quiz=quiz, page=page, number=taken + 1)
            questions = attempt.shuffled(quiz.questions.all(), "questions")
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(attempt=attempt, question=question, position=position)
                for position, question in enumerate(questions, start=1)
            )
            return attempt
    except IntegrityError:
        open_attempt = QuizAttempt.objects.filter(user=user, quiz=quiz, state=QuizAttempt.IN_PROGRESS).first()
        if open_attempt is None:
            raise NoAttemptsLeft from None
        return open_attempt


def attempt_questions(attempt):
    """The attempt's questions in the order the learner sees them, each with its choices in the
    attempt's order (two queries)."""
    questions = list(
        attempt.questions.select_related("question")
        .prefetch_related("question__choices")
        .order_by("position")
    )
    for attempt_question in questions:
        attempt_question.ordered_choices = attempt.shuffled(
            attempt_question.question.choices.all(), attempt_question.question_id
        )
    return questions


class InvalidSubmission(Exception):
    def __init__(self, errors, selected):
        super().__init__(errors)
        self.errors = errors
        self.selected = selected


FIELD_PREFIX = "question-"
ID_PATTERN = re.compile(r"[0-9]{1,18}")


def _as_id(text):
    return int(text) if ID_PATTERN.fullmatch(text) else None


def parse_submission(post, questions):
    """Map each AttemptQuestion to the chosen Choice objects, or raise InvalidSubmission.

    Anything a normal form cannot send is rejected: a field for a question not in this attempt,
    a choice id that is not a number, unknown, or belongs to another question, the same choice
    twice, several answers to a single-answer question; and every question must be answered."""
    by_question_id = {aq.question_id: aq for aq in questions}
    errors, selected, graded = [], {}, {}
    for name, values in post.lists():
        if not name.startswith(FIELD_PREFIX):
            continue
        question_id = name.removeprefix(FIELD_PREFIX)
        attempt_question = by_question_id.get(_as_id(question_id))
        if attempt_question is None:
            errors.append(_("Svaret hører til et spørgsmål, der ikke er med i dette forsøg."))
            continue
        choices = {choice.pk: choice for choice in attempt_question.ordered_choices}
        chosen = []
        for value in values:
            choice = choices.get(_as_id(value))
            if choice is None:
                errors.append(
                    _("Spørgsmål %(n)s: svaret findes ikke blandt spørgsmålets svarmuligheder.")
                    % {"n": attempt_question.position}
                )
            elif choice in chosen:
                errors.append(
                    _("Spørgsmål %(n)s: det samme svar er sendt to gange.") % {"n": attempt_question.position}
                )
            else:
                chosen.append(choice)
        if len(chosen) > 1 and not attempt_question.question.allows_several:
            errors.append(_("Spørgsmål %(n)s: vælg kun ét svar.") % {"n": attempt_question.position})
        selected[attempt_question.question_id] = {choice.pk for choice in chosen}
        graded[attempt_question] = chosen
    for attempt_question in questions:
        if not graded.get(attempt_question):
            errors.append(_("Du mangler at svare på spørgsmål %(n)s.") % {"n": attempt_question.position})
    if errors:
        raise InvalidSubmission(errors, selected)
    return graded
