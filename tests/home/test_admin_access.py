"""/admin/ for someone without admin access: a clear 403 page, never a redirect loop."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from home.roles import EDITORS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/"])
def test_a_learner_opening_the_admin_is_told_there_is_no_access(client_learner, path):
    response = client_learner.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ingen adgang til redigeringen" in html
    assert "bed en administrator om at give dig rollen Redaktør" in html
    assert 'href="/"' in html


def test_an_editor_whose_group_was_removed_gets_the_same_page(client_editor, editor):
    assert client_editor.get("/admin/").status_code == 200
    editor.groups.remove(Group.objects.get(name=EDITORS))
    response = client_editor.get("/admin/", follow=True)
    assert response.status_code == 403
    assert not response.redirect_chain


def test_the_page_is_in_english_for_english_readers(client_learner):
    with translation.override("en"):
        response = client_learner.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "No access to the editing interface" in response.content.decode()


def test_anonymous_visitors_still_go_to_the_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
