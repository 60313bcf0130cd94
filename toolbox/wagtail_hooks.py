from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .loader import load_toolbox
from .models import GlossaryTerm, Source


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Ordbog"
    list_display = ["term", "short_definition", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "short_definition"]
    ordering = ["term"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    menu_label = "Kilder"
    list_display = ["title", "authors", "kind"]
    search_fields = ["title", "authors"]
    ordering = ["sort_order", "title"]


class ToolboxSnippets(SnippetViewSetGroup):
    items = (GlossaryTermViewSet, SourceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Værktøjskassen"
    menu_name = "toolbox"


register_snippet(ToolboxSnippets)


@hooks.register("register_catalogue_loader")
def toolbox_loader():
    return {"order": 10, "name": "toolbox", "load": load_toolbox}
