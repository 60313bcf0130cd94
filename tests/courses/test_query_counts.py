"""Course, module, lesson and My learning pages run the same number of queries with 5 or 500
lessons, and with 10 or 100,000 progress rows in the database."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CourseEnrollment, LessonCompletion, LessonPage, ReflectionAnswer
from home.models import User

from .conftest import lessons_of, module_of

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # the project's budget for any signed-in page


def count_queries(client, url, cold):
    # The idle-timeout middleware writes the session once a minute; keep that write out of the count.
    session = client.session
    session["last_activity"] = int(time.time())
    session.save()
    if cold:
        cache.clear()  # count the queries that fill the course-structure cache too
    else:
        client.get(url)  # fills the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def page_counts(client, course, cold=False):
    urls = {
        "course index": course.get_parent().url,
        "course": course.url,
        "module": module_of(course).url,
        "lesson": lessons_of(course)[1].url,
        "my learning": reverse("courses:my_learning"),
        "home": "/",
    }
    return {name: count_queries(client, url, cold) for name, url in urls.items()}


def add_lessons(module, first, last):
    for n in range(first, last + 1):
        module.add_child(
            instance=LessonPage(
                title=f"Lektion {n}", slug=f"lektion-{n}", body=[("text", f"<p>Tekst {n}</p>")]
            )
        )


def test_query_counts_do_not_grow_with_lessons_or_progress_rows(client_learner, learner, user_course):
    module = module_of(user_course)
    add_lessons(module, 4, 5)
    lessons = lessons_of(user_course)
    assert len(lessons) == 5
    for lesson in lessons[:2]:
        LessonCompletion.objects.create(user=learner, lesson=lesson)
    ReflectionAnswer.objects.create(
        user=learner, lesson=lessons[0], block_id="x", question="Hvad?", answer="Svar"
    )
    others = User.objects.bulk_create(User(email=f"betjent{n}@politi.dk") for n in range(4))
    LessonCompletion.objects.bulk_create(LessonCompletion(user=user, lesson=lessons[0]) for user in others)
    client_learner.get(lessons[0].url)  # enrols the learner
    assert LessonCompletion.objects.count() + CourseEnrollment.objects.count() + 3 <= 10

    small, small_cold = (
        page_counts(client_learner, user_course),
        page_counts(client_learner, user_course, cold=True),
    )
    print("queries per page, warm cache:", small, "cold cache:", small_cold)
    assert max(small.values()) <= MAX_QUERIES, small

    add_lessons(module, 6, 500)
    assert LessonPage.objects.count() == 500
    assert page_counts(client_learner, user_course) == small
    assert page_counts(client_learner, user_course, cold=True) == small_cold

    users = User.objects.bulk_create(User(email=f"kollega{n}@politi.dk") for n in range(200))
    lessons = lessons_of(user_course)
    LessonCompletion.objects.bulk_create(
        (LessonCompletion(user=user, lesson=lesson) for user in users for lesson in lessons), batch_size=5000
    )
    CourseEnrollment.objects.bulk_create(CourseEnrollment(user=user, course=user_course) for user in users)
    assert LessonCompletion.objects.count() >= 100_000
    assert page_counts(client_learner, user_course) == small
    assert page_counts(client_learner, user_course, cold=True) == small_cold
