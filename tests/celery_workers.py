"""Real Celery workers for the tests that need them: `celery worker` processes on the real Redis
broker, on a queue of the test's own, reading the test's PostgreSQL database and cache.

The test process is a pytest-xdist worker whose settings (config/settings/test.py) chose its
Redis database and cache key prefix: the workers are given the same, so that a cache version one
of them moves on is the one the test reads."""

import contextlib
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

BROKER_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def skip_without_postgres_and_redis():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the workers are other processes and must see the test's database")
    if not redis_reachable():
        pytest.skip(f"needs Redis as the Celery broker at {BROKER_URL}")


def new_queue():
    return f"cc-test-{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def running_workers(tmp_path, queue, count=2):
    """``count`` workers on ``queue``; yields a Celery client app for sending tasks and results.
    The emails they send are written to files in ``tmp_path / "mail"`` (see ``sent_emails``)."""
    database = connection.settings_dict
    (tmp_path / "mail").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.celery_worker_settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", ""),
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)  # REDIS_URL already names this test worker's database
    celery = str(Path(sys.executable).with_name("celery"))
    logs = [tmp_path / f"worker{n}.log" for n in range(1, count + 1)]
    workers = [
        subprocess.Popen(
            [celery, "-A", "config", "worker", "--pool=solo", "-Q", queue, "-n", f"w{n}-{queue}@%h"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=open(log, "wb"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
        )
        for n, log in enumerate(logs, start=1)
    ]
    client = client_app(queue)
    try:
        _wait_for_workers(client, workers, logs)
        yield client
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        client.close()


def client_app(queue):
    from celery import Celery

    # Not the current app: the site's tasks and its django-tasks backend read the current app's
    # settings, and a test client app left current would send every later test's tasks to its
    # broker instead of running them eagerly.
    client = Celery("cc-test-client", broker=BROKER_URL, backend=BROKER_URL, set_as_current=False)
    client.conf.task_default_queue = queue
    return client


def _wait_for_workers(client, workers, logs, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(worker.poll() is not None for worker in workers):
            break
        if len(client.control.ping(timeout=1)) >= len(workers):
            return
    output = "\n".join(log.read_text() for log in logs)
    pytest.fail(f"the Celery workers did not start:\n{output[-3000:]}")


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def sent_emails(mail_dir):
    """(recipient, subject) of every email the workers wrote to ``mail_dir``."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
                messages.append((message["To"], subject))
    return messages
