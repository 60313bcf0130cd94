"""Tool templates are Wagtail documents: downloadable by signed-in users only, and the upload
form refuses file types a browser would render as a page (HTML, SVG)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from toolbox import worksheets
from toolbox.models import ToolDocument

from .conftest import add_tool

WORKSHEET = {
    "file": "rollebeskrivelse-ankerperson.docx",
    "title": "Rollebeskrivelse og aftale for Ankerpersonen",
    "content": [
        {"heading": "Rollen", "text": "Ankerpersonen sikrer sammenhæng."},
        {"heading": "Aftale", "table": {"columns": ["Emne", "Aftale"], "rows": [["Timer pr. uge", ""]]}},
    ],
}


@pytest.fixture
def tool_with_template(phases):
    Document = get_document_model()
    document = Document(title=WORKSHEET["title"])
    document.file.save(WORKSHEET["file"], ContentFile(worksheets.build(WORKSHEET)), save=False)
    document.save()
    tool = add_tool(phases[0], "ankerperson", "Rollebeskrivelse for Ankerpersonen")
    ToolDocument.objects.create(page=tool, document=document, description="Udfyldes af Ankerperson og leder.")
    return tool, document


def test_tool_page_offers_its_templates_for_download(client_learner, tool_with_template):
    tool, document = tool_with_template

    response = client_learner.get(tool.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{document.url}"' in html
    assert document.url.startswith("/documents/")  # Wagtail's serve view, never /media/
    assert "Udfyldes af Ankerperson og leder." in html
    assert "DOCX" in html


def test_signed_in_user_downloads_the_template(client_learner, tool_with_template):
    _, document = tool_with_template

    response = client_learner.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")  # a Word document is a zip package
    assert "attachment" in response["Content-Disposition"]


def test_template_download_needs_login(client, tool_with_template):
    _, document = tool_with_template

    response = client.get(document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "name, content",
    [
        ("skabelon.html", b"<html><script>alert(1)</script></html>"),
        ("diagram.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_html_and_svg_uploads_are_refused(client_editor, name, content):
    Document = get_document_model()

    response = client_editor.post(
        reverse("wagtaildocs:add"),
        {"title": "Skabelon", "file": SimpleUploadedFile(name, content), "collection": "1"},
    )

    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["form"].errors
    assert list(errors) == ["file"]
    assert "pdf, docx" in str(errors["file"])  # the message lists the allowed types
    assert not Document.objects.filter(title="Skabelon").exists()


def test_worksheet_formats():
    csv_bytes = worksheets.build({"file": "log.csv", "title": "Log", "columns": ["Dato", "Hvad skete der"]})
    text = worksheets.build(
        {"file": "guide.txt", "title": "Guide", "content": [{"heading": "Trin", "items": ["Et"]}]}
    )

    assert csv_bytes.decode("utf-8-sig").splitlines() == ["Dato;Hvad skete der"]
    assert text.decode().splitlines()[:2] == ["Guide", "====="]
    with pytest.raises(ValueError):
        worksheets.build({"file": "x.html", "title": "x"})
