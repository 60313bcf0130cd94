"""One access rule, everywhere (issue 22, item 4): a test generated from the site, not from a list.

With the whole catalogue loaded (Danish and its English translations), one page of every concrete
page type that has live pages is restricted to a new group, on the Danish page, after the English
translation exists, through the admin's privacy form, the way a specialist does it. The page types,
the pages, the words to look for and the surfaces to look at are all read from the site:

- the page types: the distinct specific types of the live pages, without the home page and the
  section indexes (depth ≤ 3: restricting one would hide a whole section, and the other pages
  below it with it);
- the page of each type: a leaf if the type has leaves, else the one with the fewest pages below
  it; with an English translation; never inside or above a page already picked;
- the words: each restricted page's title (where no other page's title or indexed text contains
  it), a distinctive word of its indexed text (in no other search index entry, no other text row
  of the site and no template or interface string, so only the restricted page can put it in an
  answer) and that word misspelt (for "Mente du …?" and corrected queries);
- the surfaces: every live page in both languages and its routable sub-routes without
  arguments, every URL pattern without required arguments (both languages; not the admin, not
  logout or the language switch), the learner's own objects by id (their initiative and its
  phases, goals, report; their experience posts; their certificates and quiz attempts) and every
  search endpoint in both languages for every one of those words.

A signed-in learner outside the group crawls them all after having used the site (the caches are
warm) before the restriction was set; what they get must not link to a restricted page (or a
page below it), show its distinctive title or word, or open it; the documents only restricted
pages use must not download. A member of the group opens the pages, downloads the documents and
finds the pages by the words, so the test cannot pass by looking for nothing.

Expected to fail until the access rule (home/access.py) holds on every surface."""

import html
import itertools
import json
import re
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex
from wagtail.search.models import IndexEntry

from courses.models import Certificate, CoursePage
from erfa.models import ExperiencePost
from home.roles import LEARNERS
from initiatives.models import Goal, Initiative
from search import registry
from search.text import words_of
from tests.conftest import make_user, page_action
from toolbox.models import ToolDocument

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
PROJECT_APPS = ("home", "cases", "toolbox", "courses", "erfa", "initiatives", "privacy", "search", "site")
# Their own text: not the search app's (its vocabulary holds every word of every page).
TEXT_APPS = ("home", "cases", "toolbox", "courses", "erfa", "initiatives", "privacy")
LANGUAGES = ("da", "en")
MIN_SURFACES = 150
WORD_LENGTH = 7
SECTION_DEPTH = 3  # home page 2, section indexes 3
# URL patterns that change state on GET or end the session (the rest that change state are
# require_POST: a GET gets 405 and shows nothing).
SKIPPED_PATHS = ("admin/", "accounts/logout/", "i18n/setlang/")
PERSONAL_DATA_PATH = "/my-data/"
SEARCH_ENDPOINTS = ("/search/", "/api/search/", "/search/autocomplete/")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- what the site holds ---------------------------------------------------------------------


def live_pages():
    return list(Page.objects.live().filter(depth__gt=1).select_related("locale").order_by("path").specific())


def subtree(page):
    return Page.objects.filter(path__startswith=page.path)


def pick_pages(pages):
    """One Danish page per concrete page type below the section indexes (see the module's doc)."""
    by_type = defaultdict(list)
    for page in pages:
        if page.locale.language_code == "da":
            by_type[type(page)].append(page)
    english_keys = {page.translation_key for page in pages if page.locale.language_code == "en"}
    below = {page.pk: subtree(page).count() - 1 for page in pages if page.locale.language_code == "da"}
    picked = []

    def clashes(page):
        return any(page.path.startswith(p.path) or p.path.startswith(page.path) for p in picked)

    types = [t for t, ps in by_type.items() if max(p.depth for p in ps) > SECTION_DEPTH]
    for page_type in sorted(types, key=lambda t: (len(by_type[t]), t.__name__)):
        candidates = [
            p for p in by_type[page_type] if p.depth > SECTION_DEPTH and p.translation_key in english_keys
        ]
        candidates = [p for p in candidates if not clashes(p)]
        if candidates:
            picked.append(min(candidates, key=lambda p: (below[p.pk], p.path)))
    return picked, sorted(t.__name__ for t in by_type)


