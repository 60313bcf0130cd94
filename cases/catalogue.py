"""Loads the case catalogue from ``cases/content/``: the index page, themes, actors, the nine cases
and the catalogue's quotes, then their English translations.

Pages are matched by slug, actors by name, themes by slug and quotes by a key that becomes their
translation key, so a second run changes nothing. Toolbox phases and tools are linked when the
toolbox has been loaded (it loads before the cases); a later run adds links that were missing."""

import uuid

from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.catalogue import read_content, translate, upsert_page
from home.models import District
from toolbox.models import PhasePage, ToolPage

from .models import (
    Actor,
    CaseActor,
    CaseGoal,
    CaseIndexPage,
    CaseInspiration,
    CasePage,
    CasePhaseLink,
    CaseResult,
    CaseRippleEffect,
    CaseToolLink,
    Quote,
    Theme,
)

QUOTE_NAMESPACE = uuid.UUID("6b0f7c1e-4f52-4a57-9a1e-2f1d5c0c7a11")


def quote_translation_key(key):
    return uuid.uuid5(QUOTE_NAMESPACE, key)


def load_cases(ctx):
    # Each saved actor, result and goal would reindex its whole page's references; the pages are
    # indexed once at the end instead (a full load took a minute, mostly in reindexing).
    with disable_reference_index_auto_update():
        loaded = _load_cases(ctx)
    for instance in loaded:
        ReferenceIndex.create_or_update_for_object(instance)


def _load_cases(ctx):
    catalogue = read_content("cases", "catalogue")
    danish = Locale.objects.get(language_code="da")

    themes = {}
    for order, theme in enumerate(catalogue["themes"]):
        themes[theme["slug"]], _ = Theme.objects.update_or_create(
            slug=theme["slug"],
            defaults={"name": theme["name"], "name_en": theme["name_en"], "sort_order": order},
        )
    actors = {}
    for name, actor_type in catalogue["actors"].items():
        actors[name], _ = Actor.objects.update_or_create(name=name, defaults={"actor_type": actor_type})
    ctx.count("actors", len(actors))

    index_content = catalogue["index"]
    index = upsert_page(
        ctx,
        ctx.home,
        CaseIndexPage,
        index_content["slug"],
        {"title": index_content["title"], "intro": index_content["intro"], "show_in_menus": True},
    )

    toolbox = ToolboxPages()
    cases = []
    for name in catalogue["cases"]:
        content = read_content("cases", name)
        page = upsert_page(
            ctx, index, CasePage, content["slug"], case_fields(content, themes, actors, toolbox, index)
        )
        cases.append((page, content))
        ctx.count("cases")

    quote_contents = [(quote, page) for page, content in cases for quote in content.get("quotes", [])]
    quote_contents += [(quote, None) for quote in catalogue["quotes"]]
    quotes = [
        (load_quote(quote, danish, order, case=page), quote)
        for order, (quote, page) in enumerate(quote_contents)
    ]

    loaded = [index, translate(index, index_content.get("english"))]
    english_cases = {}
    for page, content in cases:
        english_cases[page.pk] = translate(page, english_strings(content))
        loaded += [page, english_cases[page.pk]]
    for quote, content in quotes:
        english = {content["text"]: content["english"]} if content.get("english") else None
        english_quote = translate(quote, english)
        # wagtail-localize keeps the source case on a translated snippet; point it at the translation.
        if english_quote is not None and quote.case_id and english_cases.get(quote.case_id):
            english_quote.case = english_cases[quote.case_id]
            english_quote.save(update_fields=["case"])
        loaded += [quote, english_quote]
    ctx.count("quotes", len(quotes))
    return [instance for instance in loaded if instance is not None]


