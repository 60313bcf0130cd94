"""Pages are found in two queries whatever their depth (after Wagtail's own site and home page),
and the caches behind that never serve a page that is gone, moved, unpublished or restricted."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.roles import EDITORS
from home.routing import ViewRestrictionCacheMixin
from tests.conftest import add_page as publish
from toolbox.models import PhasePage, ToolboxPage, ToolPage


@pytest.fixture
def tool(home_page):
    toolbox = publish(
        home_page, ToolboxPage(title="Værktøjskassen", slug="vaerktoejskassen", intro="<p>Metoden.</p>")
    )
    phase = publish(
        toolbox,
        PhasePage(
            title="Opstart",
            slug="opstart",
            number=1,
            summary="Første fase.",
            purpose="<p>Formålet med opstart.</p>",
            run_by="arbejdsgruppe",
        ),
    )
    return publish(
        phase,
        ToolPage(
            title="Ankerperson",
            slug="ankerperson",
            summary="Hvem er ankerperson.",
            purpose="<p>Formål.</p>",
            steps=[{"type": "step", "value": {"title": "Trin", "text": "<p>Gør det.</p>", "tip": ""}}],
        ),
    )


def queries_for(client, url):
    client.get(url)  # a running site has warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, queries


def test_a_page_three_levels_down_is_routed_with_two_page_queries(client_learner, tool):
    response, queries = queries_for(client_learner, "/vaerktoejskassen/opstart/ankerperson/")

    assert response.status_code == 200
    assert "Ankerperson" in response.text
    sql = [q["sql"] for q in queries.captured_queries]
    # One lookup by URL path, not Wagtail's child-by-slug lookup per level.
    assert len([q for q in sql if '"wagtailcore_page"."url_path" IN' in q]) == 1
    assert not [q for q in sql if '"wagtailcore_page"."slug" = ' in q]
    assert not [q for q in sql if "wagtailcore_pageviewrestriction" in q]
    # Wagtail's own look-ups before it routes from the home page, once each.
    assert len([q for q in sql if 'FROM "wagtailcore_site"' in q]) == 1
    assert len([q for q in sql if 'FROM "wagtailcore_locale"' in q]) <= 1


def test_unknown_and_unpublished_pages_are_404(client_learner, tool):
    assert client_learner.get("/vaerktoejskassen/opstart/findes-ikke/").status_code == 404
    assert client_learner.get("/findes-ikke/ankerperson/").status_code == 404
    assert client_learner.get("/vaerktoejskassen/opstart/ankerperson/mere/").status_code == 404

    assert client_learner.get(tool.url).status_code == 200
    tool.unpublish()
    assert client_learner.get("/vaerktoejskassen/opstart/ankerperson/").status_code == 404


def test_a_live_page_below_an_unpublished_page_is_still_served_as_wagtail_does(client_learner, tool):
    tool.get_parent().specific.unpublish()
    assert client_learner.get("/vaerktoejskassen/opstart/").status_code == 404
    assert client_learner.get("/vaerktoejskassen/opstart/ankerperson/").status_code == 200


def test_a_renamed_page_moves_to_its_new_address_at_once(client_learner, tool):
    assert client_learner.get("/vaerktoejskassen/opstart/ankerperson/").status_code == 200

    tool.slug = "tovholder"
    tool.save_revision().publish()

    assert client_learner.get("/vaerktoejskassen/opstart/ankerperson/").status_code == 404
    assert client_learner.get("/vaerktoejskassen/opstart/tovholder/").status_code == 200


def test_a_page_moved_elsewhere_is_served_at_its_new_address(client_learner, tool, home_page):
    assert client_learner.get("/vaerktoejskassen/opstart/ankerperson/").status_code == 200

    tool.move(tool.get_parent().get_parent(), pos="last-child")

    # Wagtail leaves a permanent redirect at the old address.
    old = client_learner.get("/vaerktoejskassen/opstart/ankerperson/")
    assert (old.status_code, old.headers["Location"]) == (301, "/vaerktoejskassen/ankerperson/")
    assert client_learner.get("/vaerktoejskassen/ankerperson/").status_code == 200


def test_a_restriction_added_after_the_page_was_cached_keeps_non_members_out(
    client_learner, client, tool, editor
):
    phase = tool.get_parent()
    assert client_learner.get(tool.url).status_code == 200  # "no restrictions" is now cached

    restriction = PageViewRestriction.objects.create(page=phase, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=EDITORS))

    refused = client_learner.get(tool.url)
    assert refused.status_code != 200
    assert "Ankerperson" not in refused.text

    client.force_login(editor)
    assert client.get(tool.url).status_code == 200

    restriction.delete()
    assert client_learner.get(tool.url).status_code == 200


def test_the_english_home_page_is_served_under_en(client_learner, home_page, english):
    english_home = home_page.copy_for_translation(english)
    english_home.save_revision().publish()

    response = client_learner.get("/en/")

    assert response.status_code == 200
    assert response.context["page"].pk == english_home.pk


def test_every_page_type_remembers_that_it_has_no_view_restrictions():
    # Without the mixin a page type still works, but pays two queries on every view.
    page_types = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label != "wagtailcore"
    ]
    assert page_types
    assert [m.__name__ for m in page_types if not issubclass(m, ViewRestrictionCacheMixin)] == []
