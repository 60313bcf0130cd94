import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from home.models import User
from home.roles import EDITORS, LEARNERS, MODERATORS
from tests.conftest import PASSWORD

LOGIN_URL = "/accounts/login/"


def login(client, email, password):
    return client.post(LOGIN_URL, {"login": email, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/", "/admin/", "/admin/pages/", "/documents/1/x.pdf"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in (LOGIN_URL, "/en/accounts/login/")
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_the_login_page_itself_is_open_and_in_danish(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert 'lang="da"' in response.text
    assert "Log ind" in response.text


def test_login_with_the_right_password_signs_in(client, learner):
    response = login(client, "kursist@politi.dk", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert "Velkommen, Mette" in client.get("/").text


def test_login_is_case_insensitive_on_the_email(client, learner):
    login(client, "Kursist@Politi.DK", PASSWORD)
    assert client.get("/").status_code == 200


def test_login_with_a_wrong_password_is_refused_with_a_message(client, learner):
    response = login(client, "kursist@politi.dk", "forkert-adgangskode")
    assert response.status_code == 200
    assert "ikke korrekt" in response.text or "forkert" in response.text.lower()
    assert client.get("/").status_code == 302


def test_repeated_failures_are_rate_limited_even_with_the_right_password(client, learner):
    for _ in range(5):
        login(client, "kursist@politi.dk", "forkert-adgangskode")
    response = login(client, "kursist@politi.dk", PASSWORD)
    assert response.status_code in (200, 429)
    assert client.get("/").status_code == 302, "the sixth attempt must be blocked"


def test_wagtail_admin_login_goes_through_allauth(client, learner):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    # Posting to Wagtail's own form is impossible: the URL is the redirect, not a form.
    assert (
        client.post("/admin/login/", {"username": "kursist@politi.dk", "password": PASSWORD}).status_code
        == 302
    )
    assert client.get("/").status_code == 302


def test_a_learner_never_reaches_the_wagtail_admin(client_learner):
    response = client_learner.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/" not in response["Location"].split("?")[0]
    assert client_learner.get("/admin/pages/").status_code in (302, 403)


def test_an_editor_gets_into_the_wagtail_admin_and_can_edit_pages(client_editor, home_page):
    assert client_editor.get("/admin/").status_code == 200
    response = client_editor.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert response.status_code == 200


def test_a_moderator_gets_into_the_admin_but_cannot_edit_pages(client_moderator, home_page):
    assert client_moderator.get("/admin/").status_code == 200
    response = client_moderator.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_every_new_user_is_a_learner():
    user = User.objects.create_user("ny@politi.dk", PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [LEARNERS]


@pytest.mark.django_db
def test_the_three_roles_exist_with_their_permissions():
    editors = Group.objects.get(name=EDITORS)
    moderators = Group.objects.get(name=MODERATORS)
    assert editors.permissions.filter(codename="access_admin").exists()
    assert moderators.permissions.filter(codename="access_admin").exists()
    assert not Group.objects.get(name=LEARNERS).permissions.exists()
    assert not editors.permissions.filter(codename__in=["add_user", "change_user"]).exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.django_db
def test_sign_up_is_closed_by_default(client):
    response = client.post(
        "/accounts/signup/", {"email": "ny@politi.dk", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not User.objects.filter(email="ny@politi.dk").exists()
    assert response.status_code == 200
    assert "lukket" in response.text.lower() or "closed" in response.text.lower()


@pytest.mark.django_db
@override_settings(SIGNUP_EMAIL_DOMAINS=["politi.dk"])
def test_sign_up_is_restricted_to_the_configured_domains(client):
    refused = client.post(
        "/accounts/signup/", {"email": "ude@gmail.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "politi.dk" in refused.text
    assert not User.objects.filter(email="ude@gmail.com").exists()

    client.post("/accounts/signup/", {"email": "ny@politi.dk", "password1": PASSWORD, "password2": PASSWORD})
    user = User.objects.get(email="ny@politi.dk")
    assert user.groups.filter(name=LEARNERS).exists()


def test_password_reset_sends_a_mail_with_a_link(client, learner, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "kursist@politi.dk"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_logout_ends_the_session(client_learner):
    assert client_learner.get("/").status_code == 200
    client_learner.post("/accounts/logout/")
    assert client_learner.get("/").status_code == 302


def test_admin_access_follows_a_group_change_at_once_although_permissions_are_cached(client_learner, learner):
    assert client_learner.get("/admin/").status_code in (302, 403)
    learner.groups.add(Group.objects.get(name=EDITORS))
    assert client_learner.get("/admin/").status_code == 200
    learner.groups.remove(Group.objects.get(name=EDITORS))
    assert client_learner.get("/admin/").status_code in (302, 403)


def test_a_signed_in_page_reads_no_permissions_from_the_database_once_cached(client_learner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_learner.get("/")
    with CaptureQueriesContext(connection) as queries:
        client_learner.get("/")
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "auth_permission" not in tables
    assert "django_session" not in tables
