import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Actor, CaseActor, CaseIndexPage, CasePage, CaseResult, Quote, Theme
from home.models import District
from tests.toolbox.conftest import add_page, add_tool
from toolbox.models import PhasePage, ToolboxPage


@pytest.fixture
def case_index(home_page):
    index = CaseIndexPage(title="Cases", slug="cases", show_in_menus=True)
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def themes(db):
    return {
        slug: Theme.objects.create(slug=slug, name=name, name_en=name_en)
        for slug, name, name_en in [
            ("narkotika", "Narkotika", "Narcotics"),
            ("natteliv", "Natteliv", "Nightlife"),
            ("indbrud", "Indbrud", "Burglary"),
        ]
    }


@pytest.fixture
def actors(db):
    return {
        "taxa": Actor.objects.create(name="Næstved Taxa", actor_type="business"),
        "kommune": Actor.objects.create(name="Hjørring Kommune", actor_type="municipality"),
        "politi": Actor.objects.create(name="Nordjyllands Politi", actor_type="police"),
    }


def make_case(index, title, district="nordjylland", themes=(), actors=(), results=(), **fields):
    """A published case under ``index`` with its actors (Actor, role) and results."""
    defaults = {
        "place": "Aalborg",
        "status": "active",
        "phase_reached": 6,
        "summary": f"Resumé af {title}.",
        "challenge": f"Hvordan skaber vi sammen tryghed i {title}?",
    }
    defaults.update(fields)
    case = CasePage(title=title, district=District.objects.get(slug=district), **defaults)
    case.themes = list(themes)
    case.case_actors = [CaseActor(actor=actor, role=role) for actor, role in actors]
    case.results = [CaseResult(text=text) for text in results]
    index.add_child(instance=case)
    return case


@pytest.fixture
def three_cases(case_index, themes, actors):
    """Three cases that differ in every filter: district, theme, status, phase, actor type, year."""
    return {
        "naestved": make_case(
            case_index,
            "NæverZone – Nul Narko i Næstved",
            district="sydsjaelland-lolland-falster",
            themes=[themes["narkotika"], themes["natteliv"]],
            actors=[(actors["taxa"], "")],
            status="active",
            phase_reached=6,
            start_year=None,
            place="Næstved Kommune",
        ),
        "aalborg": make_case(
            case_index,
            "Et trygt natteliv i Aalborg",
            themes=[themes["natteliv"]],
            actors=[(actors["politi"], "Ankerperson"), (actors["taxa"], "")],
            status="network",
            phase_reached=7,
            start_year=2014,
        ),
        "hjoerring": make_case(
            case_index,
            "Hjørring – Fri for Indbrud",
            themes=[themes["indbrud"]],
            actors=[(actors["kommune"], "Styregruppen")],
            status="active",
            phase_reached=6,
            start_year=2015,
            place="Hjørring Kommune",
        ),
    }


def make_phase(home_page):
    """A published toolbox with its phase 2 (the page a case's phase links point at)."""
    toolbox = add_page(
        home_page, ToolboxPage(title="Værktøjskassen", slug="vaerktoejskassen", intro="<p>Metoden.</p>")
    )
    phase = PhasePage(title="Fase 2 – Kortlægning", slug="fase-2", number=2, summary="Kortlægning.")
    phase.purpose, phase.run_by = "<p>Formålet med kortlægningen.</p>", "arbejdsgruppe"
    return add_page(toolbox, phase)


@pytest.fixture
def phase_page(home_page):
    return make_phase(home_page)


@pytest.fixture
def tool_page(phase_page):
    return add_tool(phase_page, "interessentanalyse", "Interessentanalyse")


@pytest.fixture
def quote(three_cases, danish):
    return Quote.objects.create(
        text="Vi har fandeme nået meget det første år.",
        person="Simon Rubæk",
        organisation="Craizy Daisy",
        voice="partner",
        case=three_cases["naestved"],
        locale=danish,
    )


def page_queries(client, url):
    """SQL queries for a page with an empty cache, then again with the fragments cached."""
    # A request first: the idle-timeout middleware refreshes a session that has been idle a while
    # (creating 500 cases takes a minute), which would otherwise be counted against the page.
    client.get(url)
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return tuple(counts)
