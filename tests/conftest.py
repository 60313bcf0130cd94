import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Site

from home.models import District, User
from home.roles import EDITORS, LEARNERS, MODERATORS, SPECIALISTS
from toolbox.models import PhasePage, ToolboxPage

PASSWORD = "korrekt-hest-batteri"


def pytest_runtest_setup(item):
    # Row locks, concurrent writers, worker processes sharing the test database, PostgreSQL's own
    # indexes and text-search configurations: what SQLite does not have.
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache; every test starts from a clean one.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def restore_language():
    """Requests under /en/ leave English active in the test's thread (LocaleMiddleware activates it
    and nothing deactivates it), so a later test's reverse() would build /en/ URLs and search in
    English. Every test starts and ends in the default language, whichever order they run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def danish(db):
    return Locale.objects.get(language_code="da")


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def district(db):
    return District.objects.get(slug="nordjylland")


def make_user(email, *groups, **fields):
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def learner(db, district):
    return make_user("kursist@politi.dk", LEARNERS, first_name="Mette", last_name="Holm", district=district)


@pytest.fixture
def other_learner(db, district):
    return make_user("kollega@politi.dk", LEARNERS, first_name="Ole", last_name="Berg", district=district)


@pytest.fixture
def editor(db):
    return make_user("redaktoer@politi.dk", LEARNERS, EDITORS, first_name="Lea", last_name="Dalgaard")


@pytest.fixture
def specialist(db):
    """A co-creation specialist: an editor who approves and publishes pages."""
    return make_user(
        "specialist@politi.dk", LEARNERS, EDITORS, SPECIALISTS, first_name="Karin", last_name="Munk"
    )


@pytest.fixture
def moderator(db):
    return make_user("moderator@politi.dk", LEARNERS, MODERATORS, first_name="Bethina", last_name="Røge")


@pytest.fixture
def client_learner(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def client_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def client_specialist(client, specialist):
    client.force_login(specialist)
    return client


@pytest.fixture
def client_moderator(client, moderator):
    client.force_login(moderator)
    return client


def assert_preview_shows_draft(client, editor, page, field, draft_text):
    """An editor saves a draft of ``page`` with ``field`` set to ``draft_text`` after the live page
    was read (and cached): "view draft" and the preview panel show the draft, the live page still
    shows what is published."""
    from django.urls import reverse

    published_text = getattr(page, field)
    assert published_text in client.get(page.url).content.decode()
    setattr(page, field, draft_text)
    page.save_revision(user=editor)

    view_draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])).content.decode()
    preview_panel = page.make_preview_request(extra_request_attrs={"user": editor}).content.decode()
    for html in (view_draft, preview_panel):
        assert draft_text in html and published_text not in html

    live = client.get(page.url).content.decode()
    assert published_text in live and draft_text not in live


PHASES = [
    ("opstart", "Opstart"),
    ("kortlaegning", "Kortlægning"),
    ("analysemodul", "Analysemodul"),
    ("aktoerinvolvering", "Aktørinvolvering"),
    ("etablering", "Etablering"),
    ("samskabende-udviklingsarbejde", "Samskabende udviklingsarbejde"),
    ("afslutning", "Afslutning"),
]


def restrict_to_group(page, group):
    """Only members of ``group`` may open ``page`` (a Wagtail view restriction, as the admin's
    privacy setting makes it)."""
    from wagtail.models import Page, PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=page.pk), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return restriction


def page_action(page, route, *args):
    """The URL of a learning action: a sub-route of its lesson or module page
    (``RoutablePageMixin``), the one URL scheme the actions have."""
    page = page.specific
    return page.url + page.reverse_subpage(route, args=args)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_to_english(page, english):
    """``page`` and every ancestor below the root translated and published, as wagtail-localize
    leaves them; the English copy of ``page``."""
    translated = None
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gte=2).specific():
        translated = ancestor.get_translation_or_none(english)
        if translated is None:
            translated = publish(ancestor.copy_for_translation(english))
    return translated


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def toolbox(home_page):
    return add_page(
        home_page,
        ToolboxPage(
            title="Værktøjskassen",
            slug="vaerktoejskassen",
            show_in_menus=True,
            intro="<p>Co-creation er politiets metode til samskabelse.</p>",
        ),
    )


@pytest.fixture
def phases(toolbox):
    return [
        add_page(
            toolbox,
            PhasePage(
                title=title,
                slug=slug,
                number=number,
                summary=f"Fase {number} kort fortalt.",
                purpose=f"<p>Formålet med {title.lower()} er at komme godt i gang.</p>",
                run_by="arbejdsgruppe" if number <= 4 else "platform",
            ),
        )
        for number, (slug, title) in enumerate(PHASES, start=1)
    ]
