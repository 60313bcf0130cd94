"""The learner's non-page views under ``learning/``. Every object reached by id is looked up
through a queryset filtered on the signed-in learner, so someone else's id gives a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from home.access import visible_to
from home.panels import hook_panels
from home.routing import active_locale

from .assignments import assign, assignments_for
from .forms import AssignCourseForm
from .models import (
    Certificate,
    CourseEnrollment,
    CourseIndexPage,
    CoursePage,
    LessonCompletion,
    LessonPage,
    Quiz,
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
from .quiz import (
    InvalidSubmission,
    NoAttemptsLeft,
    attempt_questions,
    parse_submission,
    quiz_in,
    start_attempt,
)

REFLECTION_MAX_LENGTH = 5000


@require_POST
def lesson_done(request, lesson):
    course = lesson.course
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
def save_reflection(request, lesson, block_id):
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
def quiz_start(request, page):
    if not page.quiz_id:
        raise Http404
    if missing_prerequisite(request.user, page.course):
        messages.error(request, _("Kurset er låst, indtil du har gennemført forudsætningen."))
        return redirect(page.url)
    try:
        # On the source-language quiz, whichever language the learner takes it in.
        attempt = start_attempt(request.user, page.quiz.source_quiz, page)
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
    return _render_attempt(request, attempt, attempt_questions(attempt, Locale.get_active()))


def _render_attempt(request, attempt, questions, errors=(), selected=None, status=200):
    return render(
        request,
        "courses/attempt.html",
        {
            "attempt": attempt,
            "quiz": quiz_in(attempt.quiz, Locale.get_active()),
            "questions": questions,
            "errors": errors,
            "selected": selected or {},
        },
        status=status,
    )


@require_POST
def attempt_submit(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_finished:
        messages.info(request, _("Forsøget er allerede afleveret. Her er dit resultat."))
        return redirect("courses:attempt_result", attempt_id=attempt.pk)
    questions = attempt_questions(attempt, Locale.get_active())
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
    quiz = attempt.quiz
    tries = list(QuizAttempt.objects.filter(user=request.user, quiz=quiz).values_list("state", "passed"))
    passed_quiz = any(passed for _state, passed in tries)
    shows = quiz.review_shows(attempt, passed_quiz)
    questions = []
    if shows != quiz.SHOWS_NOTHING:
        questions = attempt_questions(attempt, Locale.get_active())
        chosen = set(
            attempt.questions.filter(answers__isnull=False).values_list("answers__choice_id", flat=True)
        )
        for attempt_question in questions:
            _mark_choices(attempt_question, chosen, shows)
    # The page in the reader's language: an attempt begun in Danish may be finished in English.
    page = attempt.page.specific.localized if attempt.page_id else None
    open_attempt = any(state == QuizAttempt.IN_PROGRESS for state, _passed in tries)
    can_retry = (
        not attempt.passed
        and page is not None
        and (open_attempt or quiz.max_attempts is None or len(tries) < quiz.max_attempts)
    )
    return render(
        request,
        "courses/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": quiz_in(quiz, Locale.get_active()),
            "shows": shows,
            "shows_answers": shows == quiz.SHOWS_ANSWERS,
            "questions": questions,
            "page": None,
            "quiz_page": page,
            "can_retry": can_retry,
            "attempts_left": None if quiz.max_attempts is None else max(quiz.max_attempts - len(tries), 0),
        },
    )


def _mark_choices(attempt_question, chosen, shows):
    """Sets on each choice of a reviewed question: ``was_chosen``, ``verdict`` ("right",
    "wrong" or "" for a chosen answer, "" for the others) and ``reveal_correct``. With marks
    only, the unchosen choices are dropped, so no right answer the learner missed reaches the
    page; a chosen answer of a several-answers question is then not judged alone, since that
    would tell which of the others are right."""
    answers = shows == Quiz.SHOWS_ANSWERS
    marked = []
    for choice in attempt_question.ordered_choices:
        choice.was_chosen = choice.pk in chosen
        choice.reveal_correct = answers and choice.is_correct
        choice.verdict = ""
        if choice.was_chosen and answers:
            choice.verdict = "right" if choice.is_correct else "wrong"
        elif choice.was_chosen and not attempt_question.question.allows_several:
            choice.verdict = "right" if attempt_question.is_correct else "wrong"
        if answers or choice.was_chosen:
            marked.append(choice)
    attempt_question.ordered_choices = marked


def my_learning(request):
    user = request.user
    started = CourseEnrollment.objects.filter(user=user).values("course_id")
    courses = CoursePage.objects.live().filter(pk__in=started)
    courses = list(with_progress(visible_to(courses, user), user).order_by("path"))
    # Where to continue each course: its first lesson not read, from count_activities.
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
    # The lessons for their title and link only: not their bodies, a lesson's largest field.
    reflections = ReflectionAnswer.objects.filter(user=user).select_related("lesson")
    reflections = reflections.defer("lesson__body", "lesson__intro")
    certificates = Certificate.objects.filter(user=user).select_related("course")
    return render(
        request,
        "courses/my_learning.html",
        {
            "assignments": assignments_for(user),
            "courses": courses,
            "quiz_results": quiz_results,
            "reflections": reflections,
            "certificates": certificates,
            "course_index": CourseIndexPage.objects.live().filter(locale=active_locale()).first(),
            # What other apps add (the learner's own initiatives), without courses importing them.
            "panels": hook_panels("register_my_learning_panel", request, None),
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


def assign_course(request):
    """A moderator or superbruger assigns a course with a due date."""
    if not request.user.has_perm("courses.assign_course"):
        raise PermissionDenied
    form = AssignCourseForm(request.POST or None, actor=request.user, locale=active_locale())
    if request.method == "POST" and form.is_valid():
        result = assign(
            form.cleaned_data["course"], form.recipients(), form.cleaned_data["due_date"], request.user
        )
        messages.success(
            request,
            _(
                "Kurset %(course)s er tildelt: %(created)s nye, %(updated)s med ny frist, "
                "%(unchanged)s havde det allerede."
            )
            % {
                "course": form.cleaned_data["course"].title,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect("courses:assign_course")
    return render(request, "courses/assign.html", {"form": form}, status=400 if form.errors else 200)
