"""``load_catalogue`` builds the toolbox from toolbox/content: the catalogue's seven phases, at
least one tool in each, the Ordbog word for word, the sources, worksheets and English versions."""

import zipfile

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from home.catalogue import CatalogueContext
from toolbox.loader import load_toolbox
from toolbox.models import GlossaryTerm, PhasePage, Source, ToolboxPage, ToolDocument, ToolPage

from .conftest import PHASES

ORDBOG = {
    "Aktør": ("er betegnelse for en aktivt deltagende partner i co-creation initiativet."),
    "Ankerperson": (
        "repræsenterer den fælles udfordring, som co-creation initiativet tager udgangspunkt i. "
        'Ankerpersonen er et "anker" tilbage til initiativets begyndelse og til det grundige '
        "kortlægnings- og analysearbejde. Ankerpersonen sikrer sammenhæng."
    ),
    "Co-creation initiativ": (
        "er betegnelse for den samskabende proces, fra opstart til afslutning. Det kaldes et co-"
        "creation initiativ, fordi det adskiller sig væsentligt fra traditionelle "
        "projektstrukturer."
    ),
    "Co-creation/samskabelse": (
        "er betegnelse for den samarbejdsform, hvor politiet sammen med relevante myndigheder, "
        "private virksomheder, borgere m.fl. finder frem til løsninger på fælles udfordringer, "
        "som er for komplekse eller omfattende at løfte alene."
    ),
    "Den fælles, samlede platform": (
        "er den forsamling af aktører, som er del af co-creation initiativets forskellige "
        "udviklingsplatforme."
    ),
    "Tovholder": (
        "fungerer som brobygger mellem udviklingsplatformene. Tovholderen er neutral og central i"
        " udviklingsplatformene, fordi han/hun sikrer, at indflydelsen er jævnt fordelt blandt "
        "aktørerne."
    ),
    "Udfordring": (
        "bruges om problemområdet, man ønsker at adressere ved hjælp af co-creation initiativet. "
        "Den fælles, samlede udfordring inkluderer flere aktørers perspektiver på udfordringen, "
        "og ikke kun politiets."
    ),
    "Udviklingsplatform": (
        "er en mindre gruppe aktører, som samler sig om at skabe løsninger til et defineret "
        "fokusområde under den overordnede udfordring."
    ),
}
OTHER_TERMS = {
    "Realitetstjek",
    "Baseline",
    "Ringe i vandet",
    "Bruger",
    "Superbruger",
    "ERFA-dag",
    "Kernegruppe",
}
NAMED_TOOLS = {
    "ankerperson": "opstart",
    "kortlaegningsplan": "kortlaegning",
    "analysemodul": "analysemodul",
    "dialogguide": "aktoerinvolvering",
    "etableringsworkshop": "etablering",
    "udviklingsplatforme": "etablering",
    "maalsaetning": "etablering",
    "ringe-i-vandet-log": "samskabende-udviklingsarbejde",
    "kernegruppe-eller-ej": "samskabende-udviklingsarbejde",
    "realitetstjek": "afslutning",
    "evaluering-og-afslutning": "afslutning",
}


@pytest.fixture
def loaded(home_page):
    ctx = CatalogueContext(home=home_page)
    load_toolbox(ctx)
    return ctx


def danish_pages(model):
    return model.objects.filter(locale__language_code="da")


def test_catalogue_builds_the_method_in_order_and_again_without_duplicates(loaded, home_page, client_learner):
    toolbox = danish_pages(ToolboxPage).get()
    assert (toolbox.title, toolbox.slug, toolbox.show_in_menus) == (
        "Værktøjskassen",
        "vaerktoejskassen",
        True,
    )
    assert toolbox.get_parent().pk == home_page.pk

    phases = list(danish_pages(PhasePage).child_of(toolbox).order_by("number"))
    assert [(p.number, p.slug, p.title) for p in phases] == [
        (n, slug, title) for n, (slug, title) in enumerate(PHASES, start=1)
    ]
    for phase in phases:
        assert ToolPage.objects.child_of(phase).live().exists(), phase.title
    for slug, phase_slug in NAMED_TOOLS.items():
        tool = danish_pages(ToolPage).get(slug=slug)
        assert tool.get_parent().slug == phase_slug
        assert tool.templates.exists(), slug
        assert len(tool.steps) >= 3, slug

    terms = {t.term: t.short_definition for t in GlossaryTerm.objects.filter(locale__language_code="da")}
    for term, definition in ORDBOG.items():
        assert terms[term] == definition
    assert OTHER_TERMS <= set(terms) and "Styregruppe" in terms

    assert Source.objects.filter(kind=Source.KIND_LITERATURE).count() == 10
    assert Source.objects.get(kind=Source.KIND_POLICE).url == "http://politi.dk/samarbejde/co-creation"

    # Worksheets are real files: Word documents that open (a zip with the document part) and CSV sheets.
    worksheet = danish_pages(ToolPage).get(slug="ankerperson").templates.first().document
    with worksheet.open_file() as handle, zipfile.ZipFile(handle) as package:
        assert "Ankerperson" in package.read("word/document.xml").decode()

    # English versions exist and can be read, under the English home page.
    english = Locale.objects.get(language_code="en")
    english_phase = PhasePage.objects.get(locale=english, number=2)
    assert english_phase.title == "Mapping"
    english_tool = client_learner.get("/en/vaerktoejskassen/kortlaegning/kortlaegningsplan/")
    assert english_tool.status_code == 200
    assert "<h1>Mapping plan</h1>" in english_tool.content.decode()
    assert "Templates and worksheets" in english_tool.content.decode()  # the interface, too
    english_glossary = client_learner.get("/en/vaerktoejskassen/ordbog/").content.decode()
    assert 'href="/en/vaerktoejskassen/etablering/udviklingsplatforme/">Development platforms</a>' in (
        english_glossary
    )
    # Terms of art keep their Danish name, with the English gloss that is marked in English text too.
    anchor = GlossaryTerm.objects.get(locale=english, slug="ankerperson")
    assert anchor.term == "Ankerperson/anchor person"
    assert anchor.forms == ["Ankerperson", "anchor person"]
    assert GlossaryTerm.objects.get(locale=english, slug="tovholder").term == "Tovholder/coordinator"
    assert (
        GlossaryTerm.objects.get(locale=english, slug="udviklingsplatform").term
        == "Udviklingsplatform/development platform"
    )

    counts = (Page.objects.count(), get_document_model().objects.count(), ToolDocument.objects.count())
    load_toolbox(CatalogueContext(home=home_page))
    assert (
        Page.objects.count(),
        get_document_model().objects.count(),
        ToolDocument.objects.count(),
    ) == counts
    assert GlossaryTerm.objects.count() == 2 * len(terms)
