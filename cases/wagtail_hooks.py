from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .catalogue import load_cases
from .models import Actor, Quote, Theme
from .quotes import quote_of_the_day_panel


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "group"
    menu_label = "Aktører"
    list_display = ["name", "actor_type"]
    list_filter = ["actor_type"]
    search_fields = ["name"]
    ordering = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Temaer"
    list_display = ["name", "name_en", "slug"]
    ordering = ["sort_order", "name"]


class QuoteViewSet(SnippetViewSet):
    model = Quote
    icon = "openquote"
    menu_label = "Citater"
    list_display = ["text", "person", "organisation", "voice", "case"]
    list_filter = ["voice", "locale"]
    search_fields = ["text", "person", "organisation"]


class CaseSnippetsGroup(SnippetViewSetGroup):
    menu_label = "Cases"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (ActorViewSet, ThemeViewSet, QuoteViewSet)


register_snippet(CaseSnippetsGroup)


@hooks.register("register_home_panel")
def quote_panel(request, home_page):
    return quote_of_the_day_panel(request)


@hooks.register("register_catalogue_loader")
def cases_loader():
    return {"order": 20, "name": "cases", "load": load_cases}
