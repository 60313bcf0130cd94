"""The learner's non-page views under ``learning/``. Every object reached by id is looked up
through a queryset filtered on the signed-in learner, so someone else's id gives a 404."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from home.routing import active_locale

from .models import (
    Certificate,
    CourseEnrollment,
    CourseIndexPage,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    QuizAttempt,
    ReflectionAnswer,
)
from .models.quiz import AttemptAlreadyFinished
from .progress import (
    count_activities,
    issue_certificate_if_complete,
    mark_lesson_done,
    missing_prerequisite,
    percent,
    with_progress,
)
from .quiz import InvalidSubmission, NoAttemptsLeft, attempt_questions, parse_submission, start_attempt

REFLECTION_MAX_LENGTH = 5000


def _learning_page(page_id, model):
    page = get_object_or_404(model.objects.live(), pk=page_id)
    return page, page.course


@require_POST
def lesson_done(request, lesson_id):
    lesson, course = _learning_page(lesson_id, LessonPage)
    if missing_prerequisite(request.user, course):
        messages.error(request, _("Kurset er låst, indtil du har gennemført forudsætningen."))
    elif lesson.quiz_id:
        messages.error(request, _("Lektionen er gennemført, når du har bestået dens quiz."))
    else:
        mark_lesson_done(request.user, lesson)
        messages.success(request, _("Lektionen er markeret som gennemført."))
        _announce_certificate(request, issue_certificate_if_complete(request.user, course))
    return redirect(lesson.url)


def _announce_certificate(request, certificate):
    if certificate is not None:
        messages.success(
            request,
            _("Tillykke! Du har gennemført kurset %(course)s. Dit kursusbevis ligger under Min læring.")
            % {"course": certificate.course_title},
        )


@require_POST
def save_reflection(request, lesson_id, block_id):
    lesson, course = _learning_page(lesson_id, LessonPage)
    block = next((b for b in lesson.body if b.id == block_id and b.block_type == "reflection"), None)
    if block is None:
        raise Http404
    answer = request.POST.get("answer", "").strip()
    if not answer:
        messages.error(request, _("Skriv et svar, før du gemmer."))
    elif len(answer) > REFLECTION_MAX_LENGTH:
        messages.error(request, _("Svaret må højst være %(n)s tegn.") % {"n": REFLECTION_MAX_LENGTH})
    else:
        defaults = {"answer": answer, "question": block.value["question"]}
        try:
            with transaction.atomic():
                ReflectionAnswer.objects.update_or_create(
                    user=request.user, lesson=lesson, block_id=block_id, defaults=defaults
                )
        except IntegrityError:
            ReflectionAnswer.objects.filter(user=request.user, lesson=lesson, block_id=block_id).update(
                **defaults
            )
        messages.success(request, _("Dit svar er gemt. Kun du kan se det."))
    return redirect(f"{lesson.url}#reflection-{block_id}")


@require_POST
def delete_reflection(request, reflection_id):
    reflection = get_object_or_404(ReflectionAnswer, pk=reflection_id, user=request.user)
    reflection.delete()
    messages.success(request, _("Dit refleksionssvar er slettet."))
    return redirect("courses:my_learning")


@require_POST
def quiz_start(request, page_id):
    page = get_object_or_404(Page.objects.live().type(ModulePage, LessonPage), pk=page_id).specific
    if not page.quiz_id:
        raise Http404
    if missing_prerequisite(request.user, page.course):
        messages.error(request, _("Kurset er låst, indtil du har gennemført forudsætningen."))
        return redirect(page.url)
    try:
        attempt = start_attempt(request.user, page.quiz, page)
    except NoAttemptsLeft:
        messages.error(request, _("Du har brugt alle dine forsøg på denne quiz."))
        return redirect(page.url)
    return redirect("courses:attempt", attempt_id=attempt.pk)


def _own_attempt(request, attempt_id):
    return get_object_or_404(
        QuizAttempt.objects.select_related("quiz", "page"), pk=attempt_id, user=request.user
    )


def attempt_view(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_finished:
        return redirect("courses:attempt_result", attempt_id=attempt.pk)
    return _render_attempt(request, attempt, attempt_questions(attempt))


def _render_attempt(request, attempt, questions, errors=(), selected=None, status=200):
    return render(
        request,
        "courses/attempt.html",
        {"attempt": attempt, "questions": questions, "errors": errors, "selected": selected or {}},
        status=status,
    )


@require_POST
def attempt_submit(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_finished:
        messages.info(request, _("Forsøget er allerede afleveret. Her er dit resultat."))
        return redirect("courses:attempt_result", attempt_id=attempt.pk)
    questions = attempt_questions(attempt)
    try:
        graded = parse_submission(request.POST, questions)
    except InvalidSubmission as invalid:
        return _render_attempt(request, attempt, questions, invalid.errors, invalid.selected, status=400)
    try:
        with transaction.atomic():
            attempt.finish(graded)
            page = attempt.page.specific if attempt.page_id else None
            if attempt.passed and isinstance(page, LessonPage):
                mark_lesson_done(request.user, page, source=LessonCompletion.QUIZ_PASSED)
    except AttemptAlreadyFinished:
        messages.info(request, _("Forsøget er allerede afleveret. Her er dit resultat."))
        return redirect("courses:attempt_result", attempt_id=attempt.pk)
    if attempt.passed and page is not None and page.course is not None:
        _announce_certificate(request, issue_certificate_if_complete(request.user, page.course))
    return redirect("courses:attempt_result", attempt_id=attempt.pk)


def attempt_result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_finished:
        return redirect("courses:attempt", attempt_id=attempt.pk)
    review = attempt.quiz.allows_review(attempt)
    questions = []
    if review:
        questions = attempt_questions(attempt)
        chosen = set(
            attempt.questions.filter(answers__isnull=False).values_list("answers__choice_id", flat=True)
        )
        for attempt_question in questions:
            for choice in attempt_question.ordered_choices:
                choice.was_chosen = choice.pk in chosen
    page = attempt.page.specific if attempt.page_id else None
    return render(
        request,
        "courses/attempt_result.html",
        {"attempt": attempt, "review": review, "questions": questions, "page": None, "quiz_page": page},
    )


def my_learning(request):
    user = request.user
    started = CourseEnrollment.objects.filter(user=user).values("course_id")
    next_lesson = (
        LessonPage.objects.live()
        .filter(path__startswith=OuterRef("path"))
        .exclude(Exists(LessonCompletion.objects.filter(user=user, lesson_id=OuterRef("pk"))))
        .order_by("path")
        .values("pk")[:1]
    )
    courses = list(
        with_progress(CoursePage.objects.live().filter(pk__in=started), user)
        .annotate(next_lesson_id=Subquery(next_lesson))
        .order_by("path")
    )
    count_activities(courses, user)
    next_lessons = LessonPage.objects.defer_streamfields().in_bulk(
        [course.next_lesson_id for course in courses if course.next_lesson_id]
    )
    for course in courses:
        course.percent = percent(course.activity_done, course.activity_total)
        course.next_lesson = next_lessons.get(course.next_lesson_id)
    quiz_results = (
        QuizAttempt.objects.filter(user=user, state=QuizAttempt.FINISHED)
        .values("quiz_id", "quiz__title")
        .annotate(best=Max("score"), attempts=Count("pk"), passes=Count("pk", filter=Q(passed=True)))
        .order_by("quiz__title")
    )
    reflections = ReflectionAnswer.objects.filter(user=user).select_related("lesson")
    certificates = Certificate.objects.filter(user=user)
    return render(
        request,
        "courses/my_learning.html",
        {
            "courses": courses,
            "quiz_results": quiz_results,
            "reflections": reflections,
            "certificates": certificates,
            "course_index": CourseIndexPage.objects.live().filter(locale=active_locale()).first(),
        },
    )


def certificate_view(request, certificate_id):
    certificate = get_object_or_404(Certificate, pk=certificate_id, user=request.user)
    return render(request, "courses/certificate.html", {"certificate": certificate})


def verify_certificate(request):
    code = request.GET.get("code", "").strip().upper()
    certificate = Certificate.objects.filter(verification_code=code).first() if code else None
    status = 404 if code and certificate is None else 200
    return render(request, "courses/verify.html", {"code": code, "certificate": certificate}, status=status)
