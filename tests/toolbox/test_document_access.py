"""Files follow the pages that use them (home/file_access.py): the worksheet of a tool restricted
to a group downloads only for readers who may open the tool (or its English translation, which
the Danish restriction covers), and for editors, who see it in the library anyway. A document an
open page uses too, or one no page uses, downloads as before."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from tests.conftest import restrict_to_group, translate_to_english
from toolbox import worksheets
from toolbox.models import ToolDocument

from .conftest import add_tool

pytestmark = pytest.mark.django_db

WORKSHEET = {"file": "analysenotat.csv", "title": "Analysenotat", "columns": ["Dato", "Fund"]}


def make_document(name="analysenotat.csv"):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(worksheets.build({**WORKSHEET, "file": name})), save=False)
    document.save()
    return document


def attach(tool, document):
    ToolDocument.objects.create(page=tool, document=document, description="Udfyldes af analytikeren.")
    tool.save_revision().publish()  # as the admin does: the page is saved with its inline documents
    tool.refresh_from_db()
    return tool


def download(client, document):
    response = client.get(document.url)
    if response.status_code == 200:
        b"".join(response.streaming_content)  # closes the file
    return response.status_code


@pytest.fixture
def analysts(db):
    return Group.objects.create(name="Analytikere")


@pytest.fixture
def restricted_worksheet(phases, analysts, english):
    """A worksheet on a tool with an English translation, restricted to the analysts afterwards
    (on the Danish page only)."""
    document = make_document()
    tool = attach(add_tool(phases[0], "analysenotat", "Analysenotatet"), document)
    english_tool = translate_to_english(tool, english)
    restrict_to_group(tool, analysts)
    return tool, english_tool, document


def test_the_worksheet_of_a_restricted_tool_is_refused_to_a_learner_outside_the_group(
    client_learner, restricted_worksheet
):
    tool, english_tool, document = restricted_worksheet
    assert ToolDocument.objects.filter(page=english_tool, document=document).exists()  # both use it

    assert download(client_learner, document) == 404


def test_the_worksheet_of_a_restricted_tool_downloads_for_the_group_and_for_editors(
    client, other_learner, editor, analysts, restricted_worksheet
):
    _, _, document = restricted_worksheet
    other_learner.groups.add(analysts)

    client.force_login(other_learner)
    assert download(client, document) == 200
    client.force_login(editor)  # not in the group: the library shows the document to editors anyway
    assert download(client, document) == 200


def test_a_worksheet_used_by_an_open_tool_and_a_restricted_one_downloads_for_everyone(
    client_learner, phases, analysts
):
    document = make_document()
    attach(add_tool(phases[0], "ankerperson", "Ankerpersonen"), document)
    secret = attach(add_tool(phases[0], "analysenotat", "Analysenotatet"), document)
    restrict_to_group(secret, analysts)

    assert download(client_learner, document) == 200


def test_a_worksheet_used_only_by_an_unpublished_copy_does_not_unlock_a_restricted_tool(
    client_learner, phases, analysts
):
    document = make_document()
    secret = attach(add_tool(phases[0], "analysenotat", "Analysenotatet"), document)
    restrict_to_group(secret, analysts)
    draft = attach(add_tool(phases[1], "kladde", "Kladde"), document)
    draft.unpublish()

    assert download(client_learner, document) == 404


def test_a_document_no_page_uses_downloads_as_before(client, client_learner, phases, analysts):
    secret = add_tool(phases[0], "analysenotat", "Analysenotatet")
    restrict_to_group(secret, analysts)
    document = make_document("loest-ark.csv")

    assert download(client_learner, document) == 200
    client.logout()
    assert download(client, document) == 302  # still only for signed-in users


def test_the_english_translation_counts_as_the_restricted_page(client_learner, phases, analysts, english):
    """A worksheet that only the English translation still uses is restricted by the Danish page."""
    tool = add_tool(phases[0], "analysenotat", "Analysenotatet")
    english_tool = translate_to_english(tool, english)
    document = make_document()
    attach(Page.objects.get(pk=english_tool.pk).specific, document)
    restrict_to_group(tool, analysts)

    assert download(client_learner, document) == 404
