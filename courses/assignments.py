"""Assigning courses, the learner's view of what they are assigned, and the reminders.

An assignment is *completed* when the learner holds the course's certificate, *started* when they
have opened one of its lessons, and *overdue* when its date has passed without a certificate."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from home.roles import is_moderator

from .models import AssignmentReminder, Certificate, CourseAssignment, CourseEnrollment

REMINDER_DAYS_BEFORE = 7


def assignable_users(actor):
    """Whom ``actor`` may assign courses to: anyone for a moderator, the people of their own
    district for a superbruger, nobody for anyone else."""
    users = get_user_model().objects.filter(is_active=True)
    if is_moderator(actor):
        return users
    if actor.has_perm("courses.assign_course") and actor.district_id:
        return users.filter(district_id=actor.district_id)
    return users.none()


@dataclass
class AssignResult:
    created: int
    updated: int
    unchanged: int


def assign(course, users, due_date, assigned_by):
    """Assign ``course`` to every user in ``users`` by ``due_date``. A user who already has it
    gets the new date, and the reminders for the old date no longer count."""
    user_ids = set(users.values_list("pk", flat=True))
    with transaction.atomic():
        existing = {
            a.user_id: a
            for a in CourseAssignment.objects.select_for_update().filter(course=course, user_id__in=user_ids)
        }
        moved = [a.pk for a in existing.values() if a.due_date != due_date]
        CourseAssignment.objects.filter(pk__in=moved).update(due_date=due_date)
        AssignmentReminder.objects.filter(assignment_id__in=moved).delete()
        new = [
            CourseAssignment(user_id=user_id, course=course, due_date=due_date, assigned_by=assigned_by)
            for user_id in sorted(user_ids - existing.keys())
        ]
        # A parallel assignment of the same course to the same person keeps its own row.
        CourseAssignment.objects.bulk_create(new, ignore_conflicts=True)
    return AssignResult(created=len(new), updated=len(moved), unchanged=len(existing) - len(moved))


def with_status(assignments):
    """Annotate assignments with ``completed`` (the learner holds the certificate) and
    ``started`` (the learner has opened the course)."""
    return assignments.annotate(
        completed=Exists(
            Certificate.objects.valid().filter(
                user_id=OuterRef("user_id"), course_key=OuterRef("course__translation_key")
            )
        ),
        started=Exists(
            CourseEnrollment.objects.filter(user_id=OuterRef("user_id"), course_id=OuterRef("course_id"))
        ),
    )


def assignments_for(user, open_only=False):
    """The user's assignments of live courses, the nearest date first, each with ``days_left``."""
    assignments = with_status(
        CourseAssignment.objects.filter(user=user, course__live=True).select_related("course")
    ).order_by("due_date", "course__path")
    if open_only:
        assignments = assignments.filter(completed=False)
    today = timezone.localdate()
    rows = list(assignments)
    for assignment in rows:
        assignment.days_left_now = assignment.days_left(today)
        assignment.overdue = not assignment.completed and assignment.days_left_now < 0
        assignment.days_overdue = -assignment.days_left_now
    return rows


def due_reminders(today=None):
    """(assignment id, kind) of every reminder that should have gone out by ``today`` and has
    not: the one a week before while the date is up to 7 days ahead, the one on the date from
    the date on. A day the scheduler missed is caught up the next day, never sent twice."""
    today = today or timezone.localdate()
    # Inactive accounts (left, or erased: privacy/) get no reminders.
    open_assignments = with_status(
        CourseAssignment.objects.filter(course__live=True, user__is_active=True)
    ).filter(completed=False)
    sent = AssignmentReminder.objects.filter(assignment_id=OuterRef("pk"))
    week = (
        open_assignments.filter(
            due_date__gt=today, due_date__lte=today + timezone.timedelta(days=REMINDER_DAYS_BEFORE)
        )
        .exclude(Exists(sent.filter(kind=AssignmentReminder.WEEK_BEFORE)))
        .values_list("pk", flat=True)
    )
    due = (
        open_assignments.filter(due_date__lte=today)
        .exclude(Exists(sent.filter(kind=AssignmentReminder.DUE)))
        .values_list("pk", flat=True)
    )
    return [(pk, AssignmentReminder.WEEK_BEFORE) for pk in week] + [
        (pk, AssignmentReminder.DUE) for pk in due
    ]


def send_reminder(assignment_id, kind):
    """Email one reminder, at most once: the reminder's row is inserted (and committed) before the
    email goes out, so a second worker running the same reminder finds it taken. If sending fails
    the row is removed again, so a retry can send it. Returns whether this call sent it."""
    assignment = with_status(
        CourseAssignment.objects.filter(pk=assignment_id).select_related("user", "course")
    ).first()
    if assignment is None or assignment.completed or not assignment.user.is_active:
        return False
    try:
        with transaction.atomic():
            claim = AssignmentReminder.objects.create(assignment=assignment, kind=kind)
    except IntegrityError:
        return False
    try:
        _email_reminder(assignment, kind)
    except Exception:
        claim.delete()
        raise
    return True


def _email_reminder(assignment, kind):
    from django.core.mail import send_mail

    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "assignment": assignment,
            "kind": kind,
            "days_left": assignment.days_left(),
            "course_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + assignment.course.url,
            "learning_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("courses:my_learning"),
        }
        subject = render_to_string("courses/email/reminder_subject.txt", context).strip()
        body = render_to_string("courses/email/reminder_body.txt", context)
    send_mail(subject, body, None, [assignment.user.email])
