import pytest
from wagtail.models import Page

from home.models import HomePage
from search import registry
from tests.toolbox.conftest import glossary_page  # noqa: F401  (a fixture shared with toolbox tests)


@pytest.fixture
def page_type(monkeypatch):
    """Search over home.HomePage pages as if they were cases, so the service can be tested on its
    own, whatever content apps are installed."""
    search_type = registry.SearchType("case", "Case", "home.HomePage")
    monkeypatch.setattr(registry, "SEARCH_TYPES", [search_type])
    return search_type


@pytest.fixture
def make_page(home_page):
    def make(title, intro="", parent=None, live=True):
        page = HomePage(title=title, intro=intro, live=live)
        (parent or home_page).add_child(instance=page)
        if live:
            page.save_revision().publish()
        return Page.objects.get(pk=page.pk).specific

    return make
