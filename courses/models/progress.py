"""What the server records about a learner. Progress, completion and certificates are computed
from these rows only, never from anything the browser sends."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CourseEnrollment(models.Model):
    """A learner has started a course; remembers the last lesson opened (to resume there)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="enrollments")
    last_lesson = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_unique")]
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")

    def __str__(self):
        return f"{self.user} – {self.course}"


class LessonCompletion(models.Model):
    MARKED_DONE = "marked"
    QUIZ_PASSED = "quiz"
    SOURCES = [(MARKED_DONE, _("Markeret som gennemført")), (QUIZ_PASSED, _("Quiz bestået"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="completions")
    source = models.CharField(max_length=10, choices=SOURCES, default=MARKED_DONE)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="courses_completion_unique")]
        verbose_name = _("gennemført lektion")
        verbose_name_plural = _("gennemførte lektioner")

    def __str__(self):
        return f"{self.user} – {self.lesson}"


class ReflectionAnswer(models.Model):
    """A learner's private answer to one reflection question (a block in a lesson's body)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="reflections")
    block_id = models.CharField(max_length=64)
    question = models.TextField(help_text="The question as the learner saw it.")
    answer = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson", "block_id"], name="courses_reflection_unique")
        ]
        ordering = ["-updated_at"]
        verbose_name = _("refleksionssvar")
        verbose_name_plural = _("refleksionssvar")

    def __str__(self):
        return self.question[:80]


def new_verification_code():
    # 40 bits from a CSPRNG, in groups a person can read aloud: e.g. "K7QX-M2PD".
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class CertificateQuerySet(models.QuerySet):
    def valid(self, at=None):
        """Certificates that have not expired (recertification): what counts as completed."""
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=at or timezone.now()))


class Certificate(models.Model):
    """Proof that a learner completed a course. It keeps a snapshot of the course as it was when
    issued (title, track, revision, number of activities) so it stays valid and readable when
    editors later change or even delete the course."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    course = models.ForeignKey(
        "courses.CoursePage", null=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    course_key = models.UUIDField(
        help_text="The course's translation key: the same course in every language."
    )
    recipient_name = models.CharField(max_length=255)
    course_title = models.CharField(max_length=255)
    track = models.CharField(max_length=20)
    course_revision = models.PositiveIntegerField(null=True, help_text="The course's live revision at issue.")
    activity_count = models.PositiveSmallIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)
    verification_code = models.CharField(max_length=9, unique=True, default=new_verification_code)
    # Set when the course requires recertification; renewing moves issued_at and expires_at on.
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="courses_certificate_unique")
        ]
        ordering = ["-issued_at"]
        verbose_name = _("kursusbevis")
        verbose_name_plural = _("kursusbeviser")

    def __str__(self):
        return f"{self.course_title} – {self.recipient_name}"

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def track_label(self):
        from .pages import CoursePage

        return dict(CoursePage.TRACKS).get(self.track, self.track)
