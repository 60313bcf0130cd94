"""Courses that someone is told to take by a date.

A moderator or a superbruger assigns a course to users, to a group or to a whole district; the
assignment is stored per user (a district's or group's members at that moment), so a learner who
moves district keeps the assignments they had. Reminders are claimed by inserting a row that is
unique per assignment and kind, before the email goes out: two workers that run the same reminder
at once cannot both send it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import optional_fk


class CourseAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kursist"),
        on_delete=models.CASCADE,
        related_name="course_assignments",
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("kursus"), on_delete=models.CASCADE, related_name="assignments"
    )
    due_date = models.DateField(_("frist"))
    assigned_by = optional_fk(settings.AUTH_USER_MODEL, _("tildelt af"))
    assigned_at = models.DateTimeField(_("tildelt den"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_assignment_once_per_course")
        ]
        indexes = [models.Index(fields=["due_date"], name="courses_assignment_due")]
        ordering = ["due_date", "pk"]
        permissions = [("assign_course", "Can assign courses to learners")]
        verbose_name = _("tildelt kursus")
        verbose_name_plural = _("tildelte kurser")

    def __str__(self):
        return f"{self.course} – {self.user} ({self.due_date})"

    def days_left(self, today=None):
        return (self.due_date - (today or timezone.localdate())).days


class AssignmentReminder(models.Model):
    WEEK_BEFORE = "week_before"
    DUE = "due"
    KINDS = [(WEEK_BEFORE, _("7 dage før fristen")), (DUE, _("på fristen"))]

    assignment = models.ForeignKey(CourseAssignment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=KINDS)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind"], name="courses_reminder_once_per_kind")
        ]
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")

    def __str__(self):
        return f"{self.assignment} – {self.kind}"
