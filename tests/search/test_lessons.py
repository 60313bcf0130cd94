"""Search over the real lesson pages of the courses app: type label, the course as meta, and no
query per hit for that meta."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(home_page):
    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse"))
    course = add_page(
        index,
        CoursePage(
            title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>Grundkursus</p>"
        ),
    )
    return add_page(course, ModulePage(title="Metoden", slug="metoden"))


def add_lessons(module, start, stop):
    for n in range(start, stop):
        add_page(
            module,
            LessonPage(
                title=f"Ankerpersonen i netværket {n}",
                slug=f"ankerperson-{n}",
                intro="Hvem holder sammen på samarbejdet?",
                body=[("text", "<p>Ankerpersonen er politiets faste kontakt til partnerne.</p>")],
            ),
        )


def test_lesson_hit_shows_type_and_course(client_learner, module):
    add_lessons(module, 1, 2)

    response = client_learner.get(reverse("search"), {"q": "ankerpersonen"})

    (hit,) = response.context["outcome"].hits
    assert hit.type_label == "Lektion"
    assert hit.meta == "Co-creation for brugere"
    assert "Co-creation for brugere" in response.content.decode()


def measured_search(client):
    # The first request after a publish rebuilds the cached menu; measure the one after it.
    client.get(reverse("search"), {"q": "ankerpersonen"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search"), {"q": "ankerpersonen"})
    return len(queries), response.context["outcome"]


def test_course_meta_costs_no_query_per_hit(client_learner, module):
    add_lessons(module, 1, 3)
    few, outcome = measured_search(client_learner)
    assert outcome.count == 2

    add_lessons(module, 3, 15)
    many, outcome = measured_search(client_learner)
    assert outcome.count == 14
    assert len(outcome.hits) == 10
    assert few == many
