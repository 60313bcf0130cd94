"""Listings hide what the reader may not open: a case restricted to the editors' group is not on
the case index, in "what's new", or in a phase's tool list for a learner, however the cached
fragments were filled; and its English translation is as restricted as the Danish page."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from home.roles import EDITORS
from toolbox.models import PhasePage, ToolboxPage, ToolPage

from .conftest import make_case

pytestmark = pytest.mark.django_db

SECRET = "Hjørring – Fri for Indbrud"


def restrict_to_editors(page):
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=page.pk), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=EDITORS))
    return restriction


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def cases(case_index, themes, actors):
    publish(case_index)
    open_case = publish(make_case(case_index, "Et trygt natteliv i Aalborg", summary="Åben for alle."))
    secret = publish(make_case(case_index, SECRET, summary="Kun for redaktørerne."))
    restrict_to_editors(secret)
    return open_case, secret


def test_the_case_index_hides_a_restricted_case_whoever_filled_the_cache(client, editor, learner, cases):
    client.force_login(editor)  # fills the facts and card fragments first
    assert SECRET in client.get("/cases/").text
    client.force_login(learner)
    html = client.get("/cases/").text
    assert "Et trygt natteliv i Aalborg" in html
    assert SECRET not in html and "Kun for redaktørerne." not in html
    assert client.get(cases[1].url).status_code == 403  # the page itself refuses the learner too
    client.force_login(editor)
    assert SECRET in client.get("/cases/").text


def test_whats_new_on_the_home_page_hides_a_restricted_case(client, editor, learner, cases):
    client.force_login(editor)
    assert SECRET in client.get("/").text
    client.force_login(learner)
    assert SECRET not in client.get("/").text


def test_the_english_translation_of_a_restricted_case_is_restricted(client, learner, editor, cases, english):
    secret = cases[1]
    english_home = Page.objects.get(depth=2, locale__language_code="da").copy_for_translation(english)
    publish(english_home)
    english_index = secret.get_parent().copy_for_translation(english)
    publish(english_index)
    english_secret = publish(secret.copy_for_translation(english))
    client.force_login(learner)
    assert client.get(english_secret.url).status_code == 403
    assert SECRET not in client.get(english_index.url).text
    client.force_login(editor)
    assert client.get(english_secret.url).status_code == 200


def test_a_phase_page_lists_only_the_tools_the_reader_may_open(client, editor, learner, home_page):
    toolbox = ToolboxPage(title="Værktøjskassen", slug="vaerktoejskassen", intro="<p>Metoden.</p>")
    home_page.add_child(instance=toolbox)
    publish(toolbox)
    phase = PhasePage(
        title="Opstart",
        slug="opstart",
        number=1,
        summary="Første fase.",
        purpose="<p>Formål.</p>",
        run_by="arbejdsgruppe",
    )
    toolbox.add_child(instance=phase)
    publish(phase)
    for title, slug in [("Ankerperson", "ankerperson"), ("Hemmeligt værktøj", "hemmeligt")]:
        tool = ToolPage(
            title=title,
            slug=slug,
            summary=f"Om {title}.",
            purpose="<p>Formål.</p>",
            steps=[{"type": "step", "value": {"title": "Trin", "text": "<p>Gør det.</p>", "tip": ""}}],
        )
        phase.add_child(instance=tool)
        publish(tool)
    restrict_to_editors(ToolPage.objects.get(slug="hemmeligt"))
    client.force_login(editor)
    assert "Hemmeligt værktøj" in client.get(phase.url).text
    client.force_login(learner)
    html = client.get(phase.url).text
    assert "Ankerperson" in html and "Hemmeligt værktøj" not in html
