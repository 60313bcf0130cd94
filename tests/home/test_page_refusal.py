"""A clear refusal (home/page_refusal.py): a signed-in reader outside a page's group restriction
gets a 403 page in the site's design that names whom to ask and says nothing of the page itself,
in Danish and in English, also on the English translation of a restricted Danish page. An
anonymous reader goes to the sign-in page; a member of the group reads the page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from tests.conftest import add_page, restrict_to_group, translate_to_english
from toolbox.models import ToolPage

pytestmark = pytest.mark.django_db

TITLE = "Fortroligt analysenotat"
SUMMARY = "Kilder og fund fra rockersagen."


def add_secret_tool(phase, **fields):
    return add_page(
        phase,
        ToolPage(
            title=TITLE,
            slug="analysenotat",
            summary=SUMMARY,
            purpose="<p>Hvem der er kilde i sagen.</p>",
            steps=[{"type": "step", "value": {"title": "Trin", "text": "<p>Gør sådan.</p>", "tip": ""}}],
            **fields,
        ),
    )


@pytest.fixture
def analysts(db):
    return Group.objects.create(name="Analytikere")


@pytest.fixture
def secret_tool(phases, analysts, editor):
    tool = add_secret_tool(phases[0], content_owner=editor)
    restrict_to_group(tool, analysts)
    return tool


def assert_refused_without_a_word_of_the_page(response):
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="site-header"' in html and 'class="site-footer"' in html  # the site's design
    assert TITLE not in html and SUMMARY not in html and "rockersagen" not in html
    assert "Hvem der er kilde" not in html
    assert "no-cache" in response["Cache-Control"]
    return html


def test_a_signed_in_reader_outside_the_group_gets_a_403_that_names_the_responsible_editor(
    client_learner, secret_tool
):
    html = assert_refused_without_a_word_of_the_page(client_learner.get(secret_tool.url))

    assert "Du har ikke adgang" in html
    assert "forbeholdt en bestemt gruppe" in html
    assert "Lea Dalgaard" in html and 'href="mailto:redaktoer@politi.dk"' in html


def test_without_a_responsible_editor_the_refusal_names_the_page_owner_or_the_editors(
    client_learner, phases, analysts, specialist
):
    owned = add_secret_tool(phases[0], owner=specialist)
    restrict_to_group(owned, analysts)
    html = assert_refused_without_a_word_of_the_page(client_learner.get(owned.url))
    assert "Karin Munk" in html and "specialist@politi.dk" in html

    orphan = ToolPage(title="Andet notat", slug="andet-notat", summary="Kort.", purpose="<p>Formål.</p>")
    add_page(phases[1], orphan)
    restrict_to_group(orphan, analysts)
    html = client_learner.get(orphan.url).content.decode()
    assert "spørg redaktørerne" in html and "Andet notat" not in html


def test_the_english_translation_of_a_restricted_page_refuses_in_english(
    client_learner, secret_tool, phases, analysts, editor, english
):
    english_tool = translate_to_english(secret_tool, english)  # made after the Danish restriction
    assert english_tool.url.startswith("/en/")

    html = assert_refused_without_a_word_of_the_page(client_learner.get(english_tool.url))
    assert "You do not have access" in html and "restricted to a particular group" in html
    assert "Lea Dalgaard" in html and "redaktoer@politi.dk" in html


def test_an_english_page_translated_before_the_restriction_is_refused_too(
    client_learner, phases, analysts, english
):
    tool = add_secret_tool(phases[0])
    english_tool = translate_to_english(tool, english)
    restrict_to_group(tool, analysts)  # on the Danish page only

    assert_refused_without_a_word_of_the_page(client_learner.get(english_tool.url))


@pytest.mark.parametrize("language", ["da", "en"])
def test_an_anonymous_reader_goes_to_the_sign_in_page(client, secret_tool, english, language):
    url = secret_tool.url
    if language == "en":
        url = translate_to_english(secret_tool, english).url

    response = client.get(url)

    assert response.status_code == 302
    with translation.override(language):
        login = reverse("account_login")
    assert response["Location"].startswith(login) and "next=" in response["Location"]
    assert "_util" not in response["Location"]


def test_a_member_of_the_group_reads_the_page(client, other_learner, analysts, secret_tool, english):
    english_tool = translate_to_english(secret_tool, english)
    other_learner.groups.add(analysts)
    client.force_login(other_learner)

    response = client.get(secret_tool.url)
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert client.get(english_tool.url).status_code == 200
