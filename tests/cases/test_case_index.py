import re

import pytest

from cases.models import CasePage, Quote

from .conftest import make_case, page_queries

pytestmark = pytest.mark.django_db


def titles(response):
    """The case titles listed as results, in order."""
    results = response.content.decode().split('id="case-results-heading"', 1)[1]
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', results)


def count_beside(response, facet, value):
    """The number shown beside a filter value, read from the filter form."""
    html = response.content.decode()
    match = re.search(
        rf'for="f-{facet}-{re.escape(value)}">[^<]*<span class="case-facet__count">\((\d+)', html
    )
    assert match, f"no filter value {facet}={value}"
    return int(match.group(1))


def test_index_lists_every_case_with_counts(client_learner, case_index, three_cases):
    response = client_learner.get(case_index.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Et trygt natteliv i Aalborg",
        "Hjørring – Fri for Indbrud",
        "NæverZone – Nul Narko i Næstved",
    ]
    assert "3 cases af 3" in response.content.decode()
    assert count_beside(response, "theme", "natteliv") == 2
    assert count_beside(response, "district", "nordjylland") == 2
    assert count_beside(response, "actor_type", "business") == 2
    assert count_beside(response, "status", "completed") == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("district=nordjylland", ["Et trygt natteliv i Aalborg", "Hjørring – Fri for Indbrud"]),
        ("district=sydsjaelland-lolland-falster", ["NæverZone – Nul Narko i Næstved"]),
        ("theme=natteliv", ["Et trygt natteliv i Aalborg", "NæverZone – Nul Narko i Næstved"]),
        (
            "theme=natteliv&theme=indbrud",
            ["Et trygt natteliv i Aalborg", "Hjørring – Fri for Indbrud", "NæverZone – Nul Narko i Næstved"],
        ),
        ("status=network", ["Et trygt natteliv i Aalborg"]),
        ("phase=6", ["Hjørring – Fri for Indbrud", "NæverZone – Nul Narko i Næstved"]),
        ("actor_type=municipality", ["Hjørring – Fri for Indbrud"]),
        ("actor_type=police", ["Et trygt natteliv i Aalborg"]),
        ("year=2015", ["Hjørring – Fri for Indbrud"]),
        ("district=nordjylland&theme=natteliv", ["Et trygt natteliv i Aalborg"]),
        ("district=nordjylland&status=completed", []),
        (
            "sort=newest",
            ["Hjørring – Fri for Indbrud", "Et trygt natteliv i Aalborg", "NæverZone – Nul Narko i Næstved"],
        ),
        (
            "sort=phase",
            ["Et trygt natteliv i Aalborg", "Hjørring – Fri for Indbrud", "NæverZone – Nul Narko i Næstved"],
        ),
    ],
)
def test_each_filter_returns_the_right_cases(client_learner, case_index, three_cases, query, expected):
    response = client_learner.get(f"{case_index.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_counts_follow_the_other_filters(client_learner, case_index, three_cases):
    response = client_learner.get(f"{case_index.url}?district=nordjylland")
    # Within Nordjylland: one nightlife case, one burglary case; other districts keep their own count.
    assert count_beside(response, "theme", "natteliv") == 1
    assert count_beside(response, "theme", "indbrud") == 1
    assert count_beside(response, "theme", "narkotika") == 0
    assert count_beside(response, "district", "sydsjaelland-lolland-falster") == 1
    assert "checked" in re.search(
        r'<input[^>]+id="f-district-nordjylland"[^>]*>', response.content.decode()
    ).group(0)


def test_free_text_searches_within_the_filtered_cases(client_learner, case_index, three_cases):
    assert titles(client_learner.get(f"{case_index.url}?q=Hjørring")) == ["Hjørring – Fri for Indbrud"]
    assert titles(client_learner.get(f"{case_index.url}?q=Hjørring&theme=natteliv")) == []
    response = client_learner.get(f"{case_index.url}?q=natteliv&district=nordjylland")
    assert titles(response) == ["Et trygt natteliv i Aalborg"]


def test_active_filters_can_be_removed_one_by_one(client_learner, case_index, three_cases):
    html = client_learner.get(f"{case_index.url}?district=nordjylland&theme=natteliv").content.decode()
    assert 'href="?theme=natteliv"' in html  # removing the district keeps the theme
    assert 'href="?district=nordjylland"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("district=atlantis", "Ukendt politikreds “atlantis”"),
        ("year=abc", "Ukendt år “abc”"),
        ("phase=9", "Ukendt fase “9”"),
        ("status=<script>", "Ukendt status “&lt;script&gt;”"),
        ("page=abc", "Ukendt sidenummer"),
        ("sort=random", "Ukendt sortering"),
    ],
)
def test_bad_filter_values_give_a_normal_page_with_a_message(
    client_learner, case_index, three_cases, query, message
):
    response = client_learner.get(f"{case_index.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert len(titles(response)) == 3  # the bad value is ignored, the other filters still apply


def test_pagination_keeps_the_filters(client_learner, case_index, three_cases, actors, themes):
    for n in range(13):
        make_case(case_index, f"Natteliv {n:02d}", themes=[themes["natteliv"]])
    first = client_learner.get(f"{case_index.url}?theme=natteliv")
    assert len(titles(first)) == 12
    assert 'href="?theme=natteliv&amp;page=2"' in first.content.decode()
    second = client_learner.get(f"{case_index.url}?theme=natteliv&page=2")
    assert len(titles(second)) == 3
    assert client_learner.get(f"{case_index.url}?theme=natteliv&page=99").status_code == 200


def test_index_shows_what_partners_and_police_say(client_learner, case_index, three_cases, danish, quote):
    Quote.objects.create(text="De eksterne ser ting, vi ikke ser.", voice="police", locale=danish)
    Quote.objects.create(text="Utroligt lærerigt for os som virksomhed.", voice="partner", locale=danish)
    html = client_learner.get(case_index.url).content.decode()
    partners, police = html.index("Hvad siger samarbejdspartnerne?"), html.index("Hvad siger politiet?")
    assert partners < html.index("Utroligt lærerigt") < police < html.index("De eksterne ser ting")
    assert "fandeme" not in html  # a case's own quotes stay on the case


def test_index_queries_do_not_grow_with_the_catalogue(
    client_learner, home_page, case_index, three_cases, actors, themes
):
    client_learner.get(home_page.url)
    _, home_cached = page_queries(client_learner, home_page.url)
    for n in range(2):
        make_case(case_index, f"Ekstra case {n}", themes=[themes["natteliv"]], actors=[(actors["taxa"], "")])
    url = f"{case_index.url}?theme=natteliv&q=natteliv"
    client_learner.get(url)
    with_5 = page_queries(client_learner, url)
    for n in range(495):
        make_case(case_index, f"Case {n:03d}", themes=[themes["natteliv"]], actors=[(actors["taxa"], "")])
    assert CasePage.objects.count() == 500
    with_500 = page_queries(client_learner, url)
    print(f"case index queries (empty cache, cached): {with_5}; home page cached: {home_cached}")
    assert with_500 == with_5
    # Cached, the filtered index costs no more than the home page.
    assert with_5[1] <= home_cached
