"""Learning reports in the Wagtail admin for Moderatorer and Redaktører (permission
``courses.view_learning_reports``): completion by track and district, a per-learner table with
CSV export, and item analysis per quiz question. Every number comes from the progress records."""

import csv
from itertools import chain

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .assignments import with_status
from .models import (
    AttemptAnswer,
    AttemptQuestion,
    Certificate,
    CourseAssignment,
    CourseEnrollment,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Quiz,
    QuizAttempt,
)

PERMISSION = "courses.view_learning_reports"
report_permission = permission_required(PERMISSION, raise_exception=True)
NO_DISTRICT = _("Ingen politikreds")


def _count(queryset):
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@report_permission
def completion_report(request):
    tracks = dict(CoursePage.TRACKS)
    started = (
        CourseEnrollment.objects.filter(course__live=True)
        .values("course__track", "user__district__name")
        .annotate(n=Count("user", distinct=True))
    )
    # An expired certificate (recertification) is not a completion.
    completed = (
        Certificate.objects.valid()
        .values("track", "user__district__name")
        .annotate(n=Count("user", distinct=True))
    )
    rows = {}
    for item in started:
        row = rows.setdefault(item["user__district__name"] or NO_DISTRICT, {t: [0, 0] for t in tracks})
        row[item["course__track"]][0] = item["n"]
    for item in completed:
        row = rows.setdefault(item["user__district__name"] or NO_DISTRICT, {t: [0, 0] for t in tracks})
        if item["track"] in row:
            row[item["track"]][1] = item["n"]
    totals = {
        t: [sum(row[t][0] for row in rows.values()), sum(row[t][1] for row in rows.values())] for t in tracks
    }
    table = [
        {"district": district, "cells": [_cell(row[t]) for t in tracks]}
        for district, row in sorted(rows.items())
    ]
    return render(
        request,
        "courses/reports/completion.html",
        {"tracks": tracks.values(), "table": table, "totals": [_cell(totals[t]) for t in tracks]},
    )


def _cell(pair):
    started, completed = pair
    return {
        "started": started,
        "completed": completed,
        "percent": round(100 * completed / started) if started else 0,
    }


@report_permission
def assignment_report(request):
    """Assigned courses per district: how many are assigned, started, completed and overdue.
    Counted in one grouped query, whatever the number of assignments."""
    today = timezone.localdate()
    counts = (
        with_status(CourseAssignment.objects.filter(course__live=True))
        .values("user__district__name")
        .annotate(
            n_assigned=Count("pk"),
            n_started=Count("pk", filter=Q(started=True) | Q(completed=True)),
            n_completed=Count("pk", filter=Q(completed=True)),
            n_overdue=Count("pk", filter=Q(completed=False, due_date__lt=today)),
        )
        .order_by("user__district__name")
    )
    rows = [
        {
            "district": row["user__district__name"] or NO_DISTRICT,
            **{key: row[f"n_{key}"] for key in ("assigned", "started", "completed", "overdue")},
        }
        for row in counts
    ]
    totals = {key: sum(row[key] for row in rows) for key in ("assigned", "started", "completed", "overdue")}
    return render(request, "courses/reports/assignments.html", {"rows": rows, "totals": totals})


def learner_rows():
    """One row per learner and started course, with the same progress the learner sees."""
    lessons = LessonPage.objects.live().filter(path__startswith=OuterRef("course__path"))
    quiz_modules = ModulePage.objects.live().filter(
        path__startswith=OuterRef("course__path"), depth=OuterRef("course__depth") + 1, quiz__isnull=False
    )
    done_lessons = lessons.filter(
        Exists(
            LessonCompletion.objects.filter(user_id=OuterRef(OuterRef("user_id")), lesson_id=OuterRef("pk"))
        )
    )
    passed_modules = quiz_modules.filter(
        Exists(
            QuizAttempt.objects.filter(
                user_id=OuterRef(OuterRef("user_id")),
                quiz_id=OuterRef("quiz_id"),
                state="finished",
                passed=True,
            )
        )
    )
    certificate = Certificate.objects.valid().filter(
        user_id=OuterRef("user_id"), course_key=OuterRef("course__translation_key")
    )
    return (
        CourseEnrollment.objects.filter(course__live=True)
        .select_related("user", "user__district", "course")
        .annotate(
            activity_total=_count(lessons) + _count(quiz_modules),
            activity_done=_count(done_lessons) + _count(passed_modules),
            completed_at=Subquery(certificate.values("issued_at")[:1]),
        )
        .order_by("user__district__name", "user__last_name", "user__first_name", "course__path")
    )


