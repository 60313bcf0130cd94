"""The status report (HTML for print, and PDF) and the draft case an editor makes from an initiative."""

import re
import zlib

from django.urls import reverse

from cases.models import CaseIndexPage, CasePage
from initiatives.models import ExternalActor, Measurement, Ripple


def pdf_text(data):
    """The text drawn on the PDF's pages (fpdf2 compresses each page's content stream)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    text = b""
    for stream in streams:
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            text += stream
    return text.decode("latin-1")


def filled(initiative, effect_goal):
    ExternalActor.objects.create(
        initiative=initiative, name="Aalborg Kommune", actor_type="municipality", role="SSP"
    )
    Measurement.objects.create(goal=effect_goal, measured_on="2026-06-01", value=27)
    Ripple.objects.create(
        initiative=initiative,
        noticed_on="2026-05-01",
        noticed_by="Lene",
        description="Nye faglige relationer.",
    )


def test_the_status_report_prints_and_downloads_as_pdf(client_learner, initiative, effect_goal):
    filled(initiative, effect_goal)
    html = client_learner.get(reverse("initiatives:report", args=[initiative.pk])).content.decode()
    assert (
        'media="print"' in html
        and "Færre indbrud i Aalborg Øst" in html
        and "Nye faglige relationer." in html
    )
    response = client_learner.get(reverse("initiatives:report_pdf", args=[initiative.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Tryg i Aalborg Øst" in text and "Aalborg Kommune" in text and "Nye faglige relationer." in text
    assert "Færre indbrud i Aalborg Øst".encode("latin-1").decode("latin-1") in text


def test_an_editor_drafts_a_case_with_actors_results_goals_and_ripples(
    client, editor, initiative, effect_goal, home_page
):
    filled(initiative, effect_goal)
    index = CaseIndexPage(title="Cases", slug="cases")
    home_page.add_child(instance=index)
    client.force_login(editor)
    response = client.post(reverse("initiatives:to_case", args=[initiative.pk]))
    case = CasePage.objects.get(title="Tryg i Aalborg Øst")
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{case.pk}/edit/")
    assert not case.live and case.has_unpublished_changes
    assert (
        case.challenge == "Hvordan skaber vi sammen tryghed i Aalborg Øst?"
        and case.district == initiative.district
    )
    assert [(a.actor.name, a.role) for a in case.case_actors.all()] == [("Aalborg Kommune", "SSP")]
    assert [(g.kind, g.measure) for g in case.goals.all()] == [
        ("baseline", "quantitative"),
        ("effect", "quantitative"),
    ]
    assert "Anmeldte indbrud pr. kvartal" in case.goals.all()[1].text
    assert case.results.get().text.startswith("Færre indbrud i Aalborg Øst – målt 1. juni 2026: 27 indbrud")
    assert case.ripple_effects.get().text == "Nye faglige relationer."
    initiative.refresh_from_db()
    assert initiative.case_draft_id == case.pk
    assert case.get_latest_revision().user == editor


def test_a_member_who_is_not_an_editor_cannot_draft_a_case(client_learner, initiative, home_page):
    home_page.add_child(instance=CaseIndexPage(title="Cases", slug="cases"))
    assert client_learner.post(reverse("initiatives:to_case", args=[initiative.pk])).status_code == 403
    assert not CasePage.objects.exists()
