"""The seed catalogue as content: ``load_catalogue`` creates the nine cases from cases/content/."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cases.models import Actor, CaseIndexPage, CasePage, CasePhaseLink, Quote

pytestmark = pytest.mark.django_db

# Slug → (actors, results, quotes), counted in the catalogue: its "Aktører" and "Resultater" lists
# plus the police units and partners its text names (e.g. Hjørring's steering group).
EXPECTED = {
    "naeverzone-nul-narko-i-naestved": (19, 10, 4),
    "et-trygt-natteliv-i-aalborg": (19, 9, 2),
    "faelles-om-farum": (23, 9, 1),
    "hjoerring-fri-for-indbrud": (17, 8, 4),
    "co-creation-i-gullestrup": (23, 6, 2),
    "tryghed-omkring-udrejsecenter-kaershovedgaard": (18, 9, 2),
    "bryd-foedekaeden-til-banderne": (1, 0, 3),
    "it-relateret-oekonomisk-kriminalitet": (44, 6, 2),
    "aeldre-og-tryghed": (6, 6, 3),
}


def site_snapshot():
    danish_cases = CasePage.objects.filter(locale__language_code="da")
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "locale__language_code")),
        "actors": sorted(Actor.objects.values_list("name", "actor_type")),
        "quotes": sorted(Quote.objects.values_list("locale__language_code", "text", "person", "case__slug")),
        "cases": {
            case.slug: (
                [(a.actor.name, a.units, a.role) for a in case.case_actors.all()],
                [r.text for r in case.results.all()],
                [(g.kind, g.text) for g in case.goals.all()],
                sorted(t.slug for t in case.themes.all()),
            )
            for case in danish_cases
        },
    }


def test_load_catalogue_creates_the_nine_cases_and_is_idempotent(client_learner, editor):
    call_command("load_catalogue")

    index = CaseIndexPage.objects.get(locale__language_code="da")
    assert index.show_in_menus and index.slug == "cases"
    cases = {case.slug: case for case in CasePage.objects.child_of(index).live()}
    assert set(cases) == set(EXPECTED)
    for slug, (actors, results, quotes) in EXPECTED.items():
        case = cases[slug]
        counts = (
            case.case_actors.count(),
            case.results.count(),
            case.quotes.filter(locale=case.locale).count(),
        )
        assert counts == (actors, results, quotes), slug

    # Facts carried over from the catalogue, actors and results in the catalogue's order.
    naeverzone = cases["naeverzone-nul-narko-i-naestved"]
    actor_names = [entry.actor.name for entry in naeverzone.case_actors.all()]
    assert actor_names[:3] == ["Næstved Taxa", "Bevillingsnævnet i Næstved", "Cityforeningen"]
    assert naeverzone.results.first().text.startswith('Konceptet Samtalesalon "Store pupiller".')
    assert cases["co-creation-i-gullestrup"].challenge == (
        'Hvordan kan vi gennem iværksætteri skabe et "fælles bæredygtigt tredje" for Gullestrup?'
    )
    assert cases["et-trygt-natteliv-i-aalborg"].anchor_person_name == "Jeanette Storm Nielsen"
    assert cases["it-relateret-oekonomisk-kriminalitet"].district.slug == "rigspolitiet"
    assert cases["bryd-foedekaeden-til-banderne"].get_status_display() == "Sat på pause"
    assert "58 %" in cases["co-creation-i-gullestrup"].goals.get(kind="baseline").text
    # Actors are shared between cases, each with one type.
    assert Actor.objects.get(name="Arriva").case_roles.filter(case__locale__language_code="da").count() == 2
    assert Actor.objects.get(name="Det Kriminalpræventive Råd").actor_type == "civil_society"
    # The two quote pages: ten voices from partners and ten from the police, not tied to a case.
    unattached = Quote.objects.filter(locale__language_code="da", case=None)
    assert unattached.filter(voice="partner").count() == 10
    assert unattached.filter(voice="police").count() == 10

    # NæverZone shows the Frederikshavn initiative it inspired.
    html = client_learner.get(cases["naeverzone-nul-narko-i-naestved"].url).content.decode()
    assert "Har inspireret" in html and "Frederikshavn" in html
    assert "Craizy Daisy" in html and "Hundesektionen" in html

    # English translations exist for every case, with their quotes.
    english_cases = CasePage.objects.filter(locale__language_code="en").live()
    assert english_cases.count() == 9
    english = english_cases.get(translation_key=cases["hjoerring-fri-for-indbrud"].translation_key)
    assert english.title == "Hjørring – Free from Burglary"
    assert english.case_actors.count() == 17
    assert Quote.objects.filter(locale__language_code="en", case=english).count() == 4
    response = client_learner.get(english.url)
    html = response.content.decode()
    assert response.status_code == 200 and "Hjørring – Free from Burglary" in html
    # Its toolbox links lead to the English phase and tool pages, not the Danish ones.
    danish_phase = Page.objects.get(
        slug="kortlaegning", locale__language_code="da", content_type__model="phasepage"
    )
    english_phase = danish_phase.get_translation(english.locale)
    assert f'href="{english_phase.url}"' in html and f'href="{danish_phase.url}"' not in html
    assert CasePhaseLink.objects.filter(phase=danish_phase, case=cases["hjoerring-fri-for-indbrud"]).exists()

    english_index = index.get_translation(english.locale)
    html = client_learner.get(f"{english_index.url}?theme=natteliv").content.decode()
    assert "A safe nightlife in Aalborg" in html and "Nightlife" in html and "Phase reached" in html

    # Running it again gives the same site.
    before = site_snapshot()
    call_command("load_catalogue")
    assert site_snapshot() == before

    # A case an editor has changed is kept, unless --force.
    farum = cases["faelles-om-farum"]
    farum.title = "Fælles om Farum (redigeret)"
    farum.save_revision(user=editor).publish()
    call_command("load_catalogue")
    farum.refresh_from_db()
    assert farum.title == "Fælles om Farum (redigeret)"
    call_command("load_catalogue", force=True)
    farum.refresh_from_db()
    assert farum.title == "Fælles om Farum"


def test_every_seed_case_can_be_found_by_filtering(client_learner):
    call_command("load_catalogue")
    index = CaseIndexPage.objects.get(locale__language_code="da")
    for case in CasePage.objects.child_of(index).select_related("district").prefetch_related("themes"):
        theme = case.themes.first()
        query = f"district={case.district.slug}&theme={theme.slug}"
        query += f"&phase={case.phase_reached}&status={case.status}"
        html = client_learner.get(f"{index.url}?{query}").content.decode()
        assert f">{case.title}</a></h3>" in html, query
