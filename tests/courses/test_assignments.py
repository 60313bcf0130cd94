"""Assigned courses: who may assign, what the learner sees, reminders once each, the report."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import tasks
from courses.assignments import due_reminders
from courses.models import AssignmentReminder, Certificate, CourseAssignment, CourseEnrollment, CoursePage
from home.models import District, User
from home.roles import LEARNERS, SUPERBRUGERE
from tests.conftest import make_user

from .conftest import add_page

TODAY = timezone.localdate


def in_days(n):
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def superbruger(district):
    return make_user(
        "anker@politi.dk", LEARNERS, SUPERBRUGERE, first_name="Jonas", last_name="Kjær", district=district
    )


@pytest.fixture
def far_learner(db):
    other = District.objects.get(slug="bornholm")
    return make_user("bornholm@politi.dk", LEARNERS, first_name="Karen", last_name="Lund", district=other)


def certify(user, course):
    return Certificate.objects.create(
        user=user,
        course=course,
        course_key=course.translation_key,
        recipient_name=user.display_name,
        course_title=course.title,
        track=course.track,
        activity_count=4,
    )


def post_assignment(client, course, due, **targets):
    return client.post(
        reverse("courses:assign_course"),
        {"course": course.pk, "due_date": due.isoformat(), **targets},
    )


def test_a_moderator_assigns_a_course_to_a_whole_district(
    client_moderator, user_course, learner, other_learner, far_learner, district
):
    response = post_assignment(client_moderator, user_course, in_days(20), district=district.pk)
    assert response.status_code == 302
    assigned = set(CourseAssignment.objects.filter(course=user_course).values_list("user__email", flat=True))
    assert assigned == {learner.email, other_learner.email}
    follow = client_moderator.get(response.url)
    assert "2 nye" in follow.text


def test_a_moderator_assigns_to_a_group_and_to_addresses(client_moderator, user_course, learner, far_learner):
    group = Group.objects.create(name="Forebyggelse Bornholm")
    far_learner.groups.add(group)
    response = post_assignment(
        client_moderator, user_course, in_days(10), group=group.pk, emails=" KURSIST@politi.dk \n"
    )
    assert response.status_code == 302
    assert set(CourseAssignment.objects.values_list("user__email", flat=True)) == {
        learner.email,
        far_learner.email,
    }


def test_a_superbruger_assigns_only_within_their_own_district(
    client, superbruger, user_course, learner, far_learner
):
    client.force_login(superbruger)
    page = client.get(reverse("courses:assign_course"))
    assert page.status_code == 200
    assert "Bornholm" not in page.text  # only their own district is offered
    response = post_assignment(
        client, user_course, in_days(10), emails=f"{learner.email}\n{far_learner.email}"
    )
    assert response.status_code == 400
    assert "bornholm@politi.dk" in response.text
    assert not CourseAssignment.objects.exists()  # nothing is assigned when one address is refused
    other = District.objects.get(slug="bornholm")
    response = post_assignment(client, user_course, in_days(10), district=other.pk)
    assert response.status_code == 400
    assert not CourseAssignment.objects.exists()
    response = post_assignment(client, user_course, in_days(10), emails=learner.email)
    assert response.status_code == 302
    assert list(CourseAssignment.objects.values_list("user", "assigned_by")) == [(learner.pk, superbruger.pk)]


def test_a_learner_cannot_assign_courses(client_learner, user_course, other_learner):
    assert client_learner.get(reverse("courses:assign_course")).status_code == 403
    assert (
        post_assignment(client_learner, user_course, in_days(10), emails=other_learner.email).status_code
        == 403
    )
    assert not CourseAssignment.objects.exists()


def test_bad_input_is_refused_with_a_message_and_changes_nothing(client_moderator, user_course, learner):
    response = post_assignment(client_moderator, user_course, in_days(-1), emails=learner.email)
    assert response.status_code == 400 and "Fristen kan ikke ligge før i dag" in response.text
    response = post_assignment(client_moderator, user_course, in_days(5))
    assert response.status_code == 400 and "Vælg mindst én kursist" in response.text
    response = client_moderator.post(
        reverse("courses:assign_course"), {"course": 999999, "due_date": in_days(5), "emails": learner.email}
    )
    assert response.status_code == 400
    assert not CourseAssignment.objects.exists()


def test_assigning_again_moves_the_date_and_the_reminders_start_over(client_moderator, user_course, learner):
    post_assignment(client_moderator, user_course, in_days(7), emails=learner.email)
    tasks.send_assignment_reminders.delay()
    assert len(mail.outbox) == 1
    response = post_assignment(client_moderator, user_course, in_days(30), emails=learner.email)
    assert "1 med ny frist" in client_moderator.get(response.url).text
    assignment = CourseAssignment.objects.get()
    assert assignment.due_date == in_days(30)
    assert not AssignmentReminder.objects.exists()
    post_assignment(client_moderator, user_course, in_days(30), emails=learner.email)
    assert CourseAssignment.objects.count() == 1


def test_the_learner_sees_assigned_courses_first_with_the_days_left(
    client_learner, learner, user_course, superuser_course
):
    CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(12))
    CourseAssignment.objects.create(user=learner, course=superuser_course, due_date=in_days(-3))
    home = client_learner.get("/").text
    assert "Tildelt til dig" in home
    assert home.index('id="panel-assigned-heading"') < home.index('id="panel-learning-heading"')
    assert "12 dage tilbage" in home
    assert "Fristen er overskredet med 3 dage" in home
    learning = client_learner.get(reverse("courses:my_learning")).text
    assert learning.index('id="assigned-heading"') < learning.index('id="courses-heading"')
    assert "12 dage tilbage" in learning and "Ikke påbegyndt" in learning

    certify(learner, user_course)
    home = client_learner.get("/").text
    assert "Co-creation for brugere" not in home.split("Tildelt til dig")[1].split("</section>")[0]
    learning = client_learner.get(reverse("courses:my_learning")).text
    assert "Gennemført" in learning


def test_nothing_assigned_means_no_panel(client_learner, user_course):
    assert "Tildelt til dig" not in client_learner.get("/").text


def test_other_learners_assignments_are_not_shown(client_learner, other_learner, user_course):
    CourseAssignment.objects.create(user=other_learner, course=user_course, due_date=in_days(3))
    assert "Tildelt til dig" not in client_learner.get("/").text
    assert "Tildelt til dig" not in client_learner.get(reverse("courses:my_learning")).text


def test_reminders_go_out_seven_days_before_and_on_the_date_once_each(learner, other_learner, user_course):
    week = CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(7))
    later = CourseAssignment.objects.create(user=other_learner, course=user_course, due_date=in_days(8))
    assert due_reminders() == [(week.pk, AssignmentReminder.WEEK_BEFORE)]

    tasks.send_assignment_reminders.delay()
    tasks.send_assignment_reminders.delay()
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert mail.outbox[0].subject == "7 dage til fristen: Co-creation for brugere"
    assert "http://testserver/uddannelse/bruger/" in mail.outbox[0].body

    # A week later: the date has come for one, the other is now 7 days away.
    assert sorted(due_reminders(in_days(7))) == sorted(
        [(later.pk, AssignmentReminder.WEEK_BEFORE), (week.pk, AssignmentReminder.DUE)]
    )
    assert tasks.send_assignment_reminder.delay(week.pk, AssignmentReminder.DUE).get() is True
    assert tasks.send_assignment_reminder.delay(week.pk, AssignmentReminder.DUE).get() is False
    assert mail.outbox[-1].subject == "Fristen er i dag: Co-creation for brugere"
    assert len(mail.outbox) == 2


def test_no_reminder_for_a_completed_course(learner, user_course):
    CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(3))
    certify(learner, user_course)
    assert due_reminders() == []
    tasks.send_assignment_reminders.delay()
    assert mail.outbox == []


def test_a_missed_day_is_caught_up_without_a_second_email(learner, user_course):
    assignment = CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(-2))
    tasks.send_assignment_reminders.delay()
    tasks.send_assignment_reminders.delay()
    assert len(mail.outbox) == 1
    assert AssignmentReminder.objects.filter(assignment=assignment, kind=AssignmentReminder.DUE).count() == 1


def test_a_failed_send_releases_the_claim_so_a_retry_sends_it(learner, user_course, settings):
    assignment = CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(7))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    from courses.assignments import send_reminder

    with pytest.raises(OSError):
        send_reminder(assignment.pk, AssignmentReminder.WEEK_BEFORE)
    assert not AssignmentReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_reminder(assignment.pk, AssignmentReminder.WEEK_BEFORE) is True
    assert len(mail.outbox) == 1


def test_the_report_counts_assigned_started_completed_and_overdue_per_district(
    client_moderator, learner, other_learner, far_learner, user_course
):
    CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(-1))
    CourseAssignment.objects.create(user=other_learner, course=user_course, due_date=in_days(-1))
    CourseAssignment.objects.create(user=far_learner, course=user_course, due_date=in_days(5))
    CourseEnrollment.objects.create(user=other_learner, course=user_course)
    certify(other_learner, user_course)
    CourseEnrollment.objects.create(user=far_learner, course=user_course)
    response = client_moderator.get(reverse("courses_report_assignments"))
    assert response.status_code == 200
    rows = {row["district"]: row for row in response.context["rows"]}
    assert {k: rows["Nordjyllands Politi"][k] for k in ("assigned", "started", "completed", "overdue")} == {
        "assigned": 2,
        "started": 1,
        "completed": 1,
        "overdue": 1,
    }
    assert {k: rows["Bornholms Politi"][k] for k in ("assigned", "started", "completed", "overdue")} == {
        "assigned": 1,
        "started": 1,
        "completed": 0,
        "overdue": 0,
    }
    assert response.context["totals"] == {"assigned": 3, "started": 2, "completed": 1, "overdue": 1}


def test_learners_cannot_open_the_assignment_report(client_learner):
    assert client_learner.get(reverse("courses_report_assignments")).status_code in (302, 403)


def test_home_page_queries_do_not_grow_with_assignments(client_learner, learner, course_index, user_course):
    def count():
        client_learner.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client_learner.get("/").status_code == 200
        return len(queries)

    CourseAssignment.objects.create(user=learner, course=user_course, due_date=in_days(4))
    small = count()
    for n in range(40):
        course = add_page(
            course_index, CoursePage(title=f"Kursus {n}", slug=f"kursus-{n}", intro="<p>Kursus</p>")
        )
        CourseAssignment.objects.create(user=learner, course=course, due_date=in_days(n + 1))
    others = User.objects.bulk_create(User(email=f"betjent{n}@politi.dk") for n in range(100))
    CourseAssignment.objects.bulk_create(
        CourseAssignment(user=u, course=user_course, due_date=in_days(2)) for u in others
    )
    assert count() == small
    assert small <= 12
