"""``load_catalogue`` for the toolbox: the method page, 7 phases, their tools with worksheets,
the glossary and the sources, from ``toolbox/content/*.yaml``. Runs before the cases (order 10),
which link to phases and tools by slug."""

import hashlib

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from home.catalogue import read_content, translate, upsert_page

from . import worksheets
from .models import (
    GlossaryPage,
    GlossaryTerm,
    PhasePage,
    Source,
    SourcesPage,
    ToolboxPage,
    ToolDocument,
    ToolPage,
)

TOOLBOX_SLUG = "vaerktoejskassen"
COLLECTION_NAME = "Værktøjskassen"


def _page_fields(item, names):
    return {name: item[name] for name in names if name in item}


def load_toolbox(ctx):
    content = read_content("toolbox", "toolbox")
    toolbox = upsert_page(
        ctx,
        ctx.home,
        ToolboxPage,
        TOOLBOX_SLUG,
        {
            "show_in_menus": True,
            **_page_fields(
                content,
                [
                    "title",
                    "intro",
                    "when_it_fits",
                    "phases_intro",
                    "roles",
                    "tracks",
                    "value_creation",
                    "key_lessons",
                    "goal_setting",
                ],
            ),
        },
    )
    translate(toolbox, content.get("english"))

    phases = {}
    for item in read_content("toolbox", "phases"):
        phase = upsert_page(
            ctx,
            toolbox,
            PhasePage,
            item["slug"],
            _page_fields(
                item, ["title", "number", "summary", "purpose", "run_by", "duration", "outputs", "pitfalls"]
            ),
        )
        translate(phase, item.get("english"))
        phases[item["slug"]] = phase
        ctx.count("phases")

    collection = _collection()
    tools = {}
    for item in read_content("toolbox", "tools"):
        documents = [
            (_document(collection, sheet), sheet.get("description", ""))
            for sheet in item.get("templates", [])
        ]

        def set_templates(page, documents=documents):
            page.templates = [
                ToolDocument(document=document, description=description, sort_order=index)
                for index, (document, description) in enumerate(documents)
            ]

        tool = upsert_page(
            ctx,
            phases[item["phase"]],
            ToolPage,
            item["slug"],
            _page_fields(
                item, ["title", "summary", "purpose", "when_to_use", "who_uses", "time_needed", "steps"]
            ),
            after_save=set_templates,
        )
        translate(tool, item.get("english"))
        tools[item["slug"]] = tool
        ctx.count("tools")

    glossary_content = read_content("toolbox", "glossary")
    glossary_page = upsert_page(
        ctx,
        toolbox,
        GlossaryPage,
        glossary_content["slug"],
        _page_fields(glossary_content, ["title", "intro"]),
    )
    translate(glossary_page, glossary_content.get("english"))
    _load_glossary(ctx, glossary_content["terms"], {**phases, **tools})

    sources_content = read_content("toolbox", "sources")
    sources_page = upsert_page(
        ctx, toolbox, SourcesPage, sources_content["slug"], _page_fields(sources_content, ["title", "intro"])
    )
    translate(sources_page, sources_content.get("english"))
    for order, item in enumerate(sources_content["sources"]):
        Source.objects.update_or_create(
            title=item["title"],
            defaults={
                "authors": item.get("authors", ""),
                "description": item.get("description", ""),
                "url": item.get("url", ""),
                "kind": item.get("kind", Source.KIND_LITERATURE),
                "sort_order": order,
            },
        )
        ctx.count("sources")


def _load_glossary(ctx, terms, pages_by_slug):
    danish = Locale.objects.get(language_code="da")
    for item in terms:
        related = pages_by_slug.get(item.get("related", ""))
        term, _ = GlossaryTerm.objects.update_or_create(
            locale=danish,
            slug=item["slug"],
            defaults={
                "term": item["term"],
                "short_definition": " ".join(item["short_definition"].split()),
                "description": item.get("description", ""),
                "text_forms": "\n".join(item.get("text_forms", [])),
                "related_page": related,
            },
        )
        translate(term, item.get("english"))
        ctx.count("glossary terms")


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def _document(collection, sheet):
    """The Wagtail document for a worksheet, created or refreshed when its content changed."""
    Document = get_document_model()
    data = worksheets.build(sheet)
    file_hash = hashlib.sha1(data).hexdigest()
    document = Document.objects.filter(collection=collection, title=sheet["title"]).first()
    if document is not None and document.file_hash == file_hash:
        return document
    if document is None:
        document = Document(title=sheet["title"], collection=collection)
    else:
        document.file.delete(save=False)
    document.file.save(sheet["file"], ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document
