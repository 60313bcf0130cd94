"""Reminders sent by real Celery workers: two worker processes on the real Redis broker and the
test's PostgreSQL database, each reminder (course dates, content review dates) queued several times
at once, every email sent once."""

import datetime
import time

import pytest
from django.utils import timezone

from courses.models import AssignmentReminder, CourseAssignment, CoursePage
from home.models import User
from tests.celery_workers import (
    new_queue,
    running_workers,
    sent_emails,
    skip_without_postgres_and_redis,
    wait_until,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def celery_workers(tmp_path):
    skip_without_postgres_and_redis()
    with running_workers(tmp_path, new_queue()) as client:
        yield client, tmp_path / "mail"


def test_two_workers_send_each_reminder_once(celery_workers, user_course, editor):
    client, mail_dir = celery_workers
    today = timezone.localdate()
    users = User.objects.bulk_create(
        User(email=f"betjent{n}@politi.dk", first_name=f"B{n}") for n in range(20)
    )
    week = [
        CourseAssignment(user=u, course=user_course, due_date=today + datetime.timedelta(days=7))
        for u in users[:10]
    ]
    due = [CourseAssignment(user=u, course=user_course, due_date=today) for u in users[10:]]
    CourseAssignment.objects.bulk_create(week + due)
    assignments = list(CourseAssignment.objects.order_by("pk"))
    reminders = [
        (a.pk, AssignmentReminder.DUE if a.due_date == today else AssignmentReminder.WEEK_BEFORE)
        for a in assignments
    ]

    # The course page is due for review today: its owner is emailed once by the daily job.
    CoursePage.objects.filter(pk=user_course.pk).update(review_by=today, content_owner=editor)
    reviews = [client.send_task("home.tasks.send_review_reminders") for _ in range(3)]

    # The daily scan queued four times at once, and every reminder twice more by hand: the two
    # workers race each other for the same reminders.
    scans = [client.send_task("courses.tasks.send_assignment_reminders") for _ in range(4)]
    direct = [
        client.send_task("courses.tasks.send_assignment_reminder", args=reminder)
        for reminder in reminders * 2
    ]
    assert all(scan.get(timeout=120) <= 20 for scan in scans)
    sent_now = [result.get(timeout=120) for result in direct]
    assert sorted(review.get(timeout=120) for review in reviews) == [0, 0, 1]
    assert {result.worker.split("@")[0][:2] for result in direct} == {"w1", "w2"}  # both workers worked

    # Wait until no queued task is left, then for the last one running to finish.
    wait_until(lambda: AssignmentReminder.objects.count() == 20)
    wait_until(lambda: len(sent_emails(mail_dir)) >= 21)
    time.sleep(2)

    messages = sent_emails(mail_dir)
    assert ("redaktoer@politi.dk", "Siden skal gennemgås: Co-creation for brugere") in messages
    messages = [message for message in messages if message[0] != "redaktoer@politi.dk"]
    assert len(messages) == 20, messages
    assert sorted(to for to, _ in messages) == sorted(u.email for u in users)
    subjects = {to: subject for to, subject in messages}
    assert subjects["betjent0@politi.dk"] == "7 dage til fristen: Co-creation for brugere"
    assert subjects["betjent19@politi.dk"] == "Fristen er i dag: Co-creation for brugere"
    assert sum(sent_now) <= 20
    assert set(AssignmentReminder.objects.values_list("assignment_id", "kind")) == set(reminders)
