"""Progress is always computed from the server's records against the course as it is now.

Decision (issue 5): a course's activities are its *live* lessons plus its live modules that
have a quiz. Progress = activities done / activities now live, so when an editor publishes a new
lesson every learner's progress drops to include it, and an unpublished lesson stops counting.
A lesson stays completed when its quiz is edited later (the learner showed the knowledge asked
at the time); a module whose quiz is *replaced* by another quiz needs the new one passed.
Certificates are snapshots (title, track, revision, number of activities at issue) and stay
valid whatever editors do afterwards; a learner who has one keeps it even if the course grows.

Every function here runs a fixed number of queries, whatever the number of lessons or of other
learners' records (tests/courses/test_query_counts.py)."""

import calendar
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import (
    Exists,
    F,
    OuterRef,
)
from django.db.models.functions import Substr
from django.utils import timezone

from home import cache_versions
from home.access import hidden_paths, openable, visible_to

from .models import (
    Certificate,
    CourseEnrollment,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    QuizAttempt,
    ReflectionAnswer,
)
from .models.progress import new_verification_code


@dataclass
class CourseProgress:
    lessons: list = field(default_factory=list)
    modules: list = field(default_factory=list)
    completed_lesson_ids: set = field(default_factory=set)
    passed_quiz_ids: set = field(default_factory=set)
    certificate: Certificate | None = None  # a valid one
    expired_certificate: Certificate | None = None  # to be renewed (recertification)

    @property
    def total(self):
        return len(self.lessons) + sum(1 for module in self.modules if module.quiz_id)

    @property
    def done(self):
        lessons = sum(1 for lesson in self.lessons if lesson.pk in self.completed_lesson_ids)
        quizzes = sum(
            1 for module in self.modules if module.quiz_id and module.quiz_id in self.passed_quiz_ids
        )
        return lessons + quizzes

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.done == self.total

    @property
    def started(self):
        return bool(self.completed_lesson_ids or self.passed_quiz_ids)

    @property
    def next_step(self):
        """Where to continue: the first lesson not done, then the first module quiz not passed."""
        for lesson in self.lessons:
            if lesson.pk not in self.completed_lesson_ids:
                return lesson
        for module in self.modules:
            if module.quiz_id and module.quiz_id not in self.passed_quiz_ids:
                return module
        return None


@dataclass
class CourseStructure:
    course: CoursePage | None
    lessons: list
    modules: list


def course_structure(course_path):
    """The course at this tree path with its live modules and lessons in order. The same for every
    learner, so it is cached; saving any course page moves the content version (home/invalidation.py)."""
    # Any saved, moved or deleted course page may change an outline: it bumps the content version.
    return cache_versions.cached(
        cache_versions.CONTENT,
        "courses:structure",
        course_path,
        compute=lambda: _load_structure(course_path),
        timeout=60 * 60,
    )


def _load_structure(course_path):
    course = CoursePage.objects.filter(path=course_path).first()
    lessons, modules = [], []
    if course is not None:
        lessons = list(
            LessonPage.objects.live()
            .descendant_of(course)
            .defer_streamfields()
            .only(
                "id",
                "title",
                "slug",
                "url_path",
                "path",
                "depth",
                "quiz_id",
                "locale_id",
                "translation_key",
                "estimated_minutes",
            )
            .order_by("path")
        )
        modules = list(
            ModulePage.objects.live()
            .child_of(course)
            .only("id", "title", "slug", "url_path", "path", "depth", "quiz_id", "locale_id")
            .annotate(quiz_key=F("quiz__translation_key"))
            .order_by("path")
        )
    return CourseStructure(course, lessons, modules)


