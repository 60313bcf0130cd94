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


def test_one_client_guessing_does_not_lock_out_the_address(client, learner, other_learner):
    # 30 wrong passwords for one account from the proxy's address, as fast as a script sends them.
    responses = [sign_in(client, learner.email, f"gæt-nummer-{n}").status_code for n in range(30)]
    assert responses == [200] * 5 + [429] * 25
    # A colleague behind the same proxy signs in with her correct password.
    client.cookies.clear()
    assert sign_in(client, other_learner.email, PASSWORD).status_code == 302
    # The guesser is still refused, for the account it went for, correct password or not.
    client.cookies.clear()
    assert sign_in(client, learner.email, "gæt-nummer-31").status_code == 429
    assert sign_in(client, learner.email, PASSWORD).status_code == 429


def test_a_busy_address_gets_one_guess_per_account(client, learner):
    # After the address's 30 failed and refused sign-ins, spraying other accounts from it is slowed
    # to one wrong password each, where an address that is not busy allows five.
    for n in range(30):
        sign_in(client, learner.email, f"gæt-nummer-{n}")
    sprayed = [make_user(f"betjent{n}@politi.dk") for n in range(3)]
    for officer in sprayed:
        assert sign_in(client, officer.email, "Sommer2025!").status_code == 200
        assert sign_in(client, officer.email, "Efterår2025!").status_code == 429
        assert sign_in(client, officer.email, PASSWORD).status_code == 429


def test_a_busy_address_does_not_hold_up_other_addresses(client, learner, other_learner, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(30):
        sign_in(client, learner.email, f"gæt-nummer-{n}", forwarded_for="172.16.4.7")
    assert sign_in(client, other_learner.email, "tastefejl", forwarded_for="172.16.4.7").status_code == 200
    assert sign_in(client, other_learner.email, PASSWORD, forwarded_for="172.16.4.7").status_code == 429
    # The same colleague at the next desk: her address is not busy, a typo costs nothing there.
    assert sign_in(client, other_learner.email, "tastefejl", forwarded_for="172.16.4.8").status_code == 200
    assert sign_in(client, other_learner.email, PASSWORD, forwarded_for="172.16.4.8").status_code == 302


def test_a_password_reset_lifts_the_busy_address_limit_for_that_account(client, learner, other_learner):
    from allauth.account.adapter import get_adapter
    from django.test import RequestFactory

    for n in range(30):
        sign_in(client, learner.email, f"gæt-nummer-{n}")
    assert sign_in(client, other_learner.email, "tastefejl").status_code == 200
    assert sign_in(client, other_learner.email, PASSWORD).status_code == 429
    request = RequestFactory().post("/accounts/password/reset/", REMOTE_ADDR=PROXY)
    get_adapter(request)._delete_login_attempts_cached_email(request, email=other_learner.email)
    assert sign_in(client, other_learner.email, PASSWORD).status_code == 302
