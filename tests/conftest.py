import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Site

from home.models import District, User
from home.roles import EDITORS, LEARNERS, MODERATORS

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
def client_moderator(client, moderator):
    client.force_login(moderator)
    return client
