import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_search_finds_page_by_title_with_highlighted_snippet(client_learner, page_type, make_page):
    make_page("Tryghedsvandring i Vollsmose", "<p>Borgere og politi går sammen en tur om aftenen.</p>")
    make_page("Netværksmøde", "<p>Et møde uden det søgte ord.</p>")

    response = client_learner.get(reverse("search"), {"q": "tryghedsvandring"})

    assert response.status_code == 200
    hits = response.context["outcome"].hits
    assert [hit.title for hit in hits] == ["Tryghedsvandring i Vollsmose"]
    assert hits[0].type_label == "Case"
    content = response.content.decode()
    assert "Tryghedsvandring i Vollsmose" in content
    assert "1 resultat for" in content


def test_snippet_marks_the_matched_word_and_escapes_content(client_learner, page_type, make_page):
    make_page("Hærværk", "<p>Naboerne &amp; politiet mødes. &lt;script&gt;alert(1)&lt;/script&gt;</p>")

    response = client_learner.get(reverse("search"), {"q": "naboerne"})

    snippet = str(response.context["outcome"].hits[0].snippet)
    assert "<mark>Naboerne</mark>" in snippet
    assert "&amp; politiet" in snippet
    assert "<script" not in snippet
    assert "<mark>" in response.content.decode()


def test_unpublished_page_never_appears(client_learner, page_type, make_page):
    make_page("Kladde om ankerpersoner", live=False)

    response = client_learner.get(reverse("search"), {"q": "ankerpersoner"})

    assert response.context["outcome"].count == 0
    assert "Kladde om ankerpersoner" not in response.content.decode()


def test_group_restricted_page_is_hidden_from_non_members_even_its_title(
    client, learner, editor, page_type, make_page
):
    secret = make_page("Fortrolig indsats mod rockere")
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Redaktører"))
    make_page("Underside", parent=secret, intro="<p>Rockere nævnt igen.</p>")

    client.force_login(learner)
    for url in (reverse("search"), reverse("search_api"), reverse("search_autocomplete")):
        response = client.get(url, {"q": "rockere"})
        assert response.status_code == 200
        assert "Fortrolig" not in response.content.decode()
        assert "Underside" not in response.content.decode()

    client.force_login(editor)
    response = client.get(reverse("search"), {"q": "rockere"})
    assert {hit.title for hit in response.context["outcome"].hits} == {
        "Fortrolig indsats mod rockere",
        "Underside",
    }


def test_anonymous_is_sent_to_login_from_search_page(client):
    response = client.get(reverse("search"), {"q": "indbrud"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_api_needs_login_and_answers_401_json(client):
    response = client.get(reverse("search_api"), {"q": "indbrud"})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_api_returns_results_and_facets(client_learner, page_type, make_page):
    make_page("Indbrud i sommerhuse", "<p>Nabohjælp mod indbrud.</p>")

    data = client_learner.get(reverse("search_api"), {"q": "indbrud"}).json()

    assert data["count"] == 1
    result = data["results"][0]
    assert result["title"] == "Indbrud i sommerhuse"
    assert result["type"] == "case"
    assert result["locale"] == "da"
    assert result["url"].startswith("http://testserver/")
    assert "<mark>" in result["snippet"]
    assert data["facets"]["type"] == [{"value": "case", "label": "Case", "count": 1}]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 1000},
        {"q": "indbrud " * 200},
        {"q": '"indbrud'},
        {"q": "indbrud AND NOT (tyveri OR"},
        {"q": "indbrud & | ! :* <-> '"},
        {"q": "NEAR(indbrud tyveri)"},
        {"q": "*"},
        {"q": "indbrud", "page": "-1"},
        {"q": "indbrud", "page": "abc"},
        {"q": "indbrud", "page": "99999"},
        {"q": "indbrud", "type": "nonsense"},
        {"q": "indbrud", "phase": "abc", "district": "-3"},
    ],
)
def test_bad_input_gets_a_normal_answer(client_learner, page_type, make_page, params):
    make_page("Indbrud i sommerhuse", "<p>Nabohjælp mod indbrud.</p>")

    for url in (reverse("search"), reverse("search_api"), reverse("search_autocomplete")):
        response = client_learner.get(url, params)
        assert response.status_code == 200, url


