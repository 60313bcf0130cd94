import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, CourseAssignment, CourseEnrollment, LessonCompletion, QuizAttempt
from erfa.models import ExperiencePost, SignUp
from home.models import User
from initiatives.models import ChangeRecord, Initiative, Ripple
from privacy.models import Erasure

from .conftest import EMAIL, NEEDLES, tables_mentioning

pytestmark = pytest.mark.django_db


def report_rows(client, name, key):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.context[key]


def erase_in_admin(client, person, confirm=EMAIL):
    return client.post(reverse("privacy_erase_user", args=[person.pk]), {"confirm_email": confirm})


def test_erasure_leaves_no_trace_of_the_person_and_keeps_the_counts(
    client, everything, person, other_learner, admin_user, django_capture_on_commit_callbacks, mailoutbox
):
    before = tables_mentioning(NEEDLES)
    # The search is real: the person's name and address are found where the site keeps them.
    assert {
        "home_user",
        "account_emailaddress",
        "socialaccount_socialaccount",
        "courses_reflectionanswer",
        "courses_certificate",
        "erfa_experiencepost",
        "initiatives_initiative",
        "initiatives_changerecord",
        "initiatives_ripple",
        "wagtailcore_comment",
        "wagtailcore_modellogentry",
        "django_admin_log",
    } <= set(before)
    counts = lambda: (  # noqa: E731
        CourseEnrollment.objects.count(),
        LessonCompletion.objects.count(),
        QuizAttempt.objects.count(),
        Certificate.objects.count(),
        CourseAssignment.objects.count(),
        SignUp.objects.filter(day=everything["past_day"]).count(),
    )
    counts_before = counts()
    assert all(counts_before)
    client.force_login(admin_user)
    completion_before = report_rows(client, "courses_report_completion", "table")
    assert completion_before[0]["district"] == person.district.name
    assignments_before = report_rows(client, "courses_report_assignments", "rows")

    with django_capture_on_commit_callbacks(execute=True):
        response = erase_in_admin(client, person)
    assert response.status_code == 302

    assert tables_mentioning(NEEDLES) == {}
    assert counts() == counts_before
    assert report_rows(client, "courses_report_completion", "table") == completion_before
    assert report_rows(client, "courses_report_assignments", "rows") == assignments_before
    learners = client.get(reverse("courses_report_learners")).content.decode()
    assert "Slettet bruger" in learners

    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert not person.groups.exists()
    assert not ExperiencePost.objects.filter(author=person).exists()
    # Her place on the coming day went to the first on the waiting list, who was told.
    assert (
        SignUp.objects.get(day=everything["coming_day"], user=other_learner).status == SignUp.Status.CONFIRMED
    )
    assert not SignUp.objects.filter(day=everything["coming_day"], user=person).exists()
    assert any(other_learner.email in message.to for message in mailoutbox)
    initiative = Initiative.objects.get(pk=everything["initiative"].pk)
    assert initiative.anchor_person is None
    assert not initiative.memberships.filter(user=person).exists()
    assert ChangeRecord.objects.filter(summary="Inviterede Slettet bruger i arbejdsgruppen").exists()


