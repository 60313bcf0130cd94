import pytest
from django.urls import reverse

from courses.models import CourseEnrollment, LessonCompletion
from courses.models.quiz import QuizAttempt
from courses.quiz import attempt_questions, start_attempt

from .conftest import lessons_of, module_of

pytestmark = pytest.mark.django_db


def answer(user, module, right):
    attempt = start_attempt(user, module.quiz, module)
    graded = {}
    for attempt_question in attempt_questions(attempt):
        choices = attempt_question.question.choices.all()
        pick = (
            [c for c in choices if c.is_correct]
            if right
            else [c for c in choices if c.text.startswith("Forkert A")]
        )
        graded[attempt_question] = pick
    return attempt.finish(graded)


@pytest.fixture
def learning_records(learner, other_learner, user_course):
    module = module_of(user_course)
    for user in (learner, other_learner):
        CourseEnrollment.objects.create(user=user, course=user_course)
    for lesson in lessons_of(user_course):
        LessonCompletion.objects.create(user=learner, lesson=lesson)
    answer(learner, module, right=True)
    answer(other_learner, module, right=False)
    from courses.progress import issue_certificate_if_complete

    assert issue_certificate_if_complete(learner, user_course) is not None
    return module


def test_learners_cannot_reach_the_reports(client_learner, learning_records):
    for name in ["courses_report_completion", "courses_report_learners", "courses_report_quizzes"]:
        response = client_learner.get(reverse(name))
        assert response.status_code in (302, 403)
        # The no-access page names the learner in her own menu; no one else's record may show.
        assert "Ole Berg" not in response.content.decode()
        assert "kollega@politi.dk" not in response.content.decode()
    csv = client_learner.get(reverse("courses_report_learners"), {"format": "csv"})
    assert csv.status_code in (302, 403)


def test_completion_by_track_and_district(client_moderator, learning_records):
    html = client_moderator.get(reverse("courses_report_completion")).content.decode()
    assert "Nordjyllands Politi" in html or "Nordjylland" in html
    # two learners started the user track in the district, one completed it: 50 %
    assert "<td>2</td><td>1</td><td>50 %</td>" in html.replace("\n", "")


def test_per_learner_table_and_csv(client_moderator, learner, learning_records):
    learner.first_name = "=HYPERLINK(1)"
    learner.save()
    html = client_moderator.get(reverse("courses_report_learners")).content.decode()
    assert "4/4 (100 %)" in html and "0/4 (0 %)" in html
    response = client_moderator.get(reverse("courses_report_learners"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    # Danish Excel: a UTF-8 byte order mark first, semicolons between the columns.
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Navn;E-mail;Politikreds;Kursus;Spor;Aktiviteter gennemført")
    assert any(
        line.startswith("'=HYPERLINK(1) Holm;kursist@politi.dk") and ";4;4;100;" in line for line in lines
    )
    assert any("kollega@politi.dk" in line and ";0;4;0;" in line for line in lines)


def test_item_analysis_shows_share_correct_and_most_chosen_wrong_answer(client_moderator, learning_records):
    quiz = learning_records.quiz
    assert QuizAttempt.objects.filter(quiz=quiz, state="finished").count() == 2
    html = client_moderator.get(reverse("courses_report_item_analysis", args=[quiz.pk])).content.decode()
    assert "Spørgsmål nummer 1?" in html
    assert "50 %" in html
    assert "Forkert A1 (1)" in html and "Forkert A2 (1)" in html


def test_reports_menu_is_shown_to_moderators(client_moderator, learning_records):
    html = client_moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("courses_report_completion") in html  # the sidebar is JSON, so look for the link


def test_quiz_list_counts_finished_attempts_not_answers(client_moderator, user_course):
    """5 finished attempts at a 5-question quiz, 4 at a 4-question one, 2 at a 2-question one:
    the column says 5, 4 and 2 (it said 25, 16 and 4 when it counted answers)."""
    from django.contrib.auth import get_user_model

    from courses.models import ModulePage

    from .conftest import add_page, make_quiz

    users = [
        get_user_model().objects.create_user(email=f"forsoeg{n}@politi.dk", password="x" * 12)
        for n in range(5)
    ]
    for title, attempts in (("Fem forsøg", 5), ("Fire forsøg", 4), ("To forsøg", 2)):
        module = add_page(
            user_course,
            ModulePage(title=title, slug=f"modul-{attempts}", quiz=make_quiz(title, questions=attempts)),
        )
        for user in users[:attempts]:
            answer(user, module, right=True)
    start_attempt(users[0], module.quiz, module)  # an open attempt is not a finished one
    html = client_moderator.get(reverse("courses_report_quizzes")).content.decode().replace("\n", "")
    assert ">Fem forsøg</a></td><td>5</td><td>5</td>" in html
    assert ">Fire forsøg</a></td><td>4</td><td>4</td>" in html
    assert ">To forsøg</a></td><td>2</td><td>2</td>" in html