def case_fields(content, themes, actors, toolbox, index):
    anchor = content.get("anchor_person") or {}
    return {
        "title": content["title"],
        "district": District.objects.get(slug=content["district"]),
        "place": content["place"],
        "start_year": content.get("start_year"),
        "status": content["status"],
        "phase_reached": content["phase_reached"],
        "summary": content["summary"].strip(),
        "challenge": content["challenge"].strip(),
        "anchor_person_name": anchor.get("name", ""),
        "anchor_person_role": anchor.get("role", ""),
        "themes": [themes[slug] for slug in content["themes"]],
        "body": content.get("body", []),
        "case_actors": keyed(
            content, "actors", ordered(case_actor(entry, actors) for entry in content["actors"])
        ),
        "results": keyed(
            content, "results", ordered(CaseResult(text=text.strip()) for text in content["results"])
        ),
        "goals": keyed(content, "goals", ordered(CaseGoal(**goal) for goal in content.get("goals", []))),
        "ripple_effects": keyed(
            content,
            "ripple_effects",
            ordered(CaseRippleEffect(text=text.strip()) for text in content.get("ripple_effects", [])),
        ),
        "inspired_links": ordered(inspiration(entry, index) for entry in content.get("inspired", [])),
        "phase_links": ordered(
            CasePhaseLink(phase=phase, note=entry.get("note", ""))
            for entry in content.get("phases", [])
            if (phase := toolbox.phase(entry["phase"]))
        ),
        "tool_links": ordered(
            CaseToolLink(tool=tool, note=entry.get("note", ""))
            for entry in content.get("tools", [])
            if (tool := toolbox.tool(entry["tool"]))
        ),
    }


def ordered(children):
    """Child objects numbered in the order the content file lists them (the admin does the same)."""
    children = list(children)
    for position, child in enumerate(children):
        child.sort_order = position
    return children


def keyed(content, relation, children):
    """Give a case's translatable children translation keys derived from the case and their place,
    so a reload that replaces them keeps their English translations attached."""
    for child in children:
        child.translation_key = quote_translation_key(f"{content['slug']}:{relation}:{child.sort_order}")
    return children


def case_actor(entry, actors):
    if isinstance(entry, str):
        return CaseActor(actor=actors[entry])
    return CaseActor(actor=actors[entry["actor"]], units=entry.get("units", ""), role=entry.get("role", ""))


def inspiration(entry, index):
    inspired_case = None
    if entry.get("case"):
        inspired_case = CasePage.objects.child_of(index).filter(slug=entry["case"]).first()
    return CaseInspiration(
        inspired_case=inspired_case,
        inspired_initiative=entry.get("initiative", ""),
        note=entry.get("note", ""),
    )


def english_strings(content):
    """Danish source text → English, from a case file's ``english`` section: translations of
    single fields by field name, and of any other text (body paragraphs) under ``strings``.

    Actors' roles, results, goals and ripple effects are translated with the page (translatable
    inline children); their English is in ``cases/content/english/``."""
    english = content.get("english") or {}
    strings = dict(english.get("strings") or {})
    for name in ("title", "place", "summary", "challenge"):
        if english.get(name):
            strings[content[name]] = english[name]
    anchor = content.get("anchor_person") or {}
    if english.get("anchor_role") and anchor.get("role"):
        strings[anchor["role"]] = english["anchor_role"]
    return strings


def load_quote(content, locale, order, case=None):
    quote, _ = Quote.objects.update_or_create(
        translation_key=quote_translation_key(content["key"]),
        locale=locale,
        defaults={
            "text": " ".join(content["text"].split()),
            "person": content.get("person", ""),
            "role": content.get("role", ""),
            "organisation": content.get("organisation", ""),
            "voice": content["voice"],
            "case": case,
            "sort_order": order,
        },
    )
    return quote


class ToolboxPages:
    """The Danish toolbox's live phase and tool pages by slug."""

    def __init__(self):
        danish = {"live": True, "locale__language_code": "da"}
        self.phases = {page.slug: page for page in PhasePage.objects.filter(**danish)}
        self.tools = {page.slug: page for page in ToolPage.objects.filter(**danish)}

    def phase(self, slug):
        return self.phases.get(slug)

    def tool(self, slug):
        return self.tools.get(slug)
