"""A course may have to be retaken after N months: the certificate shows its expiry, an expired one
is not a completion (My learning, assignments, reports), and passing the quizzes again renews it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.assignments import with_status
from courses.models import (
    Certificate,
    CourseAssignment,
    CoursePage,
    LessonCompletion,
    ModulePage,
    QuizAttempt,
)
from courses.progress import add_months
from tests.conftest import page_action

from .conftest import add_lesson, add_page, module_of, right_answers
from .test_pages import finish_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def yearly_course(user_course):
    user_course.recertify_after_months = 12
    user_course.save_revision().publish()
    return user_course


def expire(certificate, days_ago=1):
    """As if the course was completed 400 days ago and the certificate has since expired."""
    long_ago = timezone.now() - datetime.timedelta(days=400)
    LessonCompletion.objects.filter(user=certificate.user).update(completed_at=long_ago)
    QuizAttempt.objects.filter(user=certificate.user).update(
        started_at=long_ago, finished_at=long_ago + datetime.timedelta(minutes=5)
    )
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=long_ago + datetime.timedelta(minutes=6),
        expires_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def completed_in_report(moderator):
    # A client of its own: client_learner is pytest-django's one client, signed in as the learner.
    client = Client()
    client.force_login(moderator)
    return [
        cell
        for row in client.get(reverse("courses_report_completion")).context["table"]
        for cell in row["cells"]
    ]


def test_the_certificate_shows_when_it_expires(client_learner, learner, yearly_course):
    finish_course(client_learner, yearly_course)
    certificate = Certificate.objects.get(user=learner)
    assert certificate.expires_at == add_months(certificate.issued_at, 12)
    page = client_learner.get(reverse("courses:certificate", args=[certificate.pk])).content.decode()
    assert f"Gyldigt til {certificate.expires_at:%-d}." in page


def test_a_course_without_recertification_never_expires(client_learner, learner, user_course):
    finish_course(client_learner, user_course)
    assert Certificate.objects.get(user=learner).expires_at is None


def test_an_expired_certificate_is_not_a_completion_until_renewed(
    client_learner, learner, moderator, yearly_course
):
    finish_course(client_learner, yearly_course)
    certificate = Certificate.objects.get(user=learner)
    CourseAssignment.objects.create(user=learner, course=yearly_course, due_date=timezone.localdate())
    completed_before = completed_in_report(moderator)
    expire(certificate)

    learning = client_learner.get(reverse("courses:my_learning")).content.decode()
    assert "Udløbet" in learning and "Forny kursusbeviset" in learning
    course_page = client_learner.get(yearly_course.url).content.decode()
    assert "Dit kursusbevis udløb den" in course_page
    assert "Se dit kursusbevis" not in course_page
    assert f'href="{module_of(yearly_course).url}"' in course_page  # on to the quiz again
    assert not with_status(CourseAssignment.objects.filter(user=learner)).get().completed
    assert completed_in_report(moderator) != completed_before
    verify = client_learner.get(
        reverse("courses:verify_certificate"), {"code": certificate.verification_code}
    )
    assert "Beviset er udløbet" in verify.content.decode()

    # The learner retakes the quiz (the lessons stay read) and the certificate is renewed.
    module = module_of(yearly_course)
    client_learner.post(page_action(module, "quiz_start"))
    attempt = module.quiz.attempts.filter(state="in_progress").get()
    client_learner.post(reverse("courses:attempt_submit", args=[attempt.pk]), right_answers(attempt))
    renewed = Certificate.objects.get(user=learner)
    assert renewed.pk == certificate.pk and not renewed.is_expired
    assert renewed.verification_code != certificate.verification_code
    assert renewed.expires_at > timezone.now() + datetime.timedelta(days=360)
    assert with_status(CourseAssignment.objects.filter(user=learner)).get().completed
    assert completed_in_report(moderator) == completed_before


def test_a_course_without_quizzes_is_renewed_by_reading_its_lessons_again(
    client_learner, learner, course_index
):
    course = add_page(
        course_index,
        CoursePage(title="Etik", slug="etik", track="bruger", intro="<p>Etik</p>", recertify_after_months=24),
    )
    module = add_page(course, ModulePage(title="Etik i praksis", slug="praksis"))
    lessons = [add_lesson(module, n) for n in (1, 2)]
    for lesson in lessons:
        client_learner.post(page_action(lesson, "lesson_done"))
    certificate = Certificate.objects.get(user=learner)
    expire(certificate)
    assert "Dit kursusbevis udløb den" in client_learner.get(course.url).content.decode()
    client_learner.post(page_action(lessons[0], "lesson_done"))
    assert Certificate.objects.get(user=learner).is_expired  # one of two read again
    client_learner.post(page_action(lessons[1], "lesson_done"))
    assert not Certificate.objects.get(user=learner).is_expired


def test_months_run_to_the_end_of_a_shorter_month():
    moment = datetime.datetime(2027, 1, 31, 12, tzinfo=datetime.UTC)
    assert add_months(moment, 1) == datetime.datetime(2027, 2, 28, 12, tzinfo=datetime.UTC)
    assert add_months(moment, 12) == datetime.datetime(2028, 1, 31, 12, tzinfo=datetime.UTC)
