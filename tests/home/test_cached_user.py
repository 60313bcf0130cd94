"""The signed-in user comes from the cache (home/backends.py), and every change to the account
reaches the very next request: a deactivated account is signed out, a new name shows, a new
password ends the other sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def user_queries(client, url="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries if 'FROM "home_user"' in q["sql"]]


def test_the_signed_in_user_is_read_from_the_cache_after_the_first_request(client_learner):
    client_learner.get("/")
    response, queries = user_queries(client_learner)
    assert response.status_code == 200 and queries == []


def test_a_deactivated_account_is_signed_out_at_its_next_request(client_learner, learner):
    client_learner.get("/")
    learner.is_active = False
    learner.save()
    response = client_learner.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_name_shows_at_the_next_request(client_learner, learner):
    client_learner.get("/")
    learner.first_name, learner.last_name = "Gunnhild", "Zackariassen"
    learner.save()
    assert "Gunnhild" in client_learner.get("/").text


def test_a_new_password_ends_the_sessions_started_with_the_old_one(client, learner):
    client.force_login(learner)
    client.get("/")
    learner.set_password("et-helt-nyt-kodeord-2027")
    learner.save()
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
