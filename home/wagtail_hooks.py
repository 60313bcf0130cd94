from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail import hooks
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .catalogue import edited_by_editor, read_content, translate
from .context_processors import invalidate_navigation
from .models import District


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "Politikredse"
    list_display = ["name", "is_national"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(DistrictViewSet)


# The header menu is cached per site and language; any change to the tree may alter it.
page_published.connect(invalidate_navigation)
page_unpublished.connect(invalidate_navigation)
post_page_move.connect(invalidate_navigation)


@receiver(post_delete)
def _invalidate_navigation_on_delete(sender, **kwargs):
    if isinstance(sender, type) and issubclass(sender, Page):
        invalidate_navigation()


def load_home(ctx):

    content = read_content("home", "home")
    home = ctx.home
    if ctx.force or not edited_by_editor(home):
        home.title = content["title"]
        home.intro = content["intro"]
        home.save_revision(user=None, log_action=False).publish(user=None, log_action=False)
    translate(home, content.get("english"))


@hooks.register("register_catalogue_loader")
def home_loader():
    return {"order": 0, "name": "home page", "load": load_home}


@hooks.register("register_home_panel")
def whats_new_panel(request, home_page):
    from .dashboard import recently_published

    pages = recently_published(home_page)
    if not pages:
        return None
    return {"template": "home/panels/whats_new.html", "order": 50, "pages": pages}
