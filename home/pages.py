"""The bases of every page model: ``BasePage`` (Wagtail's page with the cached "no view
restrictions", ``home.routing.ViewRestrictionCacheMixin``) and ``IntroPage`` (one with the short
rich-text introduction most index and overview pages open with). Abstract: a page model's table
and migrations stay its own, and wagtail-localize keeps ``Page`` as the concrete base."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.rich_text_features import BASIC
from home.routing import ViewRestrictionCacheMixin


class BasePage(ViewRestrictionCacheMixin, Page):
    class Meta:
        abstract = True


class IntroPage(BasePage):
    intro = RichTextField(_("introduktion"), blank=True, features=BASIC)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True
