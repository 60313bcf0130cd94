import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.models import HomePage

pytestmark = pytest.mark.django_db


def make_pages(home_page, count):
    for number in range(count):
        page = HomePage(
            title=f"Borgermøde om tryghed {number}", intro="<p>Tryghed i boligområdet.</p>", live=True
        )
        home_page.add_child(instance=page)  # saving a live page indexes it


def queries_for_search(client):
    # The first request after a publish rebuilds the cached menu and the search's page facts;
    # measure a search nobody has made before on the site as it then stands (its outcome cannot
    # come from the cache).
    client.get(reverse("search"), {"q": "boligområdet"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search"), {"q": "tryghed"})
    assert response.status_code == 200
    assert not response.context["outcome"].corrected_query
    return len(queries), response.context["outcome"].count


def test_search_page_query_count_is_the_same_for_5_and_500_matches(client_learner, page_type, home_page):
    make_pages(home_page, 5)
    few, count = queries_for_search(client_learner)
    assert count == 5

    make_pages(home_page, 495)
    many, count = queries_for_search(client_learner)
    assert count == 500

    assert few == many
    assert many <= 12
