"""Editors submit, a co-creation specialist approves: Wagtail's own workflow, through the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowState

from courses.models import LessonPage
from home.roles import SPECIALISTS

from .conftest import lessons_of
from .test_pages import _lesson_form

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_every_page_of_the_tree_is_in_the_specialists_workflow(home_page, user_course):
    workflow = Workflow.objects.get(name="godkendelse")
    assert [task.specific.groups.get().name for task in workflow.tasks] == [SPECIALISTS]
    for page in [home_page, user_course, lessons_of(user_course)[0]]:
        assert page.get_workflow() == workflow
    # Wagtail's own default workflow, left without a group, no longer applies anywhere.
    assert not Workflow.objects.filter(active=True).exclude(pk=workflow.pk).exists()


def test_an_editor_submits_and_a_specialist_publishes(client, editor, specialist, user_course):
    lesson = lessons_of(user_course)[0]
    client.force_login(editor)
    form = client.get(edit_url(lesson)).content.decode()
    assert 'name="action-submit"' in form and "Send til godkendelse" in form
    assert 'name="action-publish"' not in form

    response = client.post(
        edit_url(lesson), {**_lesson_form("Lektion 1, rettet", "Ny tekst."), "action-submit": "1"}
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Lektion 1" and lesson.has_unpublished_changes  # readers still see the old one
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == editor

    # The editor cannot approve their own submission.
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk])
    client.post(approve, {"comment": ""})
    lesson.refresh_from_db()
    assert lesson.title == "Lektion 1"

    client.force_login(specialist)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lektion 1, rettet" in dashboard  # awaiting their review
    response = client.post(approve, {"comment": "Fint."})
    assert response.status_code in (200, 302)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "Lektion 1, rettet" and lesson.live and not lesson.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_an_editor_cannot_publish_directly(client_editor, user_course):
    lesson = lessons_of(user_course)[0]
    client_editor.post(edit_url(lesson), {**_lesson_form("Udgivet uden om", "Tekst."), "action-publish": "1"})
    assert Page.objects.get(pk=lesson.pk).title == "Lektion 1"


def test_a_specialist_may_publish_directly(client_specialist, user_course):
    lesson = lessons_of(user_course)[0]
    form = client_specialist.get(edit_url(lesson)).content.decode()
    assert 'name="action-publish"' in form
    client_specialist.post(
        edit_url(lesson), {**_lesson_form("Rettet af specialist", "Tekst."), "action-publish": "1"}
    )
    assert Page.objects.get(pk=lesson.pk).title == "Rettet af specialist"
