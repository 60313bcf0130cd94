import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Site

from home.models import District, User
from home.roles import EDITORS, LEARNERS, MODERATORS, SPECIALISTS

PASSWORD = "korrekt-hest-batteri"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache; every test starts from a clean one.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
