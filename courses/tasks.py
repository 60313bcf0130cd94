"""Background work of the courses app (run by Celery; see config/celery.py)."""

from smtplib import SMTPException

from celery import shared_task

from . import assignments


@shared_task
def send_assignment_reminders():
    """Daily (celery beat): queue every reminder that is due, one task each."""
    due = assignments.due_reminders()
    for assignment_id, kind in due:
        send_assignment_reminder.delay(assignment_id, kind)
    return len(due)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5)
def send_assignment_reminder(assignment_id, kind):
    return assignments.send_reminder(assignment_id, kind)
