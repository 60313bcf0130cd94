"""Sessions end when they should: at login a new key, at logout on the server, for a deactivated
user at the next request, after the idle timeout, and on other devices after a password change."""

import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from home.middleware import IdleTimeoutMiddleware
from tests.conftest import PASSWORD


def sign_in(client, user, password=PASSWORD):
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content[:500]
    return client.cookies["sessionid"].value


def is_signed_in(client):
    response = client.get("/")
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
        return False
    assert response.status_code == 200
    return True


def test_signing_in_gives_a_new_session_key(client, learner):
    session = client.session
    session["before_login"] = "x"
    session.save()
    anonymous_key = session.session_key
    client.cookies["sessionid"] = anonymous_key

    signed_in_key = sign_in(client, learner)

    assert signed_in_key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()


def test_logout_ends_the_session_on_the_server(client, learner):
    key = sign_in(client, learner)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies["sessionid"] = key  # a stolen cookie is worth nothing after logout
    assert not is_signed_in(replay)


def test_deactivated_user_is_signed_out_at_the_next_request(client, learner):
    sign_in(client, learner)
    assert is_signed_in(client)

    learner.is_active = False
    learner.save()

    assert not is_signed_in(client)


def test_idle_session_is_signed_out(client, learner):
    sign_in(client, learner)
    assert is_signed_in(client)

    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()

    assert not is_signed_in(client)


def test_active_session_survives_past_the_idle_timeout(client, learner):
    sign_in(client, learner)
    session = client.session
    # Last request a little less than the timeout ago: the user is still there.
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT + 60
    session.save()

    assert is_signed_in(client)
    assert client.session[IdleTimeoutMiddleware.KEY] >= int(time.time()) - 5


def test_password_change_signs_out_other_sessions_but_not_this_one(client, learner):
    laptop = client
    phone = Client()
    sign_in(laptop, learner)
    sign_in(phone, learner)
    assert is_signed_in(phone)

    new_password = "ny-laengere-adgangskode-2026"
    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )

    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    learner.refresh_from_db()
    assert learner.check_password(new_password)
