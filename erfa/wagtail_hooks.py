from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from erfa import admin_views
from erfa.cache import latest_approved_posts
from erfa.loader import load_erfa
from erfa.models import ErfaIndexPage
from home.roles import is_moderator
from toolbox.models import ToolPage

POSTS_PER_PANEL = 10
HOME_PANEL_DAYS = 3


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    urls = [
        path("", admin_views.moderation_queue, name="erfa_moderation_queue"),
        path("<int:pk>/", admin_views.moderation_post, name="erfa_moderation_post"),
        path("<int:pk>/godkend/", admin_views.approve, name="erfa_moderation_approve"),
        path("<int:pk>/afvis/", admin_views.reject, name="erfa_moderation_reject"),
    ]
    return [path("erfa-moderation/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        _("Erfaringer til godkendelse"), reverse("erfa_moderation_queue"), icon_name="tasks", order=250
    )


@hooks.register("register_user_menu_item")
def my_posts_menu_item(request):
    return {"label": _("Mine erfaringer"), "url": reverse("erfa:my_posts")}


def _posts_panel(posts, heading, new_post_query):
    return {
        "template": "erfa/panels/experience_posts.html",
        "order": 80,
        "heading": heading,
        "posts": posts,
        "new_post_url": f"{reverse('erfa:post_create')}?{new_post_query}",
    }


@hooks.register("register_case_page_panels")
def case_page_experience_panel(request, case_page):
    posts = latest_approved_posts(case_page, ["case"], POSTS_PER_PANEL)
    return _posts_panel(posts, _("Erfaringer fra kolleger"), f"case={case_page.pk}")


@hooks.register("register_toolbox_page_panels")
def toolbox_page_experience_panel(request, page):
    """Phase and tool pages: posts linked to the page as either, so one function serves both."""
    posts = latest_approved_posts(page, ["phase", "tool"], POSTS_PER_PANEL)
    kind = "tool" if isinstance(page, ToolPage) else "phase"
    return _posts_panel(posts, _("Erfaringer fra kolleger"), f"{kind}={page.pk}")


@hooks.register("register_home_panel")
def upcoming_days_panel(request, home_page):
    index = ErfaIndexPage.objects.live().filter(locale_id=home_page.locale_id).first()
    if index is None:
        return None
    days = list(
        index.days(request.user).filter(ends_at__gte=timezone.now()).order_by("starts_at")[:HOME_PANEL_DAYS]
    )
    return {"template": "erfa/panels/upcoming_days.html", "order": 60, "index": index, "days": days}


@hooks.register("register_catalogue_loader")
def erfa_loader():
    return {"order": 40, "name": "ERFA", "load": load_erfa}
