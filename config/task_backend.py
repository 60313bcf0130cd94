"""Wagtail's background tasks on Celery: search and reference index updates, file deletions.

Wagtail 8 queues these through django-tasks (``TASKS``). No released backend fits this stack:
django-tasks-celery needs Python 3.12 and Django 6, and the others send the task before the
transaction commits, so a worker could read the page as it was. This one:

- runs each task at once, in the process that queued it, wherever Celery itself runs eagerly
  (no broker: ``make run``, the test suite), so the two engines never disagree;
- with a broker, sends the task to Celery once the transaction that queued it has committed, to
  be run by ``home.tasks.run_django_task`` on a worker;
- runs the task in the request after all if the broker cannot be reached: the index then stays
  current, only slower to update (Redis is an accelerator here, as for the cache)."""

import logging

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class CeleryBackend(ImmediateBackend):
    # ImmediateBackend.enqueue builds and validates the task's result, then runs it here.
    def _execute_task(self, task_result):
        from config.celery import app

        if app.conf.task_always_eager:
            super()._execute_task(task_result)
        else:
            transaction.on_commit(lambda: self._send(task_result))

    def _send(self, result):
        from home.tasks import run_django_task

        try:
            run_django_task.delay(result.task.module_path, list(result.args), dict(result.kwargs))
        except OperationalError as error:
            logger.warning("Broker unreachable (%s): running %s here", error, result.task.module_path)
            super()._execute_task(result)