def index_texts():
    """{(content type id, object id): text} of every search index entry."""
    vendor_fields = ("title_text", "body_text") if _postgres() else ("title", "body")
    rows = IndexEntry.objects.values_list("content_type_id", "object_id", *vendor_fields)
    return {(ct, str(oid)): f"{title or ''} {body or ''}" for ct, oid, title, body in rows}


def _postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def page_entry_keys(pages):
    return {(ContentType.objects.get_for_model(type(p)).pk, str(p.pk)) for p in pages}


def other_rows_text(restricted_ids):
    """The text fields of every other row of the project's own models (quotes, results, posts,
    initiatives, quizzes, …) that does not belong to a restricted page."""
    texts = []
    for label in TEXT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if issubclass(model, Page):
                continue
            text_fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
            ]
            page_fks = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.ForeignKey) and issubclass(f.related_model, Page)
            ]
            if not text_fields:
                continue
            for row in model.objects.values(*text_fields, *page_fks):
                if any(row.get(fk) in restricted_ids for fk in page_fks):
                    continue
                texts.extend(str(row[name]) for name in text_fields if row[name])
    return texts


def interface_text():
    """Templates and interface strings: words the site writes whatever its content."""
    texts = []
    for label in PROJECT_APPS:
        folder = BASE_DIR / label
        for path in itertools.chain(folder.rglob("*.html"), folder.rglob("*.po"), folder.rglob("*.txt")):
            texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    for path in (BASE_DIR / "config").rglob("*.html"):
        texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return texts


def documents_only_used_by(page_ids):
    """The documents that pages use (the reference index; a tool's worksheets) all of them among
    ``page_ids``."""
    page_type = ContentType.objects.get_for_model(Page)
    found = []
    for document in get_document_model().objects.order_by("pk"):
        users = {
            int(ref.object_id)
            for ref in ReferenceIndex.get_references_to(document)
            if ref.base_content_type_id == page_type.pk
        }
        users |= set(ToolDocument.objects.filter(document=document).values_list("page_id", flat=True))
        if users and users <= page_ids:
            found.append(document)
    return found


