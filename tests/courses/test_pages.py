import json

import pytest
from django.urls import reverse
from django.utils.text import slugify

from courses.models import Certificate, CourseEnrollment, LessonCompletion, LessonPage, ModulePage
from tests.conftest import page_action

from .conftest import add_page, lessons_of, module_of, right_answers

pytestmark = pytest.mark.django_db


def finish_course(client, course):
    """Mark every lesson done and pass the module quiz through the real views."""
    for lesson in lessons_of(course):
        client.post(page_action(lesson, "lesson_done"))
    module = module_of(course)
    client.post(page_action(module, "quiz_start"))
    attempt = module.quiz.attempts.get()
    return client.post(
        reverse("courses:attempt_submit", args=[attempt.pk]), right_answers(attempt), follow=True
    )


def test_every_course_page_needs_login(client, user_course):
    for page in [user_course.get_parent(), user_course, module_of(user_course), lessons_of(user_course)[0]]:
        response = client.get(page.url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_course_index_lists_courses_in_menu(client_learner, user_course, superuser_course):
    response = client_learner.get("/uddannelse/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Co-creation for brugere" in html
    assert "Låst:" in html and "gennemfør først »Co-creation for brugere«" in html
    assert '<a href="/uddannelse/"' in html  # in the header menu


def test_course_index_pages_through_many_courses_with_each_ones_progress(
    client_learner, course_index, user_course
):
    from courses.models import CoursePage
    from courses.progress import COURSES_PER_PAGE

    from .conftest import add_page

    for n in range(COURSES_PER_PAGE):
        add_page(
            course_index,
            CoursePage(title=f"Valgfrit kursus {n:02}", slug=f"valgfrit-{n}", intro="<p>Tema</p>"),
        )
    client_learner.post(page_action(lessons_of(user_course)[0], "lesson_done"))

    first = client_learner.get("/uddannelse/").text
    assert "Co-creation for brugere" in first and "Valgfrit kursus 10" in first
    assert "Valgfrit kursus 11" not in first
    assert 'href="?side=2"' in first
    assert 'aria-valuenow="25"' in first  # 1 of 4 activities (3 lessons and the quiz) done

    second = client_learner.get("/uddannelse/?side=2").text
    assert "Valgfrit kursus 11" in second and "Co-creation for brugere" not in second
    assert 'href="?side=2" aria-current="page"' in second

    # A tampered page number shows a page of courses, never an error.
    assert "Co-creation for brugere" in client_learner.get("/uddannelse/?side=abc").text
    assert "Valgfrit kursus 11" in client_learner.get("/uddannelse/?side=99").text


def test_lesson_page_renders_body_and_records_where_the_learner_left_off(
    client_learner, learner, user_course
):
    lesson = lessons_of(user_course)[1]
    response = client_learner.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indhold i lektion 2." in html
    assert "Marker lektionen som gennemført" in html
    assert CourseEnrollment.objects.get(user=learner, course=user_course).last_lesson_id == lesson.pk


def test_marking_lessons_done_moves_the_progress_bar(client_learner, learner, user_course):
    first, second, third = lessons_of(user_course)
    assert 'aria-valuenow="0"' in client_learner.get(user_course.url).content.decode()
    client_learner.post(page_action(first, "lesson_done"))
    client_learner.post(page_action(first, "lesson_done"))  # twice: still one record
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    html = client_learner.get(user_course.url).content.decode()
    assert "1 af 4 aktiviteter gennemført (25 %)" in html  # 3 lessons + the module quiz
    assert f"Fortsæt: {second.title}" in html


def test_mark_done_needs_post(client_learner, user_course):
    lesson = lessons_of(user_course)[0]
    assert client_learner.get(page_action(lesson, "lesson_done")).status_code == 405


def test_super_user_course_is_locked_until_the_user_course_is_complete(
    client_learner, learner, user_course, superuser_course
):
    lesson = lessons_of(superuser_course)[0]
    html = client_learner.get(superuser_course.url).content.decode()
    assert "Kurset er låst" in html
    assert "Du låser det op ved at gennemføre »Co-creation for brugere«" in html
    assert f'href="{user_course.url}"' in html
    locked_lesson = client_learner.get(lesson.url).content.decode()
    assert "Indhold i lektion 1." not in locked_lesson
    assert not CourseEnrollment.objects.filter(user=learner, course=superuser_course).exists()
    client_learner.post(page_action(lesson, "lesson_done"))
    assert not LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()

    response = finish_course(client_learner, user_course)
    assert "Tillykke! Du har gennemført kurset Co-creation for brugere" in response.content.decode()
    html = client_learner.get(superuser_course.url).content.decode()
    assert "Kurset er låst" not in html
    assert "Indhold i lektion 1." in client_learner.get(lesson.url).content.decode()


def test_completing_a_course_issues_one_certificate_that_survives_a_new_lesson(
    client_learner, learner, user_course
):
    finish_course(client_learner, user_course)
    certificate = Certificate.objects.get(user=learner)
    assert certificate.course_title == "Co-creation for brugere"
    assert certificate.activity_count == 4
    assert certificate.course_revision == user_course.live_revision_id

    from .conftest import add_lesson

    add_lesson(module_of(user_course), 4)
    html = client_learner.get(user_course.url).content.decode()
    assert "4 af 5 aktiviteter gennemført (80 %)" in html  # progress follows the live course
    response = client_learner.get(reverse("courses:certificate", args=[certificate.pk]))
    assert response.status_code == 200  # the certificate stays valid
    assert "Mette Holm" in response.content.decode()


def test_unpublished_lesson_stops_counting(client_learner, user_course):
    first = lessons_of(user_course)[0]
    client_learner.post(page_action(first, "lesson_done"))
    lessons_of(user_course)[2].unpublish()
    assert "1 af 3 aktiviteter gennemført" in client_learner.get(user_course.url).content.decode()


def test_a_specialist_publishes_a_new_lesson_in_the_admin(client_specialist, user_course):
    module = module_of(user_course)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    assert client_specialist.get(url).status_code == 200
    data = {
        "title": "Kortlægning i praksis",
        "slug": "kortlaegning-i-praksis",
        "intro": "Hvordan arbejdsgruppen kortlægger",
        "estimated_minutes": 10,
        "body-count": 1,
        "body-0-type": "text",
        "body-0-value": json.dumps(
            {
                "blocks": [
                    {"key": "a", "text": "Kortlægningen er central.", "type": "unstyled", "depth": 0}
                    | {"inlineStyleRanges": [], "entityRanges": []}
                ],
                "entityMap": {},
            }
        ),
        "body-0-deleted": "",
        "body-0-order": 0,
        "body-0-id": "",
        "action-publish": "publish",
    }
    response = client_specialist.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = LessonPage.objects.get(slug="kortlaegning-i-praksis")
    assert lesson.live and lesson.get_parent().pk == module.pk


def test_module_page_shows_its_quiz(client_learner, user_course):
    module = ModulePage.objects.get(slug="metoden")
    html = client_learner.get(module.url).content.decode()
    assert "Quiz om faserne" in html
    assert "Start quizzen" in html


def test_home_page_panel_and_user_menu_show_my_learning(client_learner, user_course):
    home = client_learner.get("/").content.decode()
    assert 'href="/learning/">Min læring</a>' in home  # user menu
    assert "Du er ikke begyndt på et kursus endnu." in home  # the panel before any course
    lesson = lessons_of(user_course)[0]
    client_learner.get(lesson.url)
    client_learner.post(page_action(lesson, "lesson_done"))
    home = client_learner.get("/").content.decode()
    assert "Co-creation for brugere" in home
    assert "1 af 4 aktiviteter gennemført (25 %)" in home


def test_certificate_prints_as_one_clean_page(client_learner, learner, user_course):
    finish_course(client_learner, user_course)
    certificate = Certificate.objects.get(user=learner)
    html = client_learner.get(reverse("courses:certificate", args=[certificate.pk])).content.decode()
    assert 'class="page-certificate"' in html and "courses/courses.css" in html
    assert certificate.verification_code in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("courses/courses.css"), encoding="utf-8").read()
    print_rules = css[css.index("@media print") :]
    assert "size: A4 portrait" in print_rules
    assert ".page-certificate .site-header" in print_rules and "display: none" in print_rules
    assert "page-break-inside: avoid" in print_rules


def test_case_reference_is_a_real_page_reference(client_learner, user_course):
    from home.references import pages_referencing

    from .conftest import add_lesson

    case = module_of(user_course)  # any live page stands in for a case page here
    lesson = add_lesson(
        module_of(user_course),
        8,
        body=[("case_reference", {"case": case, "section": "results-heading", "note": "Se resultaterne."})],
    )
    html = client_learner.get(lesson.url).content.decode()
    assert f'href="{case.url}#results-heading"' in html and "Se resultaterne." in html
    assert lesson.pk in {page.pk for page in pages_referencing(case, LessonPage)}


def _lesson_form(title, text):
    block = {
        "key": "a",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return {
        "title": title,
        "slug": slugify(title),
        "intro": "Om autosave",
        "estimated_minutes": 10,
        "body-count": 1,
        "body-0-type": "text",
        "body-0-value": json.dumps({"blocks": [block], "entityMap": {}}),
        "body-0-deleted": "",
        "body-0-order": 0,
        "body-0-id": "",
    }


def test_publishing_a_new_page_goes_to_the_draft_its_autosave_made(
    client_specialist, specialist, user_course
):
    """The autosave has made the draft (with the text typed so far); 'Udgiv' then reaches the
    create view, as when the browser never heard back from the autosave."""
    module = module_of(user_course)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    autosave = client_specialist.post(
        url, _lesson_form("Autosave-lektion", "Det første."), headers={"accept": "application/json"}
    )
    assert autosave.json()["success"]
    draft = LessonPage.objects.get(title="Autosave-lektion")
    assert not draft.live
    response = client_specialist.post(
        url, {**_lesson_form("Autosave-lektion", "Det første. Og resten."), "action-publish": "publish"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(title="Autosave-lektion")  # still one page: the draft, published
    assert lesson.pk == draft.pk and lesson.live
    assert "Og resten." in str(lesson.body)


def test_someone_elses_draft_still_holds_its_slug(client_specialist, user_course):
    module = module_of(user_course)
    add_page(module, LessonPage(title="Optaget", slug="optaget", intro="Udgivet af en anden"))
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    response = client_specialist.post(
        url, {**_lesson_form("Optaget", "Ny tekst."), "action-publish": "publish"}
    )
    assert response.status_code in (200, 400)
    assert "bruges allerede" in response.content.decode() or "already in use" in response.content.decode()
    assert LessonPage.objects.filter(slug="optaget").count() == 1
