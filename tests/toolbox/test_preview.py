import pytest

from ..conftest import assert_preview_shows_draft
from .conftest import add_tool

pytestmark = pytest.mark.django_db


def test_phase_preview_shows_the_draft_summary(client_editor, editor, phases):
    assert_preview_shows_draft(client_editor, editor, phases[1], "summary", "Kladde: kortlægning i praksis.")


def test_tool_preview_shows_the_draft_summary(client_editor, editor, phases):
    tool = add_tool(phases[0], "interessentanalyse")
    assert_preview_shows_draft(client_editor, editor, tool, "summary", "Kladde: hvem har interesse?")


def test_toolbox_preview_shows_the_draft_intro(client_editor, editor, toolbox, phases):
    assert_preview_shows_draft(client_editor, editor, toolbox, "intro", "<p>Kladde til værktøjskassen.</p>")
