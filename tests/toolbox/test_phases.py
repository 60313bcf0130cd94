"""The seven phases are defined once (``toolbox.phases.Phase``), with the catalogue's names, and
every app that speaks of a phase takes its numbers and names from there."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cases.models import CasePage
from home.catalogue import read_content
from initiatives.models import Initiative, PhaseMove
from toolbox.models import PhasePage
from toolbox.phases import Phase


def test_the_phases_are_the_catalogues_seven_in_danish_and_english():
    catalogue = read_content("toolbox", "phases")

    assert [item["number"] for item in catalogue] == Phase.values == [1, 2, 3, 4, 5, 6, 7]
    for item in catalogue:
        with translation.override("da"):
            assert Phase(item["number"]).label == f"Fase {item['number']} – {item['title']}"
        with translation.override("en"):
            english = item["english"][item["title"]]
            assert Phase(item["number"]).label == f"Phase {item['number']} – {english}"


@pytest.mark.parametrize(
    "field",
    [
        PhasePage._meta.get_field("number"),
        CasePage._meta.get_field("phase_reached"),
        Initiative._meta.get_field("phase"),
        PhaseMove._meta.get_field("from_phase"),
        PhaseMove._meta.get_field("to_phase"),
    ],
    ids=lambda field: f"{field.model.__name__}.{field.name}",
)
def test_every_phase_field_takes_the_one_definition(field):
    assert field.choices == Phase.choices


def phase_form(number):
    return nested_form_data(
        {
            "title": "Opstart",
            "slug": "opstart",
            "number": number,
            "summary": "Sikr, at metoden er relevant.",
            "run_by": "arbejdsgruppe",
            "duration": "",
            "purpose": rich_text("<p>Første fase.</p>"),
            "outputs": rich_text(""),
            "pitfalls": rich_text(""),
            "action-publish": "publish",
        }
    )


def test_the_admin_offers_the_seven_phases_by_name_and_refuses_an_eighth(client_specialist, toolbox):
    url = reverse("wagtailadmin_pages:add", args=("toolbox", "phasepage", toolbox.pk))

    form = client_specialist.get(url).content.decode()
    assert '<option value="6">Fase 6 – Samskabende udviklingsarbejde</option>' in form

    response = client_specialist.post(url, phase_form("8"))
    assert response.status_code == 200
    assert not PhasePage.objects.filter(slug="opstart").exists()

    response = client_specialist.post(url, phase_form("1"))
    assert response.status_code == 302
    assert PhasePage.objects.get(slug="opstart").get_number_display() == "Fase 1 – Opstart"
