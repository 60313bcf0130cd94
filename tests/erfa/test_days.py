from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from erfa.models import ErfaDayPage, SignUp
from erfa.models.signups import sign_up, withdraw
from home.models import User

from .conftest import add_day


def test_anonymous_visitors_are_sent_to_login(client, erfa_day):
    response = client.get(erfa_day.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_index_lists_upcoming_and_past_days_separately(client_learner, erfa_index, erfa_day, past_day):
    response = client_learner.get(erfa_index.url)
    assert response.status_code == 200
    text = response.text
    upcoming, past = text.split("Tidligere ERFA-dage")
    assert erfa_day.title in upcoming and past_day.title not in upcoming
    assert past_day.title in past
    assert "2 ledige pladser" in upcoming


def test_index_is_in_the_main_menu(client_learner, erfa_index):
    response = client_learner.get("/")
    assert f'href="{erfa_index.url}"' in response.text


def test_day_page_shows_time_place_programme_and_sign_up(client_learner, erfa_day):
    response = client_learner.get(erfa_day.url)
    assert response.status_code == 200
    assert "Rigspolitiet, Nationalt Forebyggelsescenter" in response.text
    assert "Ankerpersonen – en stærk profil i en vigtig funktion" in response.text
    assert "Tilmeld mig" in response.text
    assert "0 af 2 pladser er taget" in response.text


def test_a_specialist_publishes_a_new_day_in_the_admin(client_specialist, erfa_index):
    starts = timezone.localtime() + timedelta(days=10)
    data = nested_form_data(
        {
            "title": "ERFA-dag om kortlægning",
            "slug": "erfa-dag-kortlaegning",
            "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
            "ends_at": (starts + timedelta(hours=5)).strftime("%Y-%m-%d %H:%M"),
            "place": "Nordjyllands Politi",
            "address": "Aalborg",
            "capacity": 25,
            "intro": rich_text("<p>Det lange, seje træk.</p>"),
            "programme": streamfield(
                [
                    (
                        "item",
                        {
                            "starts": "10:00",
                            "ends": "",
                            "title": "Velkomst",
                            "speaker": "",
                            "description": rich_text(""),
                        },
                    )
                ]
            ),
            "materials": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["erfa", "erfadaypage", erfa_index.pk])
    response = client_specialist.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    day = ErfaDayPage.objects.get(slug="erfa-dag-kortlaegning")
    assert day.live and day.capacity == 25 and day.place == "Nordjyllands Politi"


def test_a_day_must_end_after_it_starts(erfa_index):
    from django.core.exceptions import ValidationError

    day = add_day(erfa_index)
    day.ends_at = day.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError):
        day.full_clean()


def test_sign_up_fills_places_then_the_waiting_list(client_learner, learner, other_learner, editor, erfa_day):
    response = client_learner.post(erfa_day.url + "tilmeld/")
    assert response.status_code == 302
    sign_up(erfa_day, other_learner)
    third = sign_up(erfa_day, editor)
    assert SignUp.objects.get(day=erfa_day, user=learner).status == SignUp.Status.CONFIRMED
    assert third.status == SignUp.Status.WAITING
    page = client_learner.get(erfa_day.url).text
    assert "Du er tilmeldt." in page and "Meld fra" in page


def test_signing_up_twice_keeps_one_sign_up(client_learner, learner, erfa_day):
    client_learner.post(erfa_day.url + "tilmeld/")
    client_learner.post(erfa_day.url + "tilmeld/")
    assert SignUp.objects.filter(day=erfa_day, user=learner).count() == 1


def test_waiting_list_position_is_shown(client, erfa_day, learner, other_learner, editor, moderator):
    sign_up(erfa_day, learner)
    sign_up(erfa_day, other_learner)
    sign_up(erfa_day, editor)
    sign_up(erfa_day, moderator)
    client.force_login(moderator)
    assert "Du står som nummer 2 på ventelisten." in client.get(erfa_day.url).text


def test_withdrawing_promotes_the_first_on_the_waiting_list_and_tells_them(
    client_learner, learner, other_learner, editor, moderator, erfa_day, django_capture_on_commit_callbacks
):
    sign_up(erfa_day, learner)
    sign_up(erfa_day, other_learner)
    sign_up(erfa_day, editor)
    sign_up(erfa_day, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_learner.post(erfa_day.url + "afmeld/")
    assert response.status_code == 302
    assert not SignUp.objects.filter(day=erfa_day, user=learner).exists()
    assert SignUp.objects.get(day=erfa_day, user=editor).status == SignUp.Status.CONFIRMED
    assert SignUp.objects.get(day=erfa_day, user=moderator).status == SignUp.Status.WAITING
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert erfa_day.title in mail.outbox[0].subject


def test_withdrawing_from_the_waiting_list_promotes_nobody(erfa_day, learner, other_learner, editor):
    sign_up(erfa_day, learner)
    sign_up(erfa_day, other_learner)
    sign_up(erfa_day, editor)
    assert withdraw(erfa_day, editor) is None
    assert SignUp.objects.filter(day=erfa_day, status=SignUp.Status.CONFIRMED).count() == 2


def test_sign_up_is_closed_once_the_day_has_started(client_learner, learner, past_day):
    response = client_learner.post(past_day.url + "tilmeld/", follow=True)
    assert "Tilmeldingen er lukket" in response.text
    assert not SignUp.objects.filter(user=learner).exists()


def test_sign_up_needs_post(client_learner, learner, erfa_day):
    assert client_learner.get(erfa_day.url + "tilmeld/").status_code == 405
    assert not SignUp.objects.filter(user=learner).exists()


def test_calendar_file_describes_the_day(client_learner, erfa_day):
    response = client_learner.get(erfa_day.url + "kalender/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"DTSTART:{erfa_day.starts_at.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}" in body
    assert "SUMMARY:National ERFA-dag for ankerpersoner" in body
    assert "LOCATION:Rigspolitiet\\, Nationalt Forebyggelsescenter\\, København" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_participant_list_is_for_editors_and_moderators_only(client, learner, editor, erfa_day):
    sign_up(erfa_day, learner)
    client.force_login(learner)
    assert "Deltagerliste" not in client.get(erfa_day.url).text
    client.force_login(editor)
    page = client.get(erfa_day.url).text
    assert "Deltagerliste" in page and "Mette Holm" in page


def add_days(index, n, start=0):
    """Live days half upcoming, half past; without revisions, which would make 500 slow."""
    now = timezone.now()
    for i in range(start, start + n):
        starts = now + timedelta(days=30 if i % 2 else -30, hours=i)
        index.add_child(
            instance=ErfaDayPage(
                title=f"ERFA-dag {i}",
                slug=f"erfa-dag-{i}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=5),
                place="København",
                capacity=30,
            )
        )


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # One request first: the session's idle timestamp is written at most once a minute, and
    # creating 500 items can take longer than that; the measured request then writes nothing.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_query_count_is_the_same_at_5_and_500_days(client_learner, erfa_index):
    add_days(erfa_index, 5)
    client_learner.get(erfa_index.url)  # warm caches (site root, navigation)
    at_5 = count_queries(client_learner, erfa_index.url)
    add_days(erfa_index, 495, start=5)
    at_500 = count_queries(client_learner, erfa_index.url)
    assert ErfaDayPage.objects.count() == 500
    # 3 of these are the user and the page's routing (home/routing.py).
    assert at_5 == at_500 <= 12
    page = client_learner.get(erfa_index.url + "?side=2").text
    assert "Nyere" in page and "Ældre" in page


def test_day_page_query_count_is_the_same_at_5_and_500_sign_ups_and_posts(client, erfa_day, editor):
    from .conftest import make_post

    def fill(start, n):
        users = User.objects.bulk_create(
            [User(email=f"deltager{i}@politi.dk") for i in range(start, start + n)]
        )
        SignUp.objects.bulk_create(
            [SignUp(day=erfa_day, user=u, status=SignUp.Status.WAITING) for u in users]
        )
        for user in users:
            make_post(user, erfa_day=erfa_day)

    client.force_login(editor)  # editors also see the participant list
    fill(0, 5)
    client.get(erfa_day.url)
    at_5 = count_queries(client, erfa_day.url)
    fill(5, 495)
    at_500 = count_queries(client, erfa_day.url)
    # 3 are the user and the routing, 3 Wagtail's user bar for editors.
    assert at_5 == at_500 <= 15


def test_home_page_shows_the_next_erfa_days(client_learner, learner, erfa_day, past_day):
    sign_up(erfa_day, learner)
    page = client_learner.get("/").text
    panel = page.split('id="erfa-days-heading"')[1].split("</section>")[0]
    assert erfa_day.title in panel and "du er tilmeldt" in panel
    assert past_day.title not in panel


def test_day_page_interface_is_translated_to_english(client_learner, erfa_day):
    from home.catalogue import translate

    english_day = translate(erfa_day)
    response = client_learner.get(english_day.url)
    assert response.status_code == 200 and english_day.url.startswith("/en/")
    assert "Sign me up" in response.text and "0 of 2 places are taken." in response.text
