"""The "Tilføj et spørgsmål" link on a module's quiz panel opens a new question for that quiz."""

from django.urls import reverse

from .conftest import make_quiz


def test_adding_a_question_from_the_quiz_panel_opens_the_form_for_that_quiz(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@politi.dk", password="x")
    client.force_login(admin)
    quiz = make_quiz()
    response = client.get(reverse("wagtailsnippets_courses_question:add") + f"?quiz={quiz.pk}")
    assert response.status_code == 200
    assert f'value="{quiz.pk}"' in response.text


def test_a_questions_phase_and_case_choosers_offer_only_phases_and_cases(client, django_user_model):
    """The "Emne" choosers open on the toolbox's phase pages and the catalogue's cases, not the
    whole page tree."""
    admin = django_user_model.objects.create_superuser(email="admin@politi.dk", password="x")
    client.force_login(admin)
    html = client.get(reverse("wagtailsnippets_courses_question:add")).text
    assert "toolbox.phasepage" in html and "cases.casepage" in html
    assert "wagtailcore.page" not in html