CSV_HEADER = [
    "Navn",
    "E-mail",
    "Politikreds",
    "Kursus",
    "Spor",
    "Aktiviteter gennemført",
    "Aktiviteter i alt",
    "Fremgang (%)",
    "Påbegyndt",
    "Gennemført",
]


def _csv_row(row):
    percent = round(100 * row.activity_done / row.activity_total) if row.activity_total else 0
    return [
        row.user.get_full_name(),
        row.user.email,
        row.user.district.name if row.user.district else "",
        row.course.title,
        row.course.get_track_display(),
        row.activity_done,
        row.activity_total,
        percent,
        row.started_at.date().isoformat(),
        row.completed_at.date().isoformat() if row.completed_at else "",
    ]


class _Echo:
    def write(self, value):
        return value


# Excel in a Danish locale splits CSV on semicolons (the comma is the decimal sign) and reads a
# file as UTF-8 only when it starts with a byte order mark; without both, æ, ø, å and the columns
# come out wrong.
CSV_DELIMITER = ";"
UTF8_BOM = "\ufeff"


def csv_response(lines, filename):
    """A streamed CSV download that opens right in Danish Excel."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    rows = (writer.writerow(line) for line in lines)
    response = StreamingHttpResponse(chain([UTF8_BOM], rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@report_permission
def learner_report(request):
    rows = learner_rows()
    if request.GET.get("format") == "csv":
        return csv_response(_csv_lines(rows), "kursister.csv")
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    for row in page:
        row.percent = round(100 * row.activity_done / row.activity_total) if row.activity_total else 0
    return render(request, "courses/reports/learners.html", {"page_obj": page})


def _csv_lines(rows):
    yield CSV_HEADER
    for row in rows.iterator(chunk_size=500):
        yield [_spreadsheet_safe(value) for value in _csv_row(row)]


def _spreadsheet_safe(value):
    # A cell starting with = + - @ is a formula to spreadsheet programs: names are user input.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@report_permission
def item_analysis_index(request):
    quizzes = Quiz.objects.annotate(
        # distinct: the join with the questions repeats each attempt once per question.
        finished=Count("attempts", filter=Q(attempts__state=QuizAttempt.FINISHED), distinct=True),
        questions_count=Count("questions", distinct=True),
    ).order_by("title")
    return render(request, "courses/reports/quizzes.html", {"quizzes": quizzes})


@report_permission
def item_analysis(request, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    graded = AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__state=QuizAttempt.FINISHED)
    stats = {
        item["question_id"]: item
        for item in graded.values("question_id").annotate(
            answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True))
        )
    }
    wrong = (
        AttemptAnswer.objects.filter(
            attempt_question__attempt__quiz=quiz,
            attempt_question__attempt__state=QuizAttempt.FINISHED,
            choice__is_correct=False,
        )
        .values("attempt_question__question_id", "choice__text")
        .annotate(n=Count("pk"))
        .order_by("attempt_question__question_id", "-n", "choice__text")
    )
    most_chosen_wrong = {}
    for item in wrong:
        most_chosen_wrong.setdefault(item["attempt_question__question_id"], item)
    rows = []
    for question in quiz.questions.all():
        stat = stats.get(question.pk, {"answered": 0, "correct": 0})
        rows.append(
            {
                "question": question,
                "answered": stat["answered"],
                "percent_correct": round(100 * stat["correct"] / stat["answered"])
                if stat["answered"]
                else None,
                "wrong": most_chosen_wrong.get(question.pk),
            }
        )
    return render(request, "courses/reports/item_analysis.html", {"quiz": quiz, "rows": rows})