def test_the_erased_person_is_signed_out_everywhere(client, everything, person, admin_user):
    from django.test import Client

    theirs = Client()
    theirs.force_login(person)
    assert theirs.get(reverse("privacy:my_data")).status_code == 200
    client.force_login(admin_user)
    erase_in_admin(client, person)
    response = theirs.get(reverse("privacy:my_data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_admin_asks_for_the_address_before_erasing(client, everything, person, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("privacy_erase_user", args=[person.pk]))
    assert page.status_code == 200
    assert "Refleksioner: 1" in page.content.decode()
    response = erase_in_admin(client, person, confirm="forkert@politi.dk")
    assert response.status_code == 400
    assert "Intet er slettet" in response.content.decode()
    person.refresh_from_db()
    assert person.email == EMAIL and person.is_active
    assert not Erasure.objects.exists()


def test_nobody_erases_themselves(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("privacy_erase_user", args=[admin_user.pk]), {"confirm_email": admin_user.email}
    )
    assert "Du kan ikke slette dine egne persondata" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active and not Erasure.objects.exists()


def test_a_second_erasure_says_so_and_changes_nothing(client, everything, person, admin_user):
    client.force_login(admin_user)
    erase_in_admin(client, person)
    erased = User.objects.get(pk=person.pk)
    response = erase_in_admin(client, erased, confirm=erased.email)
    assert "er allerede slettet" in response.content.decode()
    assert Erasure.objects.count() == 1
    with pytest.raises(CommandError, match="allerede slettet"):
        call_command("erase_user", str(person.pk), "--yes")


def test_a_missing_user_is_a_clear_message(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("privacy_erase_user", args=[987654])).status_code == 404
    with pytest.raises(CommandError, match="Ingen bruger med e-mail eller id 'ingen@politi.dk'"):
        call_command("erase_user", "ingen@politi.dk", "--yes")


def test_only_administrators_erase(client, everything, person, moderator, editor):
    for someone in (moderator, editor):
        client.force_login(someone)
        response = erase_in_admin(client, person)
        # Wagtail turns the refusal into a redirect to the dashboard with its no-permission message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Erasure.objects.exists()
    assert User.objects.get(pk=person.pk).email == EMAIL


def test_the_command_erases_after_confirmation(everything, person, monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda prompt: "nej")
    with pytest.raises(CommandError, match="Ikke bekræftet"):
        call_command("erase_user", EMAIL)
    assert not Erasure.objects.exists()
    monkeypatch.setattr("builtins.input", lambda prompt: EMAIL)
    call_command("erase_user", EMAIL)
    assert "Gunnhild Zackariassen er slettet" in capsys.readouterr().out
    assert tables_mentioning(NEEDLES) == {}


def test_the_users_list_offers_the_erasure_to_administrators(client, person, admin_user, editor):
    client.force_login(admin_user)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("privacy_erase_user", args=[person.pk]) in listing
    assert reverse("privacy_erase_user", args=[admin_user.pk]) not in listing


NEW_LAST_NAME = "Vestergaard"
NEW_EMAIL = "gunnhild.vestergaard@politi.dk"


def rename(person):
    # Single sign-on (or an administrator) gives her the name she now goes by.
    person.last_name = NEW_LAST_NAME
    person.email = NEW_EMAIL
    person.save()


def test_erasure_finds_the_names_the_person_had_before_a_rename(
    client, everything, person, other_learner, admin_user, django_capture_on_commit_callbacks
):
    # A colleague noted her under the name she had then.
    colleagues = Ripple.objects.create(
        initiative=everything["initiative"],
        noticed_on=timezone.localdate(),
        noticed_by="Søren og Gunnhild Zackariassen",
        description="Beboerne kom selv med forslag",
        recorded_by=other_learner,
    )
    rename(person)
    assert person.names_carried() == ["Gunnhild Vestergaard", NEW_EMAIL, "Gunnhild Zackariassen", EMAIL]

    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = erase_in_admin(client, person, confirm=NEW_EMAIL)
    assert response.status_code == 302

    colleagues.refresh_from_db()
    assert colleagues.noticed_by == "Søren og Slettet bruger"
    # No table keeps any of her names or addresses, the earlier ones (and the record of them) too.
    assert tables_mentioning([*NEEDLES, NEW_LAST_NAME, NEW_EMAIL]) == {}


def test_a_rename_keeps_the_earlier_name_and_address_and_nothing_else(person):
    rename(person)
    person.first_name = "Gunn"
    person.save()
    person.last_login = timezone.now()
    person.save(update_fields=["last_login"])
    person.save()  # nothing changed
    assert list(person.former_names.values_list("kind", "value")) == [
        ("name", "Gunnhild Zackariassen"),
        ("email", EMAIL),
        ("name", "Gunnhild Vestergaard"),
    ]
