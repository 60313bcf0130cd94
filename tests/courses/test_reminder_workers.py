"""Reminders sent by real Celery workers: two worker processes on the real Redis broker and the
test's PostgreSQL database, each reminder (course dates, content review dates) queued several times
at once, every email sent once."""

import datetime
import email
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from courses.models import AssignmentReminder, CourseAssignment, CoursePage
from home.models import User

BROKER_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
WORKERS = 2

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _needs_redis():
    if not _redis_reachable():
        pytest.skip(f"needs Redis as the Celery broker at {BROKER_URL}")


@pytest.fixture
def celery_workers(tmp_path):
    """Two `celery worker` processes on a queue of this test's own, with the test's database."""
    database = connection.settings_dict
    queue = f"cc-test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.celery_worker_settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    celery = str(Path(sys.executable).with_name("celery"))
    workers = [
        subprocess.Popen(
            [celery, "-A", "config", "worker", "--pool=solo", "-Q", queue, "-n", f"w{n}-{queue}@%h"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=open(tmp_path / f"worker{n}.log", "wb"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
        )
        for n in range(1, WORKERS + 1)
    ]
    client = _client_app(queue)
    try:
        _wait_for_workers(client, workers, tmp_path)
        yield client, mail_dir
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        client.close()


def _client_app(queue):
    from celery import Celery

    client = Celery("cc-test-client", broker=BROKER_URL, backend=BROKER_URL)
    client.conf.task_default_queue = queue
    return client


def _wait_for_workers(client, workers, tmp_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(worker.poll() is not None for worker in workers):
            break
        if len(client.control.ping(timeout=1)) >= WORKERS:
            return
    logs = "\n".join((tmp_path / f"worker{n}.log").read_text() for n in range(1, WORKERS + 1))
    pytest.fail(f"the Celery workers did not start:\n{logs[-3000:]}")


def sent_emails(mail_dir):
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
                messages.append((message["To"], subject))
    return messages


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
    _wait_until(lambda: AssignmentReminder.objects.count() == 20)
    _wait_until(lambda: len(sent_emails(mail_dir)) >= 21)
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


def _wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")
