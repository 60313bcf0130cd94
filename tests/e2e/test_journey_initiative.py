"""Journey: an Ankerperson runs an initiative of their own from Opstart to Afslutning — invites a
colleague, sets a baseline and an effect goal, measures, logs a ring i vandet, moves through all
seven phases (a realitetstjek before Afslutning), prints the status report — and an editor turns
it into a draft case for the catalogue."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import EDITOR, OFFICER, login, screenshot, serious_accessibility_violations

pytestmark = pytest.mark.e2e

ANCHOR = "anker@politi.dk"
NAME = "Tryg havn i Vordingborg"
CHALLENGE = "Hvordan gør vi sammen havneområdet i Vordingborg trygt om natten?"
PHASE_NOTES = [
    "Udfordringen er kompleks og har høj prioritet i kredsen.",
    "Kortlægningen er færdig: 14 interviews og døgnrapporterne.",
    "Analysen peger på nattelivet og havnens belysning.",
    "Kommunen, havnen og to restauratører siger ja.",
    "To udviklingsplatforme har etableret sig.",
]


def check(page, name):
    screenshot(page, name)
    assert serious_accessibility_violations(page) == [], name


def move_to_next_phase(page, note, reality_check=None):
    form = page.locator("form[action$='/faseskift/']")
    form.get_by_label("Begrundelse").fill(note)
    if reality_check is not None:
        form.get_by_label("Realitetstjek").fill(reality_check)
    form.get_by_role("button", name="Gem faseskiftet").click()


def test_an_anchor_person_runs_an_initiative_through_all_seven_phases(open_tab, site_sql):
    anchor = open_tab()
    login(anchor, ANCHOR)
    anchor.get_by_role("link", name="Gå til Mine initiativer").click()
    expect(anchor.get_by_role("heading", level=1)).to_have_text("Mine initiativer")
    expect(anchor.get_by_text("Eksempel: NæverZone – Nul Narko i Næstved")).to_be_visible()
    check(anchor, "initiative-list")

    anchor.get_by_role("link", name="Start et initiativ").first.click()
    anchor.get_by_label("Navn på initiativet").fill(NAME)
    anchor.get_by_label("Den fælles samlende udfordring").fill("Havneområdet skal være trygt.")
    anchor.get_by_role("button", name="Opret initiativet").click()
    expect(anchor.get_by_text("Formulér den fælles samlende udfordring som et spørgsmål")).to_be_visible()
    check(anchor, "initiative-form-error")
    anchor.get_by_label("Den fælles samlende udfordring").fill(CHALLENGE)
    anchor.get_by_label("Ankerperson").select_option(label="Jonas Kjær")
    anchor.get_by_role("button", name="Opret initiativet").click()
    expect(anchor.locator(".messages")).to_contain_text("Det står i Fase 1 – Opstart")
    expect(anchor.get_by_role("heading", level=1)).to_have_text(NAME)
    initiative_url = anchor.url

    anchor.get_by_label("E-mailadresse").fill(OFFICER)
    anchor.get_by_role("button", name="Invitér").click()
    expect(anchor.locator(".messages")).to_contain_text("Mette Holm er nu med i arbejdsgruppen")
    anchor.get_by_text("Tilføj en aktør").click()
    anchor.locator("#id_actor-name").fill("Vordingborg Havn")
    anchor.locator("#id_actor-actor_type").select_option(label="Virksomhed")
    anchor.locator("#id_actor-role").fill("Ejer af havnearealerne")
    anchor.get_by_role("button", name="Tilføj aktøren").click()
    expect(anchor.get_by_role("cell", name="Vordingborg Havn", exact=True)).to_be_visible()
    check(anchor, "initiative-detail")

    # Opstart: the phase page shows the phase's purpose, tools, cases and lessons.
    anchor.get_by_role("link", name="Gå til fasen, initiativet står i").click()
    expect(anchor.get_by_role("heading", name="Fase 1 – Opstart", level=2)).to_be_visible()
    expect(anchor.get_by_role("heading", name="Værktøjer til fasen")).to_be_visible()
    check(anchor, "initiative-phase-1")
    move_to_next_phase(anchor, "")
    expect(anchor.locator(".messages")).to_contain_text("Skriv en kort begrundelse for faseskiftet")

    for number, note in enumerate(PHASE_NOTES, start=1):
        move_to_next_phase(anchor, note)
        expect(anchor.locator(".messages")).to_contain_text(f"Initiativet står nu i Fase {number + 1}")
    check(anchor, "initiative-phase-6")

    # Baseline, an effect goal and a measurement against it.
    anchor.get_by_role("link", name="Baseline og mål", exact=True).click()
    anchor.get_by_text("Beskriv en baseline").click()
    baseline_form = anchor.locator("form:has(input[name='form'][value='baseline'])")
    baseline_form.get_by_label("Sådan ser det ud nu").fill("31 anmeldelser om uro på havnen i 1. halvår")
    baseline_form.get_by_label("Dato", exact=True).fill("2026-01-01")
    baseline_form.get_by_label("Kilde").fill("Døgnrapporter")
    baseline_form.locator("#id_baseline-value").fill("31")
    baseline_form.get_by_role("button", name="Gem baselinen").click()
    expect(anchor.locator(".messages")).to_contain_text("Baselinen er gemt")
    goal_form = anchor.locator("form:has(input[name='form'][value='goal'])")
    goal_form.get_by_label("Effektmål").check()
    goal_form.get_by_label("Kvantitativt").check()
    goal_form.get_by_label("Mål", exact=True).fill("Færre anmeldelser om uro på havnen")
    goal_form.get_by_label("Måltal").fill("15")
    goal_form.get_by_role("button", name="Gem målet").click()
    expect(anchor.get_by_text("Et effektmål skal kunne måles")).to_be_visible()
    check(anchor, "initiative-goal-error")
    goal_form.get_by_label("Sådan måler vi det").fill("Anmeldelser om uro pr. halvår")
    goal_form.locator("#id_baseline").select_option(index=1)
    goal_form.get_by_role("button", name="Gem målet").click()
    expect(anchor.locator(".messages")).to_contain_text("Målet er gemt")
    anchor.get_by_label("Dato", exact=True).fill("2025-12-01")
    anchor.locator("#id_value").fill("29")
    anchor.get_by_role("button", name="Gem målingen").click()
    expect(anchor.get_by_text("Målingen kan ikke ligge før baselinen")).to_be_visible()
    anchor.get_by_label("Dato", exact=True).fill("2026-06-30")
    anchor.locator("#id_value").fill("22")
    anchor.get_by_role("button", name="Gem målingen").click()
    expect(anchor.locator("svg.goal-chart__svg polyline")).to_be_visible()
    check(anchor, "initiative-goal-chart")

    anchor.get_by_role("link", name="Ringe i vandet").first.click()
    anchor.get_by_label("Dato", exact=True).fill("2026-05-15")
    anchor.get_by_label("Ringen i vandet").fill("Havnens vagter og Natteravnene går nu sammen.")
    anchor.get_by_role("button", name="Gem", exact=True).click()
    expect(anchor.locator(".messages")).to_contain_text("Ringen i vandet er noteret")
    check(anchor, "initiative-ripples")

    # Afslutning needs a realitetstjek.
    anchor.goto(initiative_url)
    anchor.get_by_role("link", name="Gå til fasen, initiativet står i").click()
    move_to_next_phase(anchor, "Begge platforme har nået deres mål.", reality_check="")
    expect(anchor.locator(".messages")).to_contain_text("Lav et realitetstjek")
    move_to_next_phase(
        anchor, "Begge platforme har nået deres mål.", reality_check="Fremdrift god, ingen forhindringer."
    )
    expect(anchor.locator(".messages")).to_contain_text("Initiativet står nu i Fase 7 – Afslutning")

    anchor.get_by_role("link", name="Tidslinje", exact=True).click()
    expect(anchor.get_by_text("Videre til Fase 7 – Afslutning")).to_be_visible()
    expect(anchor.get_by_text("Havnens vagter og Natteravnene går nu sammen.")).to_be_visible()
    check(anchor, "initiative-timeline")
    anchor.get_by_role("link", name="Statusrapport", exact=True).click()
    expect(anchor.get_by_role("heading", level=1)).to_have_text(NAME)
    check(anchor, "initiative-report")
    anchor.emulate_media(media="print")
    expect(anchor.locator(".site-header")).to_be_hidden()
    anchor.emulate_media(media="screen")
    pdf = anchor.request.get(anchor.url.rstrip("/") + ".pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    (moves,) = site_sql(
        "SELECT count(*) FROM initiatives_phasemove m JOIN initiatives_initiative i ON i.id = m.initiative_id"
        " WHERE i.name = %s",
        (NAME,),
    )[0]
    assert moves == 6

    editor = open_tab()
    login(editor, EDITOR, next_path=initiative_url)
    editor.get_by_role("button", name="Lav en casekladde").click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    rows = site_sql("SELECT live FROM wagtailcore_page WHERE title = %s", (NAME,))
    assert rows and not rows[0][0]
