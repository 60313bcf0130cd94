"""What the courses hold about a learner. On erasure the learner's own words (reflections) and
name on certificates go; enrollments, completions, attempts and assignments stay with the
anonymous account, so the reports keep counting them."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from privacy.erasure import ANONYMOUS_NAME
from privacy.registry import Dataset, PersonalData, register

from .models import (
    AttemptQuestion,
    Certificate,
    CourseAssignment,
    CourseEnrollment,
    LessonCompletion,
    QuizAttempt,
    ReflectionAnswer,
)


def _title(page):
    return page.title if page is not None else ""


@register
class CourseData(PersonalData):
    key = "courses"
    title = _("Kurser og læring")
    order = 10

    def export(self, user):
        return [
            self._enrollments(user),
            self._completions(user),
            self._reflections(user),
            self._attempts(user),
            self._certificates(user),
            self._assignments(user),
        ]

    def _enrollments(self, user):
        rows = CourseEnrollment.objects.filter(user=user).select_related("course", "last_lesson")
        return Dataset(
            "enrollments",
            _("Kurser du er startet på"),
            [
                ("course", _("Kursus")),
                ("started_at", _("Startet")),
                ("last_seen_at", _("Sidst set")),
                ("last_lesson", _("Seneste lektion")),
            ],
            [
                {
                    "course": _title(row.course),
                    "started_at": row.started_at,
                    "last_seen_at": row.last_seen_at,
                    "last_lesson": _title(row.last_lesson),
                }
                for row in rows.order_by("started_at", "pk")
            ],
        )

    def _completions(self, user):
        rows = LessonCompletion.objects.filter(user=user).select_related("lesson")
        return Dataset(
            "lesson_completions",
            _("Gennemførte lektioner"),
            [("lesson", _("Lektion")), ("source", _("Sådan")), ("completed_at", _("Gennemført"))],
            [
                {
                    "lesson": _title(row.lesson),
                    "source": row.get_source_display(),
                    "completed_at": row.completed_at,
                }
                for row in rows.order_by("completed_at", "pk")
            ],
        )

    def _reflections(self, user):
        rows = ReflectionAnswer.objects.filter(user=user).select_related("lesson")
        return Dataset(
            "reflections",
            _("Refleksioner"),
            [
                ("lesson", _("Lektion")),
                ("question", _("Spørgsmål")),
                ("answer", _("Dit svar")),
                ("updated_at", _("Skrevet")),
            ],
            [
                {
                    "lesson": _title(row.lesson),
                    "question": row.question,
                    "answer": row.answer,
                    "updated_at": row.updated_at,
                }
                for row in rows
            ],
        )

    def _attempts(self, user):
        questions = AttemptQuestion.objects.select_related("question").prefetch_related("answers__choice")
        attempts = (
            QuizAttempt.objects.filter(user=user)
            .select_related("quiz")
            .prefetch_related(Prefetch("questions", queryset=questions))
            .order_by("started_at", "pk")
        )
        return Dataset(
            "quiz_attempts",
            _("Quizforsøg og dine svar"),
            [
                ("quiz", _("Quiz")),
                ("number", _("Forsøg nr.")),
                ("started_at", _("Startet")),
                ("finished_at", _("Afsluttet")),
                ("score", _("Resultat (%)")),
                ("passed", _("Bestået")),
                ("answers", _("Svar")),
            ],
            [
                {
                    "quiz": attempt.quiz.title,
                    "number": attempt.number,
                    "started_at": attempt.started_at,
                    "finished_at": attempt.finished_at,
                    "score": attempt.score,
                    "passed": attempt.passed,
                    "answers": [
                        {
                            "question": question.question.prompt,
                            "chosen": [answer.choice.text for answer in question.answers.all()],
                            "correct": question.is_correct,
                        }
                        for question in attempt.questions.all()
                    ],
                }
                for attempt in attempts
            ],
        )

    def _certificates(self, user):
        return Dataset(
            "certificates",
            _("Kursusbeviser"),
            [
                ("course", _("Kursus")),
                ("track", _("Spor")),
                ("recipient_name", _("Udstedt til")),
                ("issued_at", _("Udstedt")),
                ("verification_code", _("Kontrolkode")),
            ],
            [
                {
                    "course": row.course_title,
                    "track": str(row.track_label),
                    "recipient_name": row.recipient_name,
                    "issued_at": row.issued_at,
                    "verification_code": row.verification_code,
                }
                for row in Certificate.objects.filter(user=user)
            ],
        )

    def _assignments(self, user):
        rows = (
            CourseAssignment.objects.filter(user=user)
            .select_related("course", "assigned_by")
            .prefetch_related("reminders")
        )
        return Dataset(
            "assignments",
            _("Tildelte kurser"),
            [
                ("course", _("Kursus")),
                ("due_date", _("Frist")),
                ("assigned_by", _("Tildelt af")),
                ("assigned_at", _("Tildelt")),
                ("reminders", _("Påmindelser sendt")),
            ],
            [
                {
                    "course": _title(row.course),
                    "due_date": row.due_date,
                    "assigned_by": row.assigned_by.display_name if row.assigned_by else "",
                    "assigned_at": row.assigned_at,
                    "reminders": [
                        f"{reminder.get_kind_display()}: {reminder.sent_at:%Y-%m-%d}"
                        for reminder in row.reminders.all()
                    ],
                }
                for row in rows
            ],
        )

    def erase(self, user):
        reflections, _detail = ReflectionAnswer.objects.filter(user=user).delete()
        certificates = Certificate.objects.filter(user=user).update(recipient_name=ANONYMOUS_NAME)
        return {"reflections_deleted": reflections, "certificates_anonymised": certificates}
