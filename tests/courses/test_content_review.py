"""Owners and review dates on content pages: defaults, what readers and editors see, the emails."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseIndexPage, CoursePage, LessonPage
from home import tasks
from home.models import ReviewReminder
from home.review import pages_due, reviewed_models

from .conftest import add_page, lessons_of

YEAR = datetime.timedelta(days=365)
today = timezone.localdate


def set_review(page, **fields):
    type(page).objects.filter(pk=page.pk).update(**fields)
    page.refresh_from_db()
    return page


def test_every_content_page_type_has_an_owner_and_a_review_date():
    names = {model.__name__ for model in reviewed_models()}
    assert {"CasePage", "ToolPage", "PhasePage", "LessonPage", "CoursePage"} <= names


def test_a_published_page_is_due_for_review_twelve_months_later(user_course):
    assert user_course.last_reviewed_at == today()
    assert user_course.review_by == today() + YEAR


def test_a_draft_has_no_review_date_until_published(course_index):
    course = CoursePage(title="Kladdekursus", slug="kladde", intro="<p>Kladde</p>", live=False)
    course_index.add_child(instance=course)
    course.save_revision()
    course.refresh_from_db()
    assert course.review_by is None
    course.get_latest_revision().publish()
    course.refresh_from_db()
    assert course.review_by == today() + YEAR


def test_marking_a_page_reviewed_moves_the_next_date_twelve_months_on(user_course):
    later = today() + datetime.timedelta(days=40)
    user_course.last_reviewed_at = later
    user_course.save_revision().publish()
    user_course.refresh_from_db()
    assert user_course.review_by == later + YEAR
    # Editing the page again (the form shows the same dates) keeps them.
    user_course.save_revision().publish()
    user_course.refresh_from_db()
    assert (user_course.last_reviewed_at, user_course.review_by) == (later, later + YEAR)


def test_readers_see_when_the_page_was_last_reviewed(client_learner, user_course):
    set_review(user_course, last_reviewed_at=datetime.date(2026, 3, 9))
    assert "Sidst gennemgået 9. marts 2026" in client_learner.get(user_course.url).text
    lesson = lessons_of(user_course)[0]
    set_review(lesson, last_reviewed_at=datetime.date(2026, 1, 5))
    assert "Sidst gennemgået 5. januar 2026" in client_learner.get(lesson.url).text


def test_the_report_lists_overdue_and_soon_due_pages_filterable_by_owner(
    client_editor, editor, moderator, user_course
):
    lessons = lessons_of(user_course)
    set_review(user_course, review_by=today() - datetime.timedelta(days=3), content_owner=editor)
    set_review(lessons[0], review_by=today() + datetime.timedelta(days=20), content_owner=moderator)
    set_review(lessons[1], review_by=today() + datetime.timedelta(days=45), content_owner=editor)
    response = client_editor.get(reverse("home_review_report"))
    assert response.status_code == 200
    titles = [item.page.title for item in response.context["items"]]
    assert titles == ["Co-creation for brugere", "Lektion 1"]
    assert [item.overdue for item in response.context["items"]] == [True, False]
    assert "Forfalden" in response.text
    mine = client_editor.get(reverse("home_review_report"), {"owner": editor.pk})
    assert [item.page.title for item in mine.context["items"]] == ["Co-creation for brugere"]
    assert client_editor.get(reverse("home_review_report"), {"owner": "x'--"}).status_code == 200


def test_the_admin_dashboard_shows_pages_due_for_review(client_editor, editor, user_course):
    set_review(user_course, review_by=today() - datetime.timedelta(days=1), content_owner=editor)
    response = client_editor.get(reverse("wagtailadmin_home"))
    assert "Sider, der skal gennemgås" in response.text
    assert "Co-creation for brugere" in response.text


def test_moderators_and_learners_do_not_get_the_report(client_moderator, client, learner):
    # Wagtail's admin answers a refused view with a redirect to its dashboard.
    refused = client_moderator.get(reverse("home_review_report"))
    assert refused.status_code == 302 and refused.url == "/admin/"
    client.force_login(learner)
    assert client.get(reverse("home_review_report")).status_code in (302, 403)


def test_the_owner_is_emailed_once_when_a_page_falls_due(editor, user_course):
    lesson = lessons_of(user_course)[0]
    set_review(user_course, review_by=today(), content_owner=editor)
    set_review(lesson, review_by=today() + datetime.timedelta(days=1), content_owner=editor)
    assert tasks.send_review_reminders.delay().get() == 1
    assert tasks.send_review_reminders.delay().get() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [editor.email]
    assert mail.outbox[0].subject == "Siden skal gennemgås: Co-creation for brugere"
    assert f"/admin/pages/{user_course.pk}/edit/" in mail.outbox[0].body
    # Reviewed and due again a year on: a new email for the new date.
    set_review(user_course, review_by=today() - datetime.timedelta(days=1))
    assert tasks.send_review_reminders.delay().get() == 1
    assert ReviewReminder.objects.count() == 2


def test_no_email_for_an_unpublished_or_ownerless_page(editor, user_course):
    lesson = lessons_of(user_course)[0]
    set_review(lesson, review_by=today(), content_owner=None)
    set_review(user_course, review_by=today(), content_owner=editor)
    user_course.unpublish()
    assert tasks.send_review_reminders.delay().get() == 0
    assert mail.outbox == []


def test_pages_due_queries_do_not_grow_with_pages(django_assert_max_num_queries, course_index, editor):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            pages_due()
        return len(queries)

    add_page(course_index, CoursePage(title="Kursus 0", slug="k0", intro="<p>x</p>"))
    CoursePage.objects.update(review_by=today(), content_owner=editor)
    small = count()
    for n in range(1, 30):
        add_page(course_index, CoursePage(title=f"Kursus {n}", slug=f"k{n}", intro="<p>x</p>"))
    CoursePage.objects.update(review_by=today(), content_owner=editor)
    assert len(pages_due()) == 30
    assert count() == small == len(reviewed_models())
    assert CourseIndexPage.objects.count() == 1 and LessonPage.objects.count() == 0
