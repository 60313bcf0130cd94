"""The Elasticsearch 8 path, without a server: the settings, the DSL request it builds (as a
dictionary) and how a response becomes hits; plus an integration test when ELASTICSEARCH_URL is
set (then the whole suite runs against Elasticsearch, see config/settings/base.py)."""

import os
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response
from modelsearch.backends import get_search_backend as backend_from_path
from wagtail.models import PageViewRestriction

from search import elasticsearch
from search.service import SearchRequest, SiteSearch

pytestmark = pytest.mark.django_db

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"


@pytest.fixture
def es_backend():
    # Creating the client does not connect; nothing here talks to a server.
    return backend_from_path(
        "wagtail.search.backends.elasticsearch8", URLS=["http://localhost:9200"], INDEX_PREFIX="cocreation_"
    )


@pytest.fixture
def es_search(learner, es_backend, page_type):
    site_search = SiteSearch(learner)
    site_search.backend = es_backend
    return site_search


def build(site_search, **request_fields):
    request = SearchRequest(query="indbrud", **request_fields)
    sources = [(site_search.visible_pages(), site_search.page_types())]
    search = elasticsearch.build_search(
        site_search.backend, sources, request.query, "and", request=request, phases=[], start=10, stop=20
    )
    return search.to_dict(), search


def test_settings_use_the_danish_analyzer_when_elasticsearch_is_configured(monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://search.internal:9200")
    values = runpy.run_path(str(SETTINGS))
    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert backend["URLS"] == ["http://search.internal:9200"]
    assert backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"] == {"type": "danish"}


def test_index_settings_merge_the_danish_default_into_wagtails_analyzers():
    backend = backend_from_path(
        "wagtail.search.backends.elasticsearch8",
        URLS=["http://localhost:9200"],
        INDEX_SETTINGS={"settings": {"analysis": {"analyzer": {"default": {"type": "danish"}}}}},
    )
    analyzers = backend.settings["settings"]["analysis"]["analyzer"]
    assert analyzers["default"] == {"type": "danish"}
    assert "edgengram_analyzer" in analyzers  # autocomplete keeps Wagtail's own analyzer


def test_request_matches_all_words_on_live_pages_in_the_active_locale(es_search):
    body, search = build(es_search)

    assert search._index == ["cocreation_wagtailcore_page"]
    (source,) = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    match = source["bool"]["must"][0]["multi_match"]
    assert match["query"] == "indbrud"
    assert match["operator"] == "and"
    filters = str(source["bool"]["filter"])
    assert "'live_filter': True" in filters
    assert "locale_id_filter" in filters
    assert body["from"] == 10 and body["size"] == 10
    assert body["track_total_hits"] is True


def test_request_excludes_sections_the_user_may_not_view(learner, es_backend, page_type, make_page):
    secret = make_page("Fortrolig indsats")
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Redaktører"))
    site_search = SiteSearch(learner)
    site_search.backend = es_backend

    body, _search = build(site_search)

    filters = str(body["query"]["bool"]["should"][0]["bool"]["filter"])
    assert "must_not" in filters
    assert f"'path_filter': '{secret.path}'" in filters


def test_filters_go_to_the_post_filter_so_facets_count_every_match(es_search):
    body, _search = build(es_search, types=("case",))

    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"_django_content_type": ["home.HomePage"]}}]}
    }
    assert body["aggs"]["type"] == {"terms": {"field": "_django_content_type", "size": 100}}


def test_phase_facet_counts_pages_below_each_phase(es_search):
    request = SearchRequest(query="indbrud", phase=7)
    phases = [{"pk": 7, "path": "000100010003"}, {"pk": 8, "path": "000100010004"}]
    sources = [(es_search.visible_pages(), es_search.page_types())]
    body = elasticsearch.build_search(
        es_search.backend, sources, "indbrud", "and", request=request, phases=phases, start=0, stop=10
    ).to_dict()

    assert body["aggs"]["phase_tree"]["filters"]["filters"]["7"] == {
        "prefix": {"path_filter": "000100010003"}
    }
    assert {"prefix": {"path_filter": "000100010003"}} in body["post_filter"]["bool"]["filter"][0]["bool"][
        "should"
    ]


def test_highlights_use_the_markers_that_are_escaped_before_marking(es_search):
    body, _search = build(es_search)

    assert body["highlight"]["pre_tags"] == ["⟦"]
    assert body["highlight"]["post_tags"] == ["⟧"]
    assert body["_source"] == ["_django_content_type", "pk"]


def test_response_becomes_hits_with_safe_snippets_and_facets(
    client_learner, es_backend, page_type, make_page
):
    page = make_page("Indbrud i sommerhuse", "<p>Nabohjælp mod indbrud.</p>")
    raw = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_index": "cocreation_wagtailcore_page",
                    "_id": f"wagtailcore.Page:{page.pk}",
                    "_score": 3.2,
                    "_source": {
                        "pk": str(page.pk),
                        "_django_content_type": ["home.HomePage", "wagtailcore.Page"],
                    },
                    "highlight": {"home_homepage__intro": ["Nabohjælp <b>mod</b> ⟦indbrud⟧."]},
                }
            ],
        },
        "aggregations": {"type": {"buckets": [{"key": "home.HomePage", "doc_count": 1}]}},
    }

    def execute(search):
        return Response(search, raw)

    with (
        mock.patch("search.service.get_search_backend", return_value=es_backend),
        mock.patch.object(Search, "execute", execute),
    ):
        response = client_learner.get(reverse("search"), {"q": "indbrud"})

    outcome = response.context["outcome"]
    assert outcome.count == 1
    (hit,) = outcome.hits
    assert hit.title == "Indbrud i sommerhuse"
    assert str(hit.snippet) == "Nabohjælp &lt;b&gt;mod&lt;/b&gt; <mark>indbrud</mark>."
    assert outcome.facets["type"][0].count == 1


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL")
def test_against_a_real_elasticsearch(client_learner, page_type, make_page):
    from django.core.management import call_command

    make_page("Indbrud i sommerhuse", "<p>Naboerne holder øje med husene om vinteren.</p>")
    make_page("Netværksmøde", "<p>Et møde om noget andet.</p>")
    call_command("update_index", verbosity=0)

    response = client_learner.get(reverse("search"), {"q": "indbruddene"})  # Danish stemming

    outcome = response.context["outcome"]
    assert [hit.title for hit in outcome.hits] == ["Indbrud i sommerhuse"]
    assert outcome.facets["type"][0].count == 1
