"""Whatever a page shows, search finds: every word a reader sees in the main content of every seed
case, tool, phase and lesson page is in that page's search index entry.

The page is rendered as an officer sees it and its words compared with the plain text the index
holds for it. Not counted: the interface's own words (every word of the templates and of the
Danish source strings in the .po files), numbers, links to other pages (their titles are those
pages' words), side columns and navigation (``aside``, ``nav``), the glossary's tooltips (the
terms' own words), previews of other pages (``card-grid``, ``reference-card``), the ERFA posts
panel (posts are found on their own) and meta lines (file types and sizes, counts). So a field
added to a template without adding it to the model's ``search_fields`` (or to a model's
``LISTED`` parts, cases/models/pages.py) fails here with the words that went missing."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.search.models import IndexEntry

from search.text import words_of

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
SKIPPED_TAGS = {"script", "style", "nav", "aside", "a", "template", "button"}
# Tooltips (the terms' own words), previews of other pages, ERFA posts shown beside a case or
# tool (searchable on their own), and meta lines (file types and sizes, counts, labels).
SKIPPED_CLASSES = {
    "glossary-term__definition",
    "card-grid",
    "reference-card",
    "breadcrumbs",
    "erfa-panel",
    "meta",
}
VOID_TAGS = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "embed"}
PAGE_TYPES = ["cases.CasePage", "toolbox.ToolPage", "toolbox.PhasePage", "courses.LessonPage"]


class MainText(HTMLParser):
    """The text of ``<main>`` outside the skipped elements."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.stack = []  # (tag, skipped) of the open elements inside <main>
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
            return
        if not self.in_main or tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
            return
        if not self.in_main or tag in VOID_TAGS:
            return
        while self.stack:
            open_tag, _skipped = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_main and not any(skipped for _tag, skipped in self.stack):
            self.parts.append(data)


def interface_words():
    words = set()
    for template in ROOT.glob("*/templates/**/*.html"):
        words.update(words_of(template.read_text(encoding="utf-8")))
    for catalogue in ROOT.glob("*/locale/*/LC_MESSAGES/django.po"):
        for msgid in re.findall(r'^msgid "(.*)"$', catalogue.read_text(encoding="utf-8"), re.M):
            words.update(words_of(msgid))
    return words


def indexed_words(page):
    entry = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(page.specific_class), object_id=str(page.pk)
    )
    if connection.vendor == "postgresql":
        text = f"{entry.title_text} {entry.body_text}"
    else:
        text = f"{entry.title} {entry.body}"
    return set(words_of(text))


def test_every_word_shown_on_a_seed_page_is_in_its_search_index(client_learner):
    from django.apps import apps
    from wagtail.models import Locale

    call_command("load_catalogue", verbosity=0)
    danish = Locale.objects.get(language_code="da")
    chrome = interface_words()

    checked, problems = 0, []
    for label in PAGE_TYPES:
        for page in apps.get_model(label).objects.live().filter(locale=danish).order_by("path"):
            response = client_learner.get(page.url)
            assert response.status_code == 200, page.url
            parser = MainText()
            parser.feed(response.content.decode())
            shown = set(words_of(" ".join(parser.parts))) - chrome
            missing = sorted(shown - indexed_words(page))
            checked += 1
            if missing:
                problems.append(f"{label} {page.slug}: {missing}")

    assert checked >= 40  # 9 cases, 12 tools, 7 phases, 15 lessons: an empty load must not pass
    assert not problems, "\n".join(problems)
