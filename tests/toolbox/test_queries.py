"""The toolbox pages cost the same number of SQL queries with 5 and with 500 tools or terms."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from toolbox.models import GlossaryTerm, ToolPage

from .conftest import add_tool

# The project's budget for any signed-in page. A page costs the user and two routing queries
# whatever its depth (home/routing.py); the toolbox's own listings are cached.
MAX_QUERIES = 12


def add_plain_tools(phase, first, last):
    """Live tools without revisions, fast to make by the hundred; the last one is published the
    way an editor would, which is what refreshes the cached listings."""
    for n in range(first, last):
        tool = ToolPage(
            title=f"Værktøj {n}",
            slug=f"vaerktoej-{n}",
            summary=f"Værktøj nummer {n}.",
            purpose="<p>Formål.</p>",
            time_needed="1 time",
            steps=[{"type": "step", "value": {"title": "Trin", "text": "<p>Gør det.</p>", "tip": ""}}],
        )
        phase.add_child(instance=tool)
        phase.refresh_from_db()
    tool.save_revision().publish()


def queries_for(client, url):
    client.get(url)  # warm the caches, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_toolbox_phase_and_tool_pages_cost_the_same_with_5_and_500_tools(
    client_learner, toolbox, phases, terms
):
    tool = add_tool(phases[1], "kortlaegningsplan", "Kortlægningsplan")
    add_plain_tools(phases[1], 0, 4)
    urls = [toolbox.url, phases[1].url, tool.url]
    with_5 = [queries_for(client_learner, url) for url in urls]
    assert ToolPage.objects.child_of(phases[1]).count() == 5

    add_plain_tools(phases[1], 4, 499)
    with_500 = [queries_for(client_learner, url) for url in urls]

    assert ToolPage.objects.child_of(phases[1]).count() == 500
    assert [count for count, _ in with_500] == [count for count, _ in with_5]
    assert all(count <= MAX_QUERIES for count, _ in with_500), [count for count, _ in with_500]
    assert "Værktøj 498" in with_500[1][1] and "Værktøj 498" not in with_5[1][1]


def test_glossary_page_costs_the_same_with_5_and_500_terms(client_learner, glossary_page):
    danish = Locale.objects.get(language_code="da")

    def add_terms(first, last):
        terms = [
            GlossaryTerm(
                term=f"Begreb {n:03}", slug=f"begreb-{n}", short_definition=f"Forklaring {n}.", locale=danish
            )
            for n in range(first, last)
        ]
        GlossaryTerm.objects.bulk_create(terms[:-1])
        terms[-1].save()  # saved like an editor would, which refreshes the cached glossary

    add_terms(0, 5)
    with_5, _ = queries_for(client_learner, glossary_page.url)

    add_terms(5, 500)
    with_500, html = queries_for(client_learner, glossary_page.url)

    assert with_500 == with_5 <= MAX_QUERIES
    assert "Begreb 499" in html
