"""Initiatives in the site search (only for those who may open them), the links from the home page
and Min læring, and the demo examples from the catalogue."""

from django.core.management import call_command
from django.urls import reverse

from home.management.commands.load_demo_users import DEMO_USERS
from initiatives.models import Initiative
from tests.conftest import make_user


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params}).content.decode()


def test_members_find_their_initiative_in_search_under_its_own_type(client_learner, initiative):
    html = search(client_learner, "Aalborg Øst")
    assert initiative.get_absolute_url() in html and "Initiativ" in html
    assert initiative.get_absolute_url() in search(client_learner, "Aalborg Øst", type="initiative")


def test_others_never_find_it_even_right_after_a_member_searched(
    client, client_learner, other_learner, initiative
):
    assert initiative.get_absolute_url() in search(client_learner, "Aalborg Øst")  # now in the result cache
    client.force_login(other_learner)
    assert initiative.get_absolute_url() not in search(client, "Aalborg Øst")
    assert initiative.get_absolute_url() not in search(client, "Aalborg Øst", type="initiative")


def test_a_renamed_initiative_is_found_by_its_new_name(client_learner, initiative):
    search(client_learner, "Aalborg Øst")
    client_learner.post(
        reverse("initiatives:edit", args=[initiative.pk]),
        {"name": "Fælles om Vejgaard", "district": initiative.district_id, "challenge": initiative.challenge},
    )
    assert initiative.get_absolute_url() in search(client_learner, "Vejgaard")


def test_home_page_and_min_laering_link_to_the_initiatives(client_learner, initiative, home_page):
    home = client_learner.get(home_page.url).content.decode()
    assert "Mine initiativer" in home and initiative.get_absolute_url() in home
    learning = client_learner.get(reverse("courses:my_learning")).content.decode()
    assert initiative.get_absolute_url() in learning and reverse("initiatives:create") in learning


def test_inviting_by_email_adds_an_existing_user_and_refuses_unknown_addresses(
    client_learner, initiative, other_learner
):
    url = reverse("initiatives:member_invite", args=[initiative.pk])
    response = client_learner.post(url, {"email": "ukendt@politi.dk"}, follow=True)
    assert "Der er ingen bruger med e-mailadressen ukendt@politi.dk" in response.content.decode()
    assert initiative.memberships.count() == 1
    client_learner.post(url, {"email": "KOLLEGA@politi.dk"})
    assert initiative.memberships.filter(user=other_learner).exists()
    response = client_learner.post(url, {"email": other_learner.email}, follow=True)
    assert "er allerede med i arbejdsgruppen" in response.content.decode()
    assert initiative.memberships.count() == 2


def test_one_example_initiative_per_demo_learner_from_the_catalogue_idempotent(db):
    learners = [row for row in DEMO_USERS if row[5] == ["Kursister"]]
    for email, first, last, _title, _district, _groups, _superuser in learners:
        make_user(email, first_name=first, last_name=last)
    call_command("load_catalogue")
    call_command("load_catalogue")
    examples = Initiative.objects.filter(is_example=True).order_by("name")
    assert examples.count() == len(learners) == 2
    hjoerring = examples.get(created_by__email="kursist@politi.dk")
    assert (
        hjoerring.name == "Eksempel: Hjørring – Fri for Indbrud" and hjoerring.district.slug == "nordjylland"
    )
    assert hjoerring.phase == 6 and hjoerring.challenge.endswith("?")
    assert hjoerring.memberships.get().user.email == "kursist@politi.dk"
    assert hjoerring.ripples.filter(description__startswith="Konceptet Nabohjælp").exists()
    assert hjoerring.goals.filter(kind="effect").count() == 2 and hjoerring.baselines.count() == 1
    naeverzone = examples.get(created_by__email="anker@politi.dk")
    assert naeverzone.actors.filter(name="Næstved Taxa", actor_type="business").exists()
