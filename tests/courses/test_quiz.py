import re

import pytest
from django.urls import reverse

from courses.models import AttemptAnswer, LessonCompletion, Question, Quiz, QuizAttempt
from courses.quiz import choice_value
from tests.conftest import page_action

from .conftest import add_lesson, lessons_of, make_quiz, module_of, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(user_course):
    return module_of(user_course)


def start(client, page):
    response = client.post(page_action(page, "quiz_start"))
    assert response.status_code == 302
    return QuizAttempt.objects.filter(quiz=page.quiz).order_by("-number").first()


def submit(client, attempt, data):
    return client.post(reverse("courses:attempt_submit", args=[attempt.pk]), data)


def test_quiz_html_shows_right_and_wrong_choices_identically(client_learner, module):
    attempt = start(client_learner, module)
    html = client_learner.get(reverse("courses:attempt", args=[attempt.pk])).content.decode()
    for question in module.quiz.questions.all():
        markup = {}
        for choice in question.choices.all():
            token = choice_value(attempt, choice)
            line = re.search(
                rf'<li[^>]*><input[^>]*id="choice-{token}"[^>]*><label[^>]*>[^<]*</label></li>', html
            )
            assert line, f"choice {choice.pk} not rendered"
            assert f'value="{choice.pk}"' not in line.group(0)
            # Strip what legitimately differs (token and text); everything else must be the same.
            markup[choice.is_correct] = line.group(0).replace(token, "TOKEN").replace(choice.text, "TEXT")
        assert markup[True] == markup[False]
        assert question.explanation not in html
        for choice in question.choices.all():
            assert choice.feedback not in html
    assert "correct" not in html.lower()


