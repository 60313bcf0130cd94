"""Background work of the home app (run by Celery; see config/celery.py)."""

from smtplib import SMTPException

from celery import shared_task

from . import review


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def send_review_reminders():
    """Daily (celery beat): email the owners of pages whose review date has come."""
    return review.send_review_reminders()