def misspelt(word, known):
    """``word`` with one letter dropped from its middle (not a known word itself)."""
    for offset in range(len(word) // 2, len(word) - 2):
        typo = word[:offset] + word[offset + 1 :]
        if typo not in known:
            return typo
    return word[:-1]


# --- the URLs to crawl -----------------------------------------------------------------------

ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def url_patterns(language):
    """(path, namespace) of every URL pattern, with ``<…>`` left in routes that take arguments."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            part = _pattern_text(pattern.pattern, language)
            if part is None:
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + part, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                found.append(("/" + prefix + part, namespace))

    with translation.override(language):
        walk(get_resolver().url_patterns, "", None)
    return found


def _pattern_text(pattern, language):
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    if isinstance(pattern, RegexPattern):
        regex = str(pattern).lstrip("^").rstrip("$").replace(r"\.", ".")
        return regex if re.fullmatch(r"[\w\-/.]*", regex) else None  # a real regex: not fillable
    return None


def expand(path, values):
    """Every path with the arguments filled in from ``values`` {name: [value, …]}; [] when one
    argument has no value."""
    names = [m.group("name") for m in ARGUMENT.finditer(path)]
    if not names:
        return [path]
    if any(not values.get(name) for name in names):
        return []
    expanded = []
    for combination in itertools.product(*(values[name] for name in names)):
        filled = dict(zip(names, combination, strict=True))
        expanded.append(ARGUMENT.sub(lambda m: str(filled[m.group("name")]), path))  # noqa: B023
    return expanded


def subroutes(page):
    """The page's routable sub-routes that take no argument."""
    if not isinstance(page, RoutablePageMixin):
        return []
    routes = []
    for pattern in page.get_subpage_urls():
        route = str(pattern.pattern)
        if route and "<" not in route:
            routes.append(page.url + route)
    return routes


# --- reading an answer -----------------------------------------------------------------------

LINK = re.compile(r"""(?:href|action|src|data-url|data-href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def path_of(url):
    url = html.unescape(url.strip())
    if not url.startswith(("/", "http://", "https://")):
        return None
    return urlsplit(url).path or "/"


def json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, str):
        yield value


def read(response):
    """(status, text, linked paths) of a response; JSON decoded, its strings as the text."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    text = body.decode("utf-8", errors="ignore")
    links = [path_of(url) for url in LINK.findall(text)]
    if "json" in response.get("Content-Type", ""):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            data.pop("query", None)  # the question echoed back
        if data is not None:
            strings = list(json_strings(data))
            text = "\n".join(strings)
            links += [path_of(s) for s in strings]
    return response.status_code, text, [link for link in links if link]


def contains_word(text, word):
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def contains_phrase(text, phrase):
    lowered = text.lower()
    return phrase.lower() in lowered or html.escape(phrase).lower() in lowered


# --- the test --------------------------------------------------------------------------------


def test_no_surface_shows_a_page_the_reader_may_not_open(learner, specialist, district, media):
    started = time.monotonic()
    call_command("load_catalogue", verbosity=0)
    loaded = time.monotonic()

    pages = live_pages()
    picked, page_types = pick_pages(pages)
    assert len(picked) >= 8, f"too few page types to restrict: {[type(p).__name__ for p in picked]}"

    # Everything a restriction on the Danish page hides: its translations and all below them.
    restricted_roots = []
    for danish in picked:
        english = danish.get_translation(Locale.objects.get(language_code="en")).specific
        restricted_roots.append((danish, english))
    restricted = {p.pk: p for root in itertools.chain(*restricted_roots) for p in subtree(root).specific()}
    restricted_urls = sorted({p.url for p in restricted.values() if p.url}, key=len, reverse=True)

    documents = documents_only_used_by(set(restricted))

    # The words only the restricted pages (and the documents only they use) hold.
    entries = index_texts()
    restricted_keys = page_entry_keys(restricted.values())
    restricted_keys |= {(ContentType.objects.get_for_model(type(d)).pk, str(d.pk)) for d in documents}
    other_texts = [text for key, text in entries.items() if key not in restricted_keys]
    other_texts += other_rows_text(set(restricted))
    other_texts += [p.title for p in pages if p.pk not in restricted]
    other_words = {word for text in other_texts for word in words_of(text)}
    interface = interface_text()
    interface_words = {word for text in interface for word in words_of(text)}
    other_lowered = "\n".join(other_texts + interface).lower()
    known_words = other_words | interface_words | {w for t in entries.values() for w in words_of(t)}

    # (restricted page, kind, text to look for): distinctive titles and words.
    secrets = []
    queries = []  # (query, restricted page it is made from, what it is)
    notes = []
    for page in itertools.chain(*restricted_roots):
        language = page.locale.language_code
        key = (ContentType.objects.get_for_model(type(page)).pk, str(page.pk))
        own_text = entries.get(key, page.title)
        queries.append((page.title, page, language, "title"))
        if page.title.lower() in other_lowered:
            # The title stands in another page's title or text, or in the interface: seeing it
            # proves nothing, so it is searched for but not looked for in the answers.
            notes.append(f"title not distinctive, not checked: {page.title!r} ({page.url})")
        else:
            secrets.append((page, "title", page.title))
        candidates = sorted(
            {
                w
                for w in words_of(own_text)
                if len(w) >= WORD_LENGTH and w.isalpha() and w not in other_words and w not in interface_words
            },
            key=lambda w: (-len(w), w),
        )
        if not candidates:
            notes.append(f"no distinctive word in {page.url}")
            continue
        word = candidates[0]
        secrets.append((page, "word", word))
        queries.append((word, page, language, "word"))
        queries.append((misspelt(word, known_words), page, language, "misspelt word"))

    prepared = time.monotonic()
    group = Group.objects.create(name="Adgangstest: lukket gruppe")
    member = make_user("medlem@politi.dk", LEARNERS, district=district)
    member.groups.add(group)
    reader, member_client, admin = Client(), Client(), Client()
    reader.force_login(learner)
    member_client.force_login(member)
    admin.force_login(specialist)

    # The learner used the site before the pages were restricted: caches are warm, they visited
    # every lesson (progress) and started the quizzes of the pages about to be restricted.
    for page in pages:
        reader.get(page.url)
    for page in picked:
        if getattr(page, "quiz_id", None):
            reader.post(page_action(page, "quiz_start"))
    for query, _page, _language, _kind in queries:
        for language in LANGUAGES:
            prefix = "" if language == "da" else "/en"
            reader.get(f"{prefix}/search/?{urlencode({'q': query})}")
    # A certificate of each course left open (one of a course restricted later would rightly
    # keep its title: it is the learner's own record).
    for course in CoursePage.objects.live().filter(locale__language_code="da"):
        if course.pk not in restricted:
            Certificate.objects.create(
                user=learner,
                course=course,
                course_key=course.translation_key,
                recipient_name=learner.get_full_name(),
                course_title=course.title,
                track=course.track,
                activity_count=1,
            )
    warmed = time.monotonic()

    # The restrictions, set in the admin's privacy form on the Danish pages.
    for page in picked:
        response = admin.post(
            reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
            {"restriction_type": PageViewRestriction.GROUPS, "groups": [group.pk]},
        )
        assert response.status_code == 200, (page.url, response.status_code)
        assert PageViewRestriction.objects.filter(page_id=page.pk, groups=group).exists(), page.url

    # The surfaces.
    own_values = {
        "initiatives": {
            "pk": list(Initiative.objects.visible_to(learner).values_list("pk", flat=True)),
            "number": list(range(1, 8)),
            "goal_id": list(
                Goal.objects.filter(initiative__in=Initiative.objects.visible_to(learner)).values_list(
                    "pk", flat=True
                )
            ),
        },
        "erfa": {"pk": list(ExperiencePost.objects.filter(author=learner).values_list("pk", flat=True))},
        "courses": {
            "certificate_id": list(learner.certificates.values_list("pk", flat=True)),
            "attempt_id": list(learner.quiz_attempts.values_list("pk", flat=True)),
        },
    }
    assert own_values["initiatives"]["pk"], "the learner has no initiative of their own to crawl"
    surfaces = []
    for page in pages:
        surfaces.append(page.url)
        surfaces.extend(subroutes(page))
    skipped_patterns = []
    for language in LANGUAGES:
        for path, namespace in url_patterns(language):
            bare = path.removeprefix("/en/").removeprefix("/")
            if bare.startswith(SKIPPED_PATHS) or path.startswith("/admin"):
                continue
            filled = expand(path, own_values.get(namespace, {}))
            if not filled and "<" in path:
                skipped_patterns.append(path)
            surfaces.extend(filled)
    for query, _page, _language, _kind in queries:
        for language, endpoint in itertools.product(LANGUAGES, SEARCH_ENDPOINTS):
            prefix = "" if language == "da" else "/en"
            surfaces.append(f"{prefix}{endpoint}?{urlencode({'q': query})}")
    surfaces = list(dict.fromkeys(surfaces))

    def is_restricted(path):
        return any(path == url or path.startswith(url) for url in restricted_urls)

    leaks = defaultdict(list)  # kind → [(surface, what leaked)]
    statuses = defaultdict(int)
    for surface in surfaces:
        response = reader.get(surface)
        status, text, links = read(response)
        statuses[status] += 1
        if is_restricted(urlsplit(surface).path):
            if status == 200:
                leaks["restricted page opens"].append((surface, "200"))
            continue
        for link in sorted(set(links)):
            if is_restricted(link):
                target = next(url for url in restricted_urls if link == url or link.startswith(url))
                leaks["link"].append((surface, f"{link} (restricted {target})"))
        # The learner's download of their own data ("Mine data") must list every record about
        # them, the courses they took included (docs/PRIVACY.md): its titles are theirs, but it
        # must not link to a page they may no longer open.
        own_record = urlsplit(surface).path.removeprefix("/en").startswith(PERSONAL_DATA_PATH)
        query = urlsplit(surface).query
        asked = next((q for q, *_ in queries if urlencode({"q": q}) == query), None)
        for page, kind, secret in secrets:
            if own_record:
                continue
            echoed = asked is not None and (
                contains_word(asked, secret) if kind == "word" else secret.lower() in asked.lower()
            )
            if echoed:
                # The question is echoed on the search page; only a highlighted hit counts.
                if re.search(rf"<mark[^>]*>\s*{re.escape(secret)}", text, re.IGNORECASE):
                    leaks[kind].append((surface, f"{secret!r} highlighted (from {page.url})"))
                continue
            found = contains_word(text, secret) if kind == "word" else contains_phrase(text, secret)
            if found:
                leaks[kind].append((surface, f"{secret!r} (from {page.url})"))

    # The documents only restricted pages use (found above).
    for document in documents:
        status = reader.get(document.url).status_code
        if status == 200:
            leaks["document downloads"].append(
                (document.url, f"used only by restricted pages: {document.title!r}")
            )

    # Controls: the member of the group opens the pages, gets the documents and finds by the words.
    controls = []
    for page in itertools.chain(*restricted_roots):
        status = member_client.get(page.url).status_code
        if status != 200:
            controls.append(f"member gets {status} on {page.url}")
    for document in documents:
        status = member_client.get(document.url).status_code
        if status != 200:
            controls.append(f"member gets {status} on {document.url}")
    # … and finds the pages of the searched types by their word (or, lacking one, their title).
    searched = tuple(t.model for t in registry.SEARCH_TYPES if t.is_page)
    for query, page, language, kind in queries:
        if not isinstance(page, searched) or kind == "misspelt word":
            continue
        if kind == "title" and any(q[1] == page and q[3] == "word" for q in queries):
            continue
        prefix = "" if language == "da" else "/en"
        data = member_client.get(f"{prefix}/api/search/", {"q": query}).json()
        urls = {path_of(hit["url"]) for hit in data["results"]}
        if page.url not in urls:
            controls.append(f"member's search for {query!r} does not find {page.url}")
    crawled = time.monotonic()

    found = sum(len(items) for items in leaks.values())
    summary = (
        f"{len(surfaces)} surfaces crawled ({dict(statuses)}), {len(documents)} documents, "
        f"{len(picked)} pages restricted ({len(restricted)} with translations and pages below), "
        f"{found} leaks; load {loaded - started:.0f}s, words {prepared - loaded:.0f}s, "
        f"warm-up {warmed - prepared:.0f}s, "
        f"crawl {crawled - warmed:.0f}s"
    )
    report = [summary, "restricted: " + ", ".join(f"{type(p).__name__} {p.url}" for p in picked)]
    report += [f"page types on the site: {', '.join(page_types)}"]
    report += [f"looked for: {kind} {secret!r} of {page.url}" for page, kind, secret in secrets]
    report += notes
    report += [f"pattern not filled (no own object): {path}" for path in skipped_patterns]
    for kind, items in sorted(leaks.items()):
        report.append(f"--- {kind}: {len(items)}")
        report += [f"{surface} → {what}" for surface, what in items]
    print("\n".join(report))

    assert not controls, "the control failed, so the crawl proves nothing:\n" + "\n".join(controls)
    assert len(surfaces) >= MIN_SURFACES, summary
    assert statuses[200] >= MIN_SURFACES // 2, summary
    assert not leaks, "\n".join(report)
