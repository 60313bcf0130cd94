"""Starting, reading and grading quiz attempts on the server."""

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import AttemptQuestion, Choice, Question, Quiz, QuizAttempt


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
            questions = attempt.question_order(quiz.questions.all())
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


def attempt_questions(attempt, locale=None):
    """The attempt's questions in the order the learner sees them, each with its choices in the
    attempt's order and the token the form sends for each (two queries; two more to word them in
    ``locale`` when that is not the quiz's own language)."""
    questions = list(
        attempt.questions.select_related("question")
        .prefetch_related("question__choices")
        .order_by("position")
    )
    for attempt_question in questions:
        attempt_question.ordered_choices = attempt.choice_order(
            attempt_question.question_id, attempt_question.question.choices.all()
        )
        for choice in attempt_question.ordered_choices:
            choice.token = attempt.choice_token(choice.pk)
    if locale is not None and locale.pk != attempt.quiz.locale_id:
        _word_in(questions, locale)
    return questions


def _word_in(questions, locale):
    """Give the questions and choices the words of their translations in ``locale``. Only the
    words: ids, tokens and right answers stay the source quiz's, so the grader and an attempt
    begun in another language are unaffected. The objects are never saved."""
    question_keys = [aq.question.translation_key for aq in questions]
    choice_keys = [choice.translation_key for aq in questions for choice in aq.ordered_choices]
    translated_questions = {
        question.translation_key: question
        for question in Question.objects.filter(translation_key__in=question_keys, locale=locale).only(
            "translation_key", "prompt", "explanation"
        )
    }
    translated_choices = {
        choice.translation_key: choice
        for choice in Choice.objects.filter(translation_key__in=choice_keys, locale=locale).only(
            "translation_key", "text", "feedback"
        )
    }
    for attempt_question in questions:
        question = attempt_question.question
        if translation := translated_questions.get(question.translation_key):
            question.prompt, question.explanation = translation.prompt, translation.explanation
        for choice in attempt_question.ordered_choices:
            if translation := translated_choices.get(choice.translation_key):
                choice.text, choice.feedback = translation.text, translation.feedback


def quiz_in(quiz, locale):
    """The quiz's translation in ``locale`` for its title and intro, or the quiz itself."""
    if locale.pk == quiz.locale_id:
        return quiz
    return Quiz.objects.filter(translation_key=quiz.translation_key, locale=locale).first() or quiz


class InvalidSubmission(Exception):
    def __init__(self, errors, selected):
        super().__init__(errors)
        self.errors = errors
        self.selected = selected


FIELD_PREFIX = "question-"
ID_PATTERN = re.compile(r"[0-9]{1,18}")


def _as_id(text):
    return int(text) if ID_PATTERN.fullmatch(text) else None


def choice_value(attempt, choice):
    """The value the attempt's form sends for ``choice``."""
    return attempt.choice_token(choice.pk)


def parse_submission(post, questions):
    """Map each AttemptQuestion to the chosen Choice objects, or raise InvalidSubmission.

    Anything a normal form cannot send is rejected: a field for a question not in this attempt,
    a choice token that is unknown or belongs to another question (or another attempt), the same choice
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
        choices = {choice.token: choice for choice in attempt_question.ordered_choices}
        chosen = []
        for value in values:
            choice = choices.get(value)
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
