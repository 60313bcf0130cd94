"""Background work of the home app (run by Celery; see config/celery.py)."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.core.exceptions import ObjectDoesNotExist
from django.utils.module_loading import import_string

from . import review

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def send_review_reminders():
    """Daily (celery beat): email the owners of pages whose review date has come."""
    return review.send_review_reminders()


@shared_task
def run_django_task(path, args, kwargs):
    """Run a django-tasks task Wagtail or an app queued (config/task_backend.py), by its path."""
    try:
        import_string(path).call(*args, **kwargs)
    except ObjectDoesNotExist:
        # Saved, then deleted before a worker got to it: its deletion already took it out of the
        # index, and there is nothing left to update.
        logger.info("%s%r: the object no longer exists", path, tuple(args))