def course_progress(user, course):
    """The learner's progress on a course, whatever language it was made in: lessons and quizzes
    are matched to this course's pages and quizzes through their translation keys, so progress on
    the Danish course shows on the English one and the other way round."""
    if course is None:
        return CourseProgress()
    structure = course_structure(course.path)
    # The learner's course is the part they may open: a restricted lesson or module is neither in
    # the outline nor counted, so the certificate stays within reach.
    lessons, modules = openable(structure.lessons, user), openable(structure.modules, user)
    lesson_ids = {lesson.translation_key: lesson.pk for lesson in lessons}
    completions = LessonCompletion.objects.filter(user=user, lesson__translation_key__in=list(lesson_ids))
    quiz_keys = {module.quiz_key for module in modules if module.quiz_id}
    passes = QuizAttempt.objects.filter(
        user=user, quiz__translation_key__in=quiz_keys, state=QuizAttempt.FINISHED, passed=True
    )
    certificate = Certificate.objects.filter(user=user, course_key=course.translation_key).first()
    expired = certificate if certificate is not None and certificate.is_expired else None
    if expired is not None:
        # Renewing: the quizzes passed for the expired certificate do not count again (lessons
        # read stay read; the quizzes are what shows the learner still knows the method). A
        # course without quizzes is renewed by reading its lessons again.
        passes = passes.filter(finished_at__gt=expired.issued_at)
        if not quiz_keys:
            completions = completions.filter(completed_at__gt=expired.issued_at)
    # Progress is per course, not per language: completions and passes match by translation key.
    completed = {lesson_ids[key] for key in completions.values_list("lesson__translation_key", flat=True)}
    passed_keys = set(passes.values_list("quiz__translation_key", flat=True))
    passed = {module.quiz_id for module in modules if module.quiz_id and module.quiz_key in passed_keys}
    return CourseProgress(lessons, modules, completed, passed, None if expired else certificate, expired)


@dataclass
class OutlineLesson:
    page: LessonPage
    is_done: bool

    @property
    def pk(self):
        return self.page.pk


@dataclass
class OutlineModule:
    page: ModulePage
    lessons: list
    quiz_passed: bool


def course_outline(course, progress):
    """Modules with their lessons in tree order, each lesson marked done or not (no queries)."""
    by_module = {module.path: [] for module in progress.modules}
    for lesson in progress.lessons:
        siblings = by_module.get(lesson.path[: -lesson.steplen])
        if siblings is not None:
            siblings.append(OutlineLesson(lesson, lesson.pk in progress.completed_lesson_ids))
    return [
        OutlineModule(
            module,
            by_module[module.path],
            bool(module.quiz_id) and module.quiz_id in progress.passed_quiz_ids,
        )
        for module in progress.modules
    ]


def missing_prerequisite(user, course):
    """The course that must be completed before this one, or None when nothing is missing."""
    if course is None or not course.prerequisite_id:
        return None
    prerequisite = (
        CoursePage.objects.filter(pk=course.prerequisite_id)
        .annotate(
            certified=Exists(Certificate.objects.filter(user=user, course_key=OuterRef("translation_key")))
        )  # a prerequisite once completed stays met, also after its certificate expired
        .only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key", "live")
        .first()
    )
    if prerequisite is None or prerequisite.certified:
        return None
    return prerequisite


def record_visit(user, course, lesson):
    """Remember the lesson as where the learner left off (one UPDATE, an INSERT the first time)."""
    now = timezone.now()
    updated = CourseEnrollment.objects.filter(user=user, course=course).update(
        last_lesson=lesson, last_seen_at=now
    )
    if not updated:
        try:
            with transaction.atomic():
                CourseEnrollment.objects.create(
                    user=user, course=course, last_lesson=lesson, last_seen_at=now
                )
        except IntegrityError:
            pass  # a parallel request enrolled the learner first; its row is just as good


def lesson_context(user, lesson, progress):
    answers = {
        answer.block_id: answer
        for answer in ReflectionAnswer.objects.filter(user=user, lesson=lesson).only(
            "id", "block_id", "answer"
        )
    }
    body = [(block, answers.get(block.id)) for block in lesson.body]
    position = next((i for i, item in enumerate(progress.lessons) if item.pk == lesson.pk), None)
    previous_lesson = progress.lessons[position - 1] if position else None
    next_lesson = (
        progress.lessons[position + 1]
        if position is not None and position + 1 < len(progress.lessons)
        else None
    )
    return {
        "body_items": body,
        "is_done": lesson.pk in progress.completed_lesson_ids,
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "missing_prerequisite": getattr(lesson, "missing_prerequisite", None),
        "quiz_status": quiz_status(user, lesson.quiz, lesson) if lesson.quiz_id else None,
    }


