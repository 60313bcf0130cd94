"""Search over the real content apps: tools, phases, glossary terms and ERFA experiences."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cases.models import CaseIndexPage
from erfa.models import ExperiencePost
from tests.erfa.conftest import make_post
from tests.toolbox.conftest import add_tool, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_author(db):
    from tests.conftest import make_user

    return make_user("forfatter@politi.dk", "Kursister", first_name="Bo", last_name="Lund")


def search(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response.context["outcome"]


def test_only_approved_experiences_are_found_by_anyone(client, learner, moderator, other_author, phases):
    make_post(other_author, title="Tryghedsvandring gav nye kontakter", phase=phases[3])
    for state in ("draft", "submitted", "rejected"):
        make_post(other_author, state=state, title=f"Tryghedsvandring {state} hemmelig")

    for user in (learner, moderator, other_author):
        client.force_login(user)
        outcome = search(client, q="tryghedsvandring")
        assert [hit.title for hit in outcome.hits] == ["Tryghedsvandring gav nye kontakter"]
        body = client.get(reverse("search_api"), {"q": "tryghedsvandring"}).content.decode()
        assert "hemmelig" not in body
        assert (
            "hemmelig" not in client.get(reverse("search_autocomplete"), {"q": "tryghedsv"}).content.decode()
        )

    (hit,) = outcome.hits
    assert hit.type_label == "Erfaring"
    assert hit.meta == "Aktørinvolvering"
    assert hit.url == reverse("erfa:post_detail", args=[ExperiencePost.objects.get(state="approved").pk])


def test_an_approved_post_that_is_rejected_later_disappears(client_learner, moderator, other_author):
    post = make_post(other_author, title="Nabohjælp i sommerlandet")
    assert search(client_learner, q="nabohjælp").count == 1

    post.reject(moderator, "Indeholder personoplysninger.")

    assert search(client_learner, q="nabohjælp").count == 0


def test_glossary_term_links_to_its_entry_in_the_glossary(client_learner, glossary_page):
    make_term("Ankerperson", "ankerperson", "Den person i politiet, der holder sammen på samarbejdet.")

    outcome = search(client_learner, q="ankerperson")

    (hit,) = [hit for hit in outcome.hits if hit.type_key == "term"]
    assert hit.type_label == "Begreb"
    assert hit.url == glossary_page.url + "#begreb-ankerperson"


def test_tools_are_labelled_and_filtered_by_phase(client_learner, phases):
    add_tool(phases[1], "interessentanalyse", "Interessentanalyse", summary="Hvem har interesse i problemet?")
    add_tool(
        phases[4], "samarbejdsaftale", "Samarbejdsaftale", summary="Aftal hvem der gør hvad. Interessenter."
    )

    outcome = search(client_learner, q="interessentanalyse")
    (hit,) = outcome.hits
    assert hit.type_label == "Værktøj"
    assert hit.meta == "Værktøj · Fase 2"

    # "interessenter" finds the tool that says it, and the compound "Interessentanalyse" too.
    everything = search(client_learner, q="interessenter")
    phase_counts = {option.label: option.count for option in everything.facets["phase"]}
    assert phase_counts["Etablering"] == 1
    assert phase_counts[phases[1].title] == 1
    assert sum(phase_counts.values()) == 2
    in_phase_two = search(client_learner, q="interessenter", phase=str(phases[1].pk))
    assert [hit.title for hit in in_phase_two.hits] == ["Interessentanalyse"]
    in_phase_five = search(client_learner, q="interessenter", phase=str(phases[4].pk))
    assert [hit.title for hit in in_phase_five.hits] == ["Samarbejdsaftale"]


def test_type_filter_and_counts(client_learner, phases, other_author):
    add_tool(phases[0], "netvaerkskort", "Netværkskort", summary="Tegn netværket omkring problemet.")
    make_post(other_author, title="Netværket bar samarbejdet", text="Et stærkt netværk.")

    everything = search(client_learner, q="netværket")
    counts = {option.value: option.count for option in everything.facets["type"]}
    assert counts["tool"] == 1 and counts["experience"] == 1
    only_experiences = search(client_learner, q="netværket", type="experience")
    assert [hit.type_key for hit in only_experiences.hits] == ["experience"]


def test_no_results_page_points_to_glossary_and_toolbox(client_learner, glossary_page, toolbox):
    response = client_learner.get(reverse("search"), {"q": "xyzzyq"})

    content = response.content.decode()
    assert f'href="{glossary_page.url}"' in content
    assert f'href="{toolbox.url}"' in content


@pytest.fixture
def linked_cases(home_page, phases):
    """Two cases about burglary: one illustrating Kortlægning, one Opstart and Aktørinvolvering."""
    from cases.models import CasePhaseLink
    from tests.cases.conftest import make_case

    index = CaseIndexPage(title="Cases", slug="cases")
    home_page.add_child(instance=index)
    cases = {}
    for title, linked in (
        ("Fri for Indbrud i Hjørring", [phases[1]]),
        ("Indbrud i sommerhusområder", [phases[0], phases[3]]),
    ):
        case = make_case(index, title, summary=f"{title}: indbrud i privat beboelse.")
        case.phase_links = [CasePhaseLink(phase=phase) for phase in linked]
        case.save_revision().publish()
        cases[title] = case
    return cases


def test_cases_are_filtered_and_counted_by_the_phases_they_illustrate(client_learner, phases, linked_cases):
    add_tool(phases[1], "indbrudskort", "Indbrudskort", summary="Kortlæg indbrud i området.")

    everything = search(client_learner, q="indbrud")
    counts = {option.label: option.count for option in everything.facets["phase"]}
    # Kortlægning: the case linked to it and the tool below it; Opstart and Aktørinvolvering: the
    # case linked to both, counted once in each.
    assert counts == {
        "Opstart": 1,
        "Kortlægning": 2,
        "Analysemodul": 0,
        "Aktørinvolvering": 1,
        "Etablering": 0,
        "Samskabende udviklingsarbejde": 0,
        "Afslutning": 0,
    }

    mapping = search(client_learner, q="indbrud", phase=str(phases[1].pk))
    assert sorted(hit.title for hit in mapping.hits) == ["Fri for Indbrud i Hjørring", "Indbrudskort"]
    assert mapping.count == 2
    only_cases = search(client_learner, q="indbrud", phase=str(phases[3].pk), type="case")
    assert [hit.title for hit in only_cases.hits] == ["Indbrud i sommerhusområder"]
    assert search(client_learner, q="indbrud", phase=str(phases[2].pk)).count == 0


def test_a_case_linked_to_the_danish_phase_counts_for_its_translation(learner, phases, linked_cases):
    """The catalogue's English cases link to the Danish phase pages; on the English site they
    are filtered and counted by the English phase."""
    from search.service import SearchRequest, SiteSearch

    english = Locale.objects.get(language_code="en")
    english_mapping = phases[1].copy_for_translation(english, copy_parents=True)
    english_mapping.save_revision().publish()
    english_case = linked_cases["Fri for Indbrud i Hjørring"].copy_for_translation(english, copy_parents=True)
    english_case.save_revision().publish()
    assert [link.phase_id for link in english_case.phase_links.all()] == [phases[1].pk]

    site_search = SiteSearch(learner, locale=english)
    outcome = site_search.search(SearchRequest(query="indbrud"))
    assert {option.label: option.count for option in outcome.facets["phase"]} == {"Kortlægning": 1}
    in_phase = site_search.search(SearchRequest(query="indbrud", phase=english_mapping.pk))
    assert [(hit.title, hit.locale) for hit in in_phase.hits] == [("Fri for Indbrud i Hjørring", "en")]
