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
    assert match["fuzziness"] == "AUTO"  # typos forgiven
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


def test_mappings_hold_the_phase_of_experiences_and_the_phases_of_cases(es_backend):
    from cases.models import CasePage
    from erfa.models import ExperiencePost

    post_mapping = es_backend.mapping_class(ExperiencePost).get_mapping()["properties"]
    assert post_mapping["phase_id_filter"] == {"type": "integer"}
    case_mapping = es_backend.mapping_class(CasePage).get_mapping()["properties"]
    assert case_mapping["cases_casepage__search_phase_ids_filter"] == {"type": "integer"}


def test_case_document_lists_the_phases_it_illustrates(es_backend, home_page, phases):
    from cases.models import CaseIndexPage, CasePhaseLink
    from tests.cases.conftest import make_case

    index = CaseIndexPage(title="Cases", slug="cases")
    home_page.add_child(instance=index)
    case = make_case(index, "Fri for Indbrud")
    case.phase_links = [CasePhaseLink(phase=phases[0]), CasePhaseLink(phase=phases[1])]
    case.save()

    document = es_backend.mapping_class(type(case)).get_document(case)

    assert document["cases_casepage__search_phase_ids_filter"] == [phases[0].pk, phases[1].pk]


def test_phase_filter_covers_cases_and_experiences_in_every_language(learner, es_backend, phases):
    """Cases by their linked phases, experience posts by their phase and tools by the tree: the
    phase chosen on the English site (pk 108) also matches links to its Danish original (pk 8)."""
    site_search = SiteSearch(learner)
    site_search.backend = es_backend
    by_key = site_search.types_by_key
    sources = [
        (site_search.visible_pages(), site_search.page_types()),
        (site_search.visible_objects(by_key["experience"]), [by_key["experience"]]),
    ]
    request = SearchRequest(query="indbrud", phase=108)
    phases_of_locale = [{"pk": 108, "path": "000100010005"}]

    body = elasticsearch.build_search(
        es_backend,
        sources,
        "indbrud",
        "and",
        request=request,
        phases=phases_of_locale,
        start=0,
        stop=10,
        phase_aliases={8: 108, 108: 108},
    ).to_dict()

    (phase_filter,) = body["post_filter"]["bool"]["filter"]
    assert phase_filter == {
        "bool": {
            "should": [
                {"terms": {"cases_casepage__search_phase_ids_filter": [8, 108]}},
                {"terms": {"phase_id_filter": [8, 108]}},
                {"prefix": {"path_filter": "000100010005"}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert body["aggs"]["phase__cases_casepage__search_phase_ids_filter"] == {
        "terms": {"field": "cases_casepage__search_phase_ids_filter", "size": 100}
    }
    assert body["aggs"]["phase__phase_id_filter"] == {"terms": {"field": "phase_id_filter", "size": 100}}


def test_phase_buckets_count_for_the_phase_of_the_active_language(learner, es_backend, phases):
    site_search = SiteSearch(learner)
    raw = {
        "hits": {"total": {"value": 3, "relation": "eq"}, "hits": []},
        "aggregations": {
            "phase__cases_casepage__search_phase_ids_filter": {
                "buckets": [{"key": 8, "doc_count": 2}, {"key": 9, "doc_count": 1}]
            },
            "phase__phase_id_filter": {"buckets": [{"key": 8, "doc_count": 1}]},
            "phase_tree": {"buckets": {"108": {"doc_count": 4}}},
        },
    }
    response = Response(Search(), raw)

    _entries, counts = elasticsearch.read_response(response, site_search.types, {8: 108, 9: 109})

    assert counts["phase"] == {108: 2 + 1 + 4, 109: 1}


def test_district_filter_uses_the_case_documents_district_column(learner, es_backend, district):
    site_search = SiteSearch(learner)
    site_search.backend = es_backend
    sources = [(site_search.visible_pages(), site_search.page_types())]
    request = SearchRequest(query="indbrud", district=district.pk)

    body = elasticsearch.build_search(
        es_backend, sources, "indbrud", "and", request=request, phases=[], start=0, stop=10
    ).to_dict()

    assert body["post_filter"]["bool"]["filter"] == [
        {
            "bool": {
                "should": [{"term": {"cases_casepage__district_id_filter": district.pk}}],
                "minimum_should_match": 1,
            }
        }
    ]
    assert body["aggs"]["district__cases_casepage__district_id_filter"] == {
        "terms": {"field": "cases_casepage__district_id_filter", "size": 100}
    }
