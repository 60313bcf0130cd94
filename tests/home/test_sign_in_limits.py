"""Sign-in rate limits: by account and address together, 429 when locked out, and the client's
address read from X-Forwarded-For only as far as TRUSTED_PROXY_COUNT says."""

import pytest

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PROXY = "10.20.0.1"  # the load balancer every request comes through


def sign_in(client, email, password, forwarded_for=None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/accounts/login/", {"login": email, "password": password}, **headers)


def fail_five_times(client, email, forwarded_for=None):
    for _ in range(5):
        assert sign_in(client, email, "forkert-adgangskode", forwarded_for).status_code == 200


def test_a_locked_out_sign_in_answers_429_with_a_danish_page(client, learner):
    fail_five_times(client, learner.email)
    response = sign_in(client, learner.email, PASSWORD)
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_shift_start_behind_one_proxy_is_not_locked_out(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0  # a proxy nobody told the app about
    officers = [make_user(f"betjent{n}@politi.dk") for n in range(40)]
    for officer in officers:
        client.cookies.clear()
        assert sign_in(client, officer.email, PASSWORD).status_code == 302, officer.email


def test_one_officers_typos_do_not_lock_out_colleagues_at_the_same_address(client, learner, other_learner):
    fail_five_times(client, learner.email)
    assert sign_in(client, other_learner.email, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_limit_is_per_client_address(client, learner, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    fail_five_times(client, learner.email, forwarded_for="172.16.4.7")
    assert sign_in(client, learner.email, PASSWORD, forwarded_for="172.16.4.7").status_code == 429
    # The same account from another officer's machine behind the same proxy still signs in.
    assert sign_in(client, learner.email, PASSWORD, forwarded_for="172.16.4.8").status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_dodge_the_limit(client, learner, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    fail_five_times(client, learner.email, forwarded_for="172.16.4.7")
    assert sign_in(client, learner.email, PASSWORD, forwarded_for="192.0.2.99").status_code == 429