@dataclass
class QuizStatus:
    quiz: object
    page: object
    attempts: list

    @property
    def finished(self):
        return [attempt for attempt in self.attempts if attempt.is_finished]

    @property
    def open_attempt(self):
        return next((attempt for attempt in self.attempts if not attempt.is_finished), None)

    @property
    def passed(self):
        return any(attempt.passed for attempt in self.finished)

    @property
    def best_score(self):
        return max((attempt.score for attempt in self.finished), default=None)

    @property
    def attempts_left(self):
        if self.quiz.max_attempts is None:
            return None
        return max(self.quiz.max_attempts - len(self.attempts), 0)

    @property
    def can_start(self):
        return self.open_attempt is None and self.attempts_left != 0


def quiz_status(user, quiz, page):
    # Attempts are made on the source-language quiz (Quiz.source_quiz): match any translation.
    attempts = list(
        QuizAttempt.objects.filter(user=user, quiz__translation_key=quiz.translation_key).order_by("number")
    )
    return QuizStatus(quiz, page, attempts)


def mark_lesson_done(user, lesson, source=LessonCompletion.MARKED_DONE):
    """Idempotent: the unique constraint makes a repeated or parallel request a no-op."""
    try:
        with transaction.atomic():
            LessonCompletion.objects.create(user=user, lesson=lesson, source=source)
    except IntegrityError:
        return _read_again_for_renewal(user, lesson)
    return True


def _read_again_for_renewal(user, lesson):
    """A lesson read for a certificate that has since expired counts again once read again."""
    course = lesson.course
    expired = (
        Certificate.objects.filter(
            user=user, course_key=course.translation_key, expires_at__lte=timezone.now()
        ).first()
        if course is not None
        else None
    )
    if expired is None:
        return False
    return bool(
        LessonCompletion.objects.filter(user=user, lesson=lesson, completed_at__lte=expired.issued_at).update(
            completed_at=timezone.now()
        )
    )


def issue_certificate_if_complete(user, course):
    """Issue the course's certificate the first time every live activity is done; returns it
    only when it was issued by this call."""
    progress = course_progress(user, course)
    if progress.certificate is not None or not progress.is_complete:
        return None
    issued_at = timezone.now()
    snapshot = {
        "course": course,
        "recipient_name": user.get_full_name() or user.email,
        "course_title": course.title,
        "track": course.track,
        "course_revision": course.live_revision_id,
        "activity_count": progress.total,
        "issued_at": issued_at,
        "expires_at": certificate_expiry(course, issued_at),
    }
    expired = progress.expired_certificate
    if expired is not None:
        # Renewed in place (one certificate per learner and course), with a new code: the old
        # one no longer vouches for anything. Conditional on the old issue date, so of two
        # parallel requests one renews.
        renewed = Certificate.objects.filter(pk=expired.pk, issued_at=expired.issued_at).update(
            **snapshot, verification_code=new_verification_code()
        )
        return Certificate.objects.get(pk=expired.pk) if renewed else None
    try:
        with transaction.atomic():
            return Certificate.objects.create(user=user, course_key=course.translation_key, **snapshot)
    except IntegrityError:
        return None  # a parallel request issued it