def test_right_answers_give_a_pass_and_a_review(client_learner, learner, module):
    attempt = start(client_learner, module)
    response = submit(client_learner, attempt, right_answers(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.passed and attempt.score == 100
    html = client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    assert "Bestået" in html and "Godt svaret 1" in html and "Forklaring 1" in html


def test_grading_is_on_the_server(client_learner, module):
    quiz = module.quiz
    quiz.review_policy = Quiz.REVIEW_AFTER_ATTEMPT  # shows the feedback of every chosen answer
    quiz.save()
    attempt = start(client_learner, module)
    first, second = quiz.questions.all()
    data = {
        f"question-{first.pk}": choice_value(attempt, first.choices.get(is_correct=True)),
        f"question-{second.pk}": choice_value(attempt, second.choices.filter(is_correct=False).first()),
        "score": "100",
        "passed": "true",
    }
    submit(client_learner, attempt, data)
    attempt.refresh_from_db()
    assert attempt.score == 50 and not attempt.passed
    html = client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    assert "Feedback A2" in html  # the feedback of the wrong choice picked


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("unknown_choice", "svaret findes ikke blandt spørgsmålets svarmuligheder"),
        ("other_question_choice", "svaret findes ikke blandt spørgsmålets svarmuligheder"),
        ("database_id", "svaret findes ikke blandt spørgsmålets svarmuligheder"),
        ("other_attempts_token", "svaret findes ikke blandt spørgsmålets svarmuligheder"),
        ("missing_question", "Du mangler at svare på spørgsmål"),
        ("repeated_field", "vælg kun ét svar"),
        ("same_choice_twice", "det samme svar er sendt to gange"),
        ("unknown_question", "ikke er med i dette forsøg"),
        ("not_a_number", "svaret findes ikke"),
    ],
)
def test_tampered_forms_are_rejected_and_nothing_is_recorded(client_learner, module, tamper, message):
    attempt = start(client_learner, module)
    first, second = module.quiz.questions.all()
    data = right_answers(attempt)
    key = f"question-{first.pk}"
    right = choice_value(attempt, first.choices.get(is_correct=True))
    wrong = choice_value(attempt, first.choices.filter(is_correct=False).first())
    if tamper == "unknown_choice":
        data[key] = 999999
    elif tamper == "other_question_choice":
        data[key] = choice_value(attempt, second.choices.first())
    elif tamper == "database_id":
        data[key] = first.choices.get(is_correct=True).pk
    elif tamper == "other_attempts_token":
        other = QuizAttempt(pk=attempt.pk + 1, quiz=attempt.quiz)
        data[key] = choice_value(other, first.choices.get(is_correct=True))
    elif tamper == "missing_question":
        del data[key]
    elif tamper == "repeated_field":
        data[key] = [right, wrong]
    elif tamper == "same_choice_twice":
        data[key] = [right, right]
    elif tamper == "unknown_question":
        other = make_quiz("Anden quiz", questions=1).questions.get()
        data[f"question-{other.pk}"] = choice_value(attempt, other.choices.first())
    elif tamper == "not_a_number":
        data[key] = "²"
    response = submit(client_learner, attempt, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.IN_PROGRESS and attempt.score is None
    assert not AttemptAnswer.objects.exists()


def test_a_double_submit_gives_one_result(client_learner, module):
    attempt = start(client_learner, module)
    submit(client_learner, attempt, right_answers(attempt))
    response = submit(client_learner, attempt, wrong_answers(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100
    assert AttemptAnswer.objects.count() == 2


def test_finish_is_a_conditional_update(client_learner, module):
    from courses.models.quiz import AttemptAlreadyFinished
    from courses.quiz import attempt_questions, parse_submission

    attempt = start(client_learner, module)
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    graded = parse_submission(_querydict(right_answers(attempt)), attempt_questions(attempt))
    attempt.finish(graded)
    with pytest.raises(AttemptAlreadyFinished):
        stale.finish(graded)


def _querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, [str(value) for value in values])
    return query


def test_attempt_limit(client_learner, learner, module):
    quiz = module.quiz
    quiz.max_attempts = 1
    quiz.save()
    attempt = start(client_learner, module)
    assert start(client_learner, module) == attempt  # the open attempt is resumed, not duplicated
    submit(client_learner, attempt, wrong_answers(attempt))
    response = client_learner.post(page_action(module, "quiz_start"), follow=True)
    assert "Du har brugt alle dine forsøg" in response.content.decode()
    assert QuizAttempt.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize(
    "policy, passed, shows_review",
    [
        (Quiz.REVIEW_AFTER_ATTEMPT, False, True),
        (Quiz.REVIEW_AFTER_PASSING, False, False),
        (Quiz.REVIEW_AFTER_PASSING, True, True),
        (Quiz.REVIEW_NEVER, True, False),
        (Quiz.REVIEW_MARKS_THEN_ANSWERS, True, True),
    ],
)
def test_review_policy(client_learner, module, policy, passed, shows_review):
    quiz = module.quiz
    quiz.review_policy = policy
    quiz.save()
    attempt = start(client_learner, module)
    submit(client_learner, attempt, right_answers(attempt) if passed else wrong_answers(attempt))
    html = client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    assert ("Forklaring 1" in html) is shows_review
    assert ("Rigtigt 1" in html) is shows_review


def test_shuffle_keeps_one_order_per_attempt(client_learner, module):
    quiz = module.quiz
    for n in range(3, 9):
        question = Question(quiz=quiz, sort_order=n, prompt=f"Ekstra {n}?")
        question.save()
    attempt = start(client_learner, module)
    url = reverse("courses:attempt", args=[attempt.pk])
    first = re.findall(r"Spørgsmål \d+: ([^<]+)<", client_learner.get(url).content.decode())
    again = re.findall(r"Spørgsmål \d+: ([^<]+)<", client_learner.get(url).content.decode())
    assert first == again and len(first) == 8
    assert first != [q.prompt for q in quiz.questions.order_by("sort_order")]


def test_passing_a_lesson_quiz_completes_the_lesson(client_learner, learner, user_course):
    lesson = add_lesson(module_of(user_course), 9, quiz=make_quiz("Lektionsquiz"))
    html = client_learner.get(lesson.url).content.decode()
    assert "Marker lektionen som gennemført" not in html
    client_learner.post(page_action(lesson, "lesson_done"))
    assert not LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
    attempt = start(client_learner, lesson)
    submit(client_learner, attempt, right_answers(attempt))
    assert LessonCompletion.objects.get(user=learner, lesson=lesson).source == LessonCompletion.QUIZ_PASSED


def test_quiz_is_not_in_the_search_index_fields(user_course):
    from courses.models import LessonPage

    names = {field.field_name for field in LessonPage.search_fields}
    assert "quiz" not in names and "body" in names
    assert lessons_of(user_course)


def test_default_review_marks_a_failed_attempt_without_giving_away_the_right_answers(client_learner, module):
    quiz = module.quiz
    assert quiz.review_policy == Quiz.REVIEW_MARKS_THEN_ANSWERS
    attempt = start(client_learner, module)
    submit(client_learner, attempt, wrong_answers(attempt))
    html = client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    assert "Forkert besvaret" in html and "Dit svar" in html and "forkert" in html
    assert "Forkert A1" in html  # the learner's own answer, marked
    assert "Rigtigt 1" not in html and "Forklaring 1" not in html  # not the right one
    assert "Prøv igen" in html


def test_default_review_reveals_the_right_answers_on_the_last_attempt(client_learner, module):
    quiz = module.quiz
    quiz.max_attempts = 2
    quiz.save()
    for number in (1, 2):
        attempt = start(client_learner, module)
        submit(client_learner, attempt, wrong_answers(attempt))
        html = client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
        assert ("Rigtigt 1" in html) is (number == 2)
    assert "Prøv igen" not in html  # no attempt left
    assert "Rigtigt svar" in html and "Forklaring 1" in html


def test_passed_attempt_has_no_retry_button_and_shows_the_answers(client_learner, module):
    attempt = start(client_learner, module)
    submit(client_learner, attempt, right_answers(attempt))
    html = client_learner.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    assert "Prøv igen" not in html
    assert "Rigtigt besvaret" in html and "Forklaring 1" in html


@pytest.mark.parametrize(
    ("title", "heading"), [("Quiz: De 7 faser", "Quiz: De 7 faser"), ("De 7 faser", "Quiz: De 7 faser")]
)
def test_quiz_heading_says_quiz_once(client_learner, module, title, heading):
    quiz = module.quiz
    quiz.title = title
    quiz.save()
    html = client_learner.get(module.url).content.decode()
    assert f'<h2 id="quiz-heading">{heading}</h2>' in html
    assert "Quiz: Quiz:" not in html
