from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .catalogue import edited_by_editor, read_content, translate
from .models import District


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "Politikredse"
    list_display = ["name", "is_national"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(DistrictViewSet)


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

    pages = recently_published(home_page, request.user)
    if not pages:
        return None
    return {"template": "home/panels/whats_new.html", "order": 50, "pages": pages}


# Where each kind of content is written, for the admin dashboard: the section's page type (the
# home page's children) and what goes under it.
CONTENT_GUIDE = [
    (
        "cases.caseindexpage",
        _("Nye cases: »Tilføj en underside« på Cases. Aktører, temaer og citater ligger i menuen Cases."),
    ),
    (
        "toolbox.toolboxpage",
        _("Værktøjer: under den fase i Værktøjskassen, de hører til. Ordbog og kilder har egne sider der."),
    ),
    (
        "courses.courseindexpage",
        _(
            "Lektioner: under et modul i et kursus i Uddannelse. "
            "Quizzens spørgsmål rettes fra modulet eller lektionen, der bruger den."
        ),
    ),
    (
        "erfa.erfaindexpage",
        _("ERFA-dage: under ERFA. Deltagernes erfaringer godkendes under ERFA-erfaringer."),
    ),
]


class ContentGuidePanel(Component):
    """Tells a specialist new to the admin where each kind of content goes, with links."""

    name = "content_guide"
    order = 50
    template_name = "home/admin/content_guide_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from .routing import active_locale

        sections = {
            f"{page.content_type.app_label}.{page.content_type.model}": page
            for page in Page.objects.filter(depth=3, locale=active_locale()).select_related("content_type")
        }
        return {
            "entries": [
                {"page": sections[label], "text": text} for label, text in CONTENT_GUIDE if label in sections
            ]
        }


@hooks.register("construct_homepage_panels")
def add_content_guide_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.insert(0, ContentGuidePanel(request))


# A new page's autosave creates the page as a draft. If "Udgiv" or "Gem" reaches the create
# view before the browser has heard back from that autosave (a slow answer, a lost one), the
# form is checked as a second new page, fails on the slug the draft now holds, and the editor
# is left with a slug error and a draft without the text typed since.
AUTOSAVED_DRAFT_AGE = timedelta(minutes=30)


@hooks.register("before_create_page")
def submit_to_the_autosaved_draft(request, parent_page, page_class):
    """Sends a create-form submission whose slug is held by the same editor's autosaved draft
    (never published, of the same type, saved in the last 30 minutes) to that draft's edit
    view, so the text is saved or published there instead of being refused. The draft may
    also be written while this submission is on its way (both requests at once): then the
    create view refuses the slug, and the submission goes to the draft all the same."""
    if request.method != "POST" or getattr(request, "creating_page_past_the_draft_check", False):
        return None
    from wagtail.admin.views.pages.create import CreateView
    from wagtail.admin.views.pages.edit import EditView

    draft = _autosaved_draft(request, parent_page, page_class)
    if draft is None:
        request.creating_page_past_the_draft_check = True
        refused, response = None, None
        try:
            response = CreateView.as_view()(request, **request.resolver_match.kwargs)
        except ValidationError as error:  # the slug check in the model's full_clean
            if "slug" not in getattr(error, "message_dict", {}):
                raise
            refused = error
        if refused is None and response.status_code != 400:
            return response
        draft = _autosaved_draft(request, parent_page, page_class)
        if draft is None:
            if refused is not None:
                raise refused
            return response
    return EditView.as_view()(request, page_id=draft.pk)


def _autosaved_draft(request, parent_page, page_class):
    slug = request.POST.get("slug", "").strip() or slugify(request.POST.get("title", ""))
    if not slug:
        return None
    return (
        page_class.objects.child_of(parent_page)
        .filter(
            slug=slug,
            owner=request.user,
            live=False,
            first_published_at__isnull=True,
        )
        # No revision yet: the autosave is between creating the page and saving its revision.
        .filter(
            Q(latest_revision_created_at__isnull=True)
            | Q(latest_revision_created_at__gte=timezone.now() - AUTOSAVED_DRAFT_AGE)
        )
        .first()
    )


@hooks.register("register_admin_urls")
def review_report_urls():
    from django.urls import path

    from .admin_views import review_report

    return [path("content-review/", review_report, name="home_review_report")]


@hooks.register("construct_homepage_panels")
def review_due_panel(request, panels):
    from .admin_views import ReviewDuePanel
    from .roles import is_editor

    if is_editor(request.user):
        panels.append(ReviewDuePanel(request))


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.admin.menu import MenuItem

    from .roles import is_editor

    class ReviewReportMenuItem(MenuItem):
        def is_shown(self, request):
            return is_editor(request.user)

    return ReviewReportMenuItem(
        _("Sider til gennemgang"), reverse("home_review_report"), icon_name="time", order=910
    )


@hooks.register("register_rich_text_features", order=100)
def page_links_follow_the_access_rule(features):
    # After Wagtail's own registration (order 0), so this handler replaces its "page" link type.
    from .rich_text import ReaderPageLinkHandler

    features.register_link_type(ReaderPageLinkHandler)
