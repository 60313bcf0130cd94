"""The English site is really English: every text of the loaded catalogue has its English
translation (through wagtail-localize, so editors see what goes out of date), no English page
repeats its Danish source, translated quotes keep the Danish original one click away, the
language switch on every page leads to that page's translation, and English words find the
English content on PostgreSQL.

Each test loads the catalogue once (about a minute)."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page

from cases.models import CasePage, Quote
from home.management.commands.check_translations import missing_english
from search.service import SearchRequest, SiteSearch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("restore_language")]


# The page text an English reader reads, per page type: whichever of these a page has.
TEXT_FIELDS = ("body", "intro", "summary", "challenge", "learning_objectives")


def page_text(page):
    return {name: str(getattr(page, name)) for name in TEXT_FIELDS if getattr(page, name, None)}


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def test_every_catalogue_text_has_english_and_no_english_page_repeats_the_danish(client_learner, english):
    call_command("load_catalogue", verbosity=0)

    missing = [(str(source.get_source_instance()), strings) for source, strings in missing_english(english)]
    assert missing == []

    danish_pages = [
        page.specific for page in Page.objects.live().filter(locale__language_code="da", depth__gt=1)
    ]
    # Home, 4 section indexes, 9 cases, toolbox + 7 phases + 12 tools + glossary + sources,
    # 2 courses, 6 modules, 15 lessons, 2 ERFA days: an empty load must not pass.
    assert len(danish_pages) >= 60
    same = []
    for page in danish_pages:
        target = page.get_translation_or_none(english)
        assert target is not None and target.live, f"{page} has no live English translation"
        target = target.specific
        danish_text, english_text = page_text(page), page_text(target)
        same += [f"{page}: {name}" for name in danish_text if danish_text[name] == english_text.get(name)]
    assert same == []

    # The language switch on every Danish page leads to its English translation, and back.
    wrong = []
    for page in danish_pages:
        target = page.get_translation(english)
        for shown, other in ((page, target), (target, page)):
            html = client_learner.get(shown.url).content.decode()
            other_language = "da" if shown is target else "en"
            link = re.search(rf'<a href="([^"]*)" lang="{other_language}" hreflang="{other_language}"', html)
            if link is None or link.group(1) != other.url:
                wrong.append(f"{shown.url} → {link and link.group(1)} (expected {other.url})")
    assert wrong == []

    # An English case shows its quotes in English with the Danish words one click away.
    aalborg = CasePage.objects.get(slug="et-trygt-natteliv-i-aalborg", locale=english)
    quote = Quote.objects.get(
        locale=english, case__translation_key=aalborg.translation_key, person="John Vangsgaard"
    )
    danish_quote = quote.get_translation(Locale.objects.get(language_code="da"))
    html = client_learner.get(aalborg.url).content.decode()
    assert "I believe in a safer town" in html
    assert "<summary>Original (Danish)</summary>" in html
    assert f'<blockquote lang="da"><p>{danish_quote.text}</p></blockquote>' in html


@pytest.mark.postgres
def test_english_words_find_the_english_content(learner):
    call_command("load_catalogue", verbosity=0)

    # Inflected forms the text does not contain as written: "burglaries" (burglary), "gangs" (gang).
    queries = {
        "nightlife": ("case", "et-trygt-natteliv-i-aalborg"),
        "burglaries": ("case", "hjoerring-fri-for-indbrud"),
        "distraction theft": ("case", "aeldre-og-tryghed"),
        "departure centre": ("case", "tryghed-omkring-udrejsecenter-kaershovedgaard"),
        "gangs recruitment": ("case", "bryd-foedekaeden-til-banderne"),
        "anchor person": ("lesson", "ankerpersonen"),
        "coordinator": ("term", "tovholder"),
        "ripples in the water": ("tool", "ringe-i-vandet-log"),
        "mapping plan": ("tool", "kortlaegningsplan"),
    }
    problems = []
    with translation.override("en"):
        site_search = SiteSearch(learner)
        for query, (type_key, key) in queries.items():
            hits = site_search.search(SearchRequest(query=query)).hits[:5]
            found = [
                (hit.type_key, getattr(hit.obj, "slug", None) or getattr(hit.obj, "anchor", None))
                for hit in hits
            ]
            if (type_key, key) not in found:
                problems.append(f"{query!r}: {found}")
            assert all(hit.obj.locale_id == site_search.locale.pk for hit in hits), query
    assert problems == []
    with translation.override("da"):
        # Danish stays Danish: the Danish word finds the Danish case, not the English one.
        hits = SiteSearch(learner).search(SearchRequest(query="indbrud")).hits[:5]
        assert ("case", "hjoerring-fri-for-indbrud") in [
            (hit.type_key, getattr(hit.obj, "slug", "")) for hit in hits
        ]
        # (Objects without a language, such as initiatives, may be among them; nothing English is.)
        english = Locale.objects.get(language_code="en")
        assert all(getattr(hit.obj, "locale_id", None) != english.pk for hit in hits)
