import pytest

from ..conftest import assert_preview_shows_draft

pytestmark = pytest.mark.django_db


def test_case_preview_shows_the_draft_summary(client_editor, editor, three_cases):
    case = three_cases["aalborg"]
    case.save_revision().publish()
    assert_preview_shows_draft(client_editor, editor, case, "summary", "Kladde: natteliv med taxaer.")


def test_case_index_preview_shows_the_draft_intro(client_editor, editor, case_index, three_cases):
    case_index.intro = "<p>Udgivet introduktion.</p>"
    case_index.save_revision().publish()
    assert_preview_shows_draft(client_editor, editor, case_index, "intro", "<p>Kladde til introduktion.</p>")