def test_a_nul_in_the_query_is_refused_with_a_message(client_learner):
    # PostgreSQL refuses NUL in text; the site answers 400 before search sees it (home.middleware).
    for url in (reverse("search"), reverse("search_api"), reverse("search_autocomplete")):
        response = client_learner.get(url, {"q": "\x00indbrud"})
        assert response.status_code == 400 and "Ugyldige tegn" in response.text, url


@pytest.mark.parametrize(
    ("params", "count", "page"),
    [
        ({"q": ""}, 0, 1),
        ({"q": "   "}, 0, 1),
        ({"q": "x" * 1000}, 0, 1),
        # Cut to 200 characters; no page has both words, so the any-word retry finds the one.
        ({"q": "sommerhuse " + "x" * 1000}, 1, 1),
        ({"q": ("sommerhuse " * 100)[:1000]}, 1, 1),
        ({"q": '"sommerhuse" OR (indbrud AND NOT'}, 1, 1),
        ({"q": "sommerhuse", "page": "-1"}, 1, 1),
        ({"q": "sommerhuse", "page": "abc"}, 1, 1),
        ({"q": "sommerhuse", "page": "0"}, 1, 1),
        ({"q": "sommerhuse", "type": "nonsense"}, 1, 1),
        ({"q": "sommerhuse", "type": ["nonsense", "case"]}, 1, 1),
    ],
)
def test_bad_input_gets_the_normal_answer_from_page_and_api(
    client_learner, page_type, make_page, params, count, page
):
    """Not just no 500: the page and the API answer as if the bad part had not been sent."""
    make_page("Indbrud i sommerhuse", "<p>Nabohjælp mod indbrud.</p>")

    outcome = client_learner.get(reverse("search"), params).context["outcome"]
    data = client_learner.get(reverse("search_api"), params).json()

    assert (outcome.count, outcome.page) == (count, page)
    assert (data["count"], data["page"]) == (count, page)
    assert [result["title"] for result in data["results"]] == ["Indbrud i sommerhuse"] * count
    assert set(data) >= {"count", "results", "facets"}


def test_quotes_and_operators_still_find_the_words(client_learner, page_type, make_page):
    make_page("Indbrud i sommerhuse", "<p>Nabohjælp mod indbrud.</p>")

    response = client_learner.get(reverse("search"), {"q": '"indbrud" AND (sommerhuse'})

    assert [hit.title for hit in response.context["outcome"].hits] == ["Indbrud i sommerhuse"]


def test_pagination(client_learner, page_type, make_page):
    for number in range(23):
        make_page(f"Nærpoliti møde {number}")

    first = client_learner.get(reverse("search"), {"q": "nærpoliti"})
    third = client_learner.get(reverse("search"), {"q": "nærpoliti", "page": "3"})

    assert first.context["outcome"].count == 23
    assert len(first.context["outcome"].hits) == 10
    assert first.context["next_url"] == "?q=n%C3%A6rpoliti&page=2"
    assert len(third.context["outcome"].hits) == 3
    titles = {
        h.title
        for p in ("1", "2", "3")
        for h in client_learner.get(reverse("search"), {"q": "nærpoliti", "page": p}).context["outcome"].hits
    }
    assert len(titles) == 23


def test_no_results_suggests_a_close_title_word(client_learner, page_type, make_page):
    make_page("Tricktyveri mod ældre")

    response = client_learner.get(reverse("search"), {"q": "triktyveri"})

    assert response.context["outcome"].count == 0
    assert "tricktyveri" in response.context["outcome"].suggestions
    assert "Mente du:" in response.content.decode()


def test_suggestions_never_reveal_restricted_titles(client_learner, page_type, make_page):
    secret = make_page("Hemmeligtitel")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)

    response = client_learner.get(reverse("search"), {"q": "hemmeligtitle"})

    assert response.context["outcome"].suggestions == []
    assert "emmeligtitel" not in response.content.decode()


def test_autocomplete_suggests_titles_by_prefix(client_learner, page_type, make_page):
    make_page("Ankerperson i lokalområdet")

    data = client_learner.get(reverse("search_autocomplete"), {"q": "anker"}).json()

    assert data["results"] == [
        {"title": "Ankerperson i lokalområdet", "url": "/ankerperson-i-lokalomradet/", "type": "Case"}
    ]
