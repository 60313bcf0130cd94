import pytest
from wagtail.models import Locale

from tests.conftest import PHASES, add_page  # noqa: F401  (imported from here by the toolbox tests)
from toolbox.models import GlossaryPage, GlossaryTerm, SourcesPage, ToolPage


def add_tool(phase, slug, title=None, **fields):
    fields.setdefault("summary", f"Kort om {slug}.")
    fields.setdefault("purpose", "<p>Formålet med værktøjet.</p>")
    fields.setdefault(
        "steps", [{"type": "step", "value": {"title": "Første trin", "text": "<p>Gør sådan.</p>", "tip": ""}}]
    )
    return add_page(phase, ToolPage(title=title or slug.capitalize(), slug=slug, **fields))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def glossary_page(toolbox):
    return add_page(toolbox, GlossaryPage(title="Ordbog", slug="ordbog"))


@pytest.fixture
def sources_page(toolbox):
    return add_page(toolbox, SourcesPage(title="Kilder", slug="kilder"))


def make_term(term, slug, definition, locale=None, **fields):
    return GlossaryTerm.objects.create(
        term=term,
        slug=slug,
        short_definition=definition,
        locale=locale or Locale.objects.get(language_code="da"),
        **fields,
    )


@pytest.fixture
def terms(glossary_page):
    return [
        make_term(
            "Ankerperson",
            "ankerperson",
            "repræsenterer den fælles udfordring, som co-creation initiativet tager udgangspunkt i.",
        ),
        make_term(
            "Aktør", "aktoer", "er betegnelse for en aktivt deltagende partner i co-creation initiativet."
        ),
        make_term(
            "Bruger",
            "bruger",
            "har et godt og dækkende kendskab til metoden.",
            text_forms="co-creation bruger\nbrugere",
        ),
    ]
