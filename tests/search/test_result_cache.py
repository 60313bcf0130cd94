"""Search outcomes are cached per query, but a change to what may be found shows at once."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction


def titles(client, q):
    return [hit.title for hit in client.get(reverse("search"), {"q": q}).context["outcome"].hits]


def test_a_repeated_search_is_answered_from_the_cache(client_learner, page_type, make_page):
    make_page("Ankerpersonens rolle", intro="<p>Ankerpersonen holder sammen på indsatsen.</p>")
    assert titles(client_learner, "ankerperson") == ["Ankerpersonens rolle"]

    with CaptureQueriesContext(connection) as queries:
        assert titles(client_learner, "ankerperson") == ["Ankerpersonens rolle"]
    assert not [q for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]


def test_a_page_published_or_unpublished_after_a_search_shows_in_the_next_one(
    client_learner, page_type, make_page
):
    make_page("Ankerpersonens rolle")
    assert titles(client_learner, "ankerperson") == ["Ankerpersonens rolle"]

    newer = make_page("Ankerpersonens første år")
    assert set(titles(client_learner, "ankerperson")) == {"Ankerpersonens rolle", "Ankerpersonens første år"}

    newer.unpublish()
    assert titles(client_learner, "ankerperson") == ["Ankerpersonens rolle"]


def test_a_restriction_added_after_a_search_hides_the_page_at_once(client_learner, page_type, make_page):
    secret = make_page("Fortrolig indsats mod rockere")
    assert titles(client_learner, "rockere") == ["Fortrolig indsats mod rockere"]

    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Redaktører"))

    assert titles(client_learner, "rockere") == []


def test_a_promotion_added_after_a_search_shows_at_once(client_learner, page_type, make_page):
    make_page("Ankerpersonens rolle")
    promoted = make_page("Kom godt i gang med co-creation")
    response = client_learner.get(reverse("search"), {"q": "ankerperson"})
    assert response.context["outcome"].promoted == []

    SearchPromotion.objects.create(query=Query.get("ankerperson"), page=promoted, sort_order=0)

    response = client_learner.get(reverse("search"), {"q": "ankerperson"})
    assert "Kom godt i gang med co-creation" in [hit.title for hit in response.context["outcome"].promoted]