def add_months(moment, months):
    """The same day ``months`` later (the month's last day when it is shorter: 31 Jan + 1 → 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def certificate_expiry(course, issued_at):
    if not course.recertify_after_months:
        return None
    return add_months(issued_at, course.recertify_after_months)


def with_progress(courses, user):
    """Annotate a CoursePage queryset with whether the user holds the course's certificate and its
    prerequisite's (used by lists: the course index, My learning, the home panel). The activity
    counts come after, from ``count_activities`` on the evaluated list."""
    return courses.annotate(
        certified=Exists(
            Certificate.objects.valid().filter(user=user, course_key=OuterRef("translation_key"))
        ),
        prerequisite_certified=Exists(
            Certificate.objects.filter(user=user, course_key=OuterRef("prerequisite__translation_key"))
        ),
    )


@dataclass(frozen=True)
class CourseActivities:
    """What counts towards a course's progress, as translation keys (the same in every language).
    Plain tuples: lists of a dozen courses are read from the cache on every visit to the course
    index, My learning and the home page, where unpickling their page objects cost more than it
    saved."""

    lessons: tuple  # ((translation key, pk, tree path), ...) of the live lessons, in tree order
    quizzes: tuple  # (quiz translation key, module's tree path) of each live module with a quiz


def course_activities(course_paths):
    """``{path: CourseActivities}`` for the courses at these tree paths: cached like the course
    structure (one read for all), those not cached counted together in two queries."""
    # Many at once, so read with get_many rather than ``cache_versions.cached`` one by one.
    version = cache_versions.current(cache_versions.CONTENT)
    keys = {
        path: cache_versions.key(cache_versions.CONTENT, "courses:activity-paths", path, version=version)
        for path in course_paths
    }
    cached = cache.get_many(list(keys.values()))
    activities = {path: cached[key] for path, key in keys.items() if key in cached}
    missing = [path for path in keys if path not in activities]
    if missing:
        loaded = _load_activities(missing)
        cache.set_many({keys[path]: found for path, found in loaded.items()}, 60 * 60)
        activities.update(loaded)
    return activities


def _load_activities(course_paths):
    """A course's lessons and modules are the pages whose tree path starts with the course's path,
    so grouping them by that prefix reads every course in one pass. (A correlated subquery per
    course, `path LIKE course.path || '%'`, scanned all lessons once per course: 1.6 s for the
    course index at 70 courses.)"""
    lessons = {path: [] for path in course_paths}
    quizzes = {path: [] for path in course_paths}
    for length in {len(path) for path in course_paths}:
        paths = [path for path in course_paths if len(path) == length]
        # The tree between the first and the last course: an index range scan, not the whole table.
        below = {"path__range": (min(paths), max(paths) + "Z" * 64)}
        for course_path, key, pk, path in (
            LessonPage.objects.live()
            .filter(**below)
            .annotate(course_path=Substr("path", 1, length))
            .filter(course_path__in=paths)
            .order_by("path")
            .values_list("course_path", "translation_key", "pk", "path")
        ):
            lessons[course_path].append((str(key), pk, path))
        for course_path, key, path in (
            ModulePage.objects.live()
            .filter(quiz__isnull=False, depth=length // ModulePage.steplen + 1, **below)
            .annotate(course_path=Substr("path", 1, length))
            .filter(course_path__in=paths)
            .order_by("path")
            .values_list("course_path", "quiz__translation_key", "path")
        ):
            quizzes[course_path].append((str(key), path))
    return {path: CourseActivities(tuple(lessons[path]), tuple(quizzes[path])) for path in course_paths}


def count_activities(courses, user):
    """Set ``activity_total`` and ``activity_done`` (lessons read, module quizzes passed) and
    ``next_lesson_id`` (the first lesson not read, or None) on each course of a list: the courses'
    activities from the cache, and the learner's own records in two queries whatever the number
    of courses. A lesson or quiz counts as done when the learner did it in any language: the
    learner's completions and passes are matched by translation key."""
    if not courses:
        return courses
    activities = course_activities([course.path for course in courses])
    completions = LessonCompletion.objects.filter(user=user)
    read = {str(key) for key in completions.values_list("lesson__translation_key", flat=True)}
    passed = {
        str(key)
        for key in QuizAttempt.objects.filter(user=user, state=QuizAttempt.FINISHED, passed=True)
        .values_list("quiz__translation_key", flat=True)
        .distinct()
    }
    hidden = hidden_paths(user)
    for course in courses:
        found = activities[course.path]
        # Only what the learner may open counts, as in ``course_progress``.
        lessons = [(key, pk) for key, pk, path in found.lessons if not path.startswith(hidden)]
        quizzes = [key for key, path in found.quizzes if not path.startswith(hidden)]
        course.activity_total = len(lessons) + len(quizzes)
        course.activity_done = sum(key in read for key, _pk in lessons) + sum(
            key in passed for key in quizzes
        )
        course.next_lesson_id = next((pk for key, pk in lessons if key not in read), None)
    return courses


def percent(done, total):
    return round(100 * done / total) if total else 0


COURSES_PER_PAGE = 12


def course_cards(user, index_page, page_number=1):
    """One page of the course index's cards (``COURSES_PER_PAGE`` a page; an unknown page number
    shows the first, one past the end the last), and the Paginator page they come from."""
    courses = with_progress(
        visible_to(CoursePage.objects.live().child_of(index_page), user)
        .select_related("prerequisite")
        .order_by("path"),
        user,
    )
    page = Paginator(courses, COURSES_PER_PAGE).get_page(page_number)
    cards = []
    for course in count_activities(list(page.object_list), user):
        locked_by = (
            course.prerequisite if course.prerequisite_id and not course.prerequisite_certified else None
        )
        cards.append(
            {
                "course": course,
                "percent": percent(course.activity_done, course.activity_total),
                "locked_by": locked_by,
            }
        )
    return cards, page
