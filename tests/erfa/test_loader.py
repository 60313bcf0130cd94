from django.core.management import call_command
from django.urls import reverse

from erfa.models import ErfaDayPage, ErfaIndexPage, ExperiencePost
from tests.conftest import make_user


def test_catalogue_loads_erfa_days_and_demo_posts_idempotently(home_page, client):
    make_user("anker@politi.dk", first_name="Jonas", last_name="Kjær")
    make_user("kursist@politi.dk", first_name="Mette", last_name="Holm")
    call_command("load_catalogue", stdout=open("/dev/null", "w"))
    call_command("load_catalogue", stdout=open("/dev/null", "w"))

    index = ErfaIndexPage.objects.get(locale__language_code="da")
    assert index.title == "ERFA" and index.slug == "erfa" and index.show_in_menus
    assert index.get_parent().pk == home_page.pk
    days = ErfaDayPage.objects.filter(locale__language_code="da")
    assert days.count() == 2
    assert ErfaDayPage.objects.filter(locale__language_code="en").count() == 2
    assert "Ankerpersonen – en stærk profil i en vigtig funktion" in str(
        days.get(slug="national-erfa-dag-ankerpersoner-2027").programme
    )

    posts = ExperiencePost.objects.approved().select_related("phase", "erfa_day")
    assert posts.count() == 3
    shielding = posts.get(author__email="anker@politi.dk")
    assert shielding.erfa_day.slug == "erfa-dag-vaerdiskabelse-og-fremdrift-2026"
    assert shielding.phase is not None and shielding.phase.slug == "opstart"
    assert [p.title for p in ExperiencePost.objects.search("ankerpersonen")] == [shielding.title]

    # The approved post shows on the real phase page through the toolbox's panel hook, and the
    # post form offers the real phases to link to.
    reader = make_user("laeser@politi.dk", first_name="Ole", last_name="Berg")
    client.force_login(reader)
    phase_page = client.get(shielding.phase.url).text
    assert "Erfaringer fra kolleger" in phase_page and shielding.title in phase_page
    form = client.get(reverse("erfa:post_create")).text
    assert f'<option value="{shielding.phase.pk}">' in form


def test_demo_posts_are_left_out_without_the_demo_users(home_page):
    call_command("load_catalogue", stdout=open("/dev/null", "w"))
    assert ErfaDayPage.objects.filter(locale__language_code="da").count() == 2
    assert not ExperiencePost.objects.exists()
