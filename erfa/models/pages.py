from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from erfa.blocks import ProgrammeBlock
from home.access import visible_to
from home.pages import BasePage
from home.rich_text_features import BASIC_WITH_LIST
from home.roles import EDITORS, MODERATORS

PAST_DAYS_PER_PAGE = 20
POSTS_ON_DAY_PAGE = 20


class ErfaIndexPage(BasePage):
    """The ERFA section: upcoming and past days for exchanging experience across police districts."""

    intro = RichTextField(_("introduktion"), blank=True, features=BASIC_WITH_LIST)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["erfa.ErfaDayPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ERFA-oversigt")

    def days(self, user):
        """This index's live days, each with its free places and whether ``user`` is signed up."""
        from .signups import SignUp

        # Sign-ups belong to the day in the default language; match on translation_key so an
        # English reader sees the same numbers.
        same_day = SignUp.objects.filter(day__translation_key=OuterRef("translation_key"))
        confirmed = (
            same_day.filter(status=SignUp.Status.CONFIRMED)
            .order_by()
            .values("day__translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        confirmed_count = Coalesce(Subquery(confirmed), 0)
        return visible_to(ErfaDayPage.objects.child_of(self).live(), user).annotate(
            free_places=Greatest(F("capacity") - confirmed_count, 0),
            user_signed_up=Exists(same_day.filter(user=user)),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        days = self.days(request.user)
        context["upcoming_days"] = days.filter(ends_at__gte=now).order_by("starts_at")
        # Older days page by page, without counting them all: one extra row says whether there are more.
        page_number = int(request.GET["side"]) if request.GET.get("side", "").isdigit() else 1
        page_number = max(page_number, 1)
        offset = (page_number - 1) * PAST_DAYS_PER_PAGE
        past = list(
            days.filter(ends_at__lt=now).order_by("-starts_at")[offset : offset + PAST_DAYS_PER_PAGE + 1]
        )
        context["past_days"] = past[:PAST_DAYS_PER_PAGE]
        context["past_page"] = {
            "number": page_number,
            "previous_url": f"?side={page_number - 1}" if page_number > 1 else "",
            "next_url": f"?side={page_number + 1}" if len(past) > PAST_DAYS_PER_PAGE else "",
        }
        return context


class ErfaDayPage(RoutablePageMixin, BasePage):
    """One ERFA day: when and where, the programme, materials, and a sign-up with a waiting list."""

    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=200)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    intro = RichTextField(_("introduktion"), blank=True, features=BASIC_WITH_LIST)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("program"), blank=True)
    capacity = models.PositiveIntegerField(
        _("antal pladser"), help_text=_("Tilmeldte ud over dette tal kommer på venteliste.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
                FieldPanel("capacity"),
            ],
            heading=_("Tid, sted og pladser"),
        ),
        FieldPanel("intro"),
        FieldPanel("programme"),
        InlinePanel("materials", heading=_("Materialer"), label=_("materiale")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("place"),
        index.SearchField("programme"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["erfa.ErfaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ERFA-dag")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Dagen skal slutte efter, den starter.")})

    @property
    def is_open_for_sign_up(self):
        return timezone.now() < self.starts_at

    def sign_up_page(self):
        """The version of this day that holds the sign-ups: the one in the default language, so
        Danish and English readers fill the same places."""
        default_locale = Locale.get_default()
        if self.locale_id == default_locale.pk:
            return self
        return (
            ErfaDayPage.objects.filter(translation_key=self.translation_key, locale=default_locale).first()
            or self
        )

    def get_context(self, request, *args, **kwargs):

        from .signups import sign_up_summary

        context = super().get_context(request, *args, **kwargs)
        sign_up_page = self.sign_up_page()
        context.update(sign_up_summary(sign_up_page, request.user))
        base_url = self.get_url(request)
        context["sign_up_url"] = base_url + self.reverse_subpage("sign_up_view")
        context["withdraw_url"] = base_url + self.reverse_subpage("withdraw_view")
        context["calendar_url"] = base_url + self.reverse_subpage("calendar_view")
        context["materials"] = self.materials.select_related("document")
        from ..cache import latest_approved_posts

        context["posts"] = latest_approved_posts(self, ["erfa_day"], POSTS_ON_DAY_PAGE)
        user = request.user
        if user.is_superuser or user.groups.filter(name__in=[EDITORS, MODERATORS]).exists():
            context["participants"] = sign_up_page.signups.select_related("user", "user__district")
        return context

    @path("")
    def day(self, request):
        return self.render(request)

    @path("tilmeld/")
    def sign_up_view(self, request):
        from erfa.views import sign_up

        return sign_up(request, self)

    @path("afmeld/")
    def withdraw_view(self, request):
        from erfa.views import withdraw

        return withdraw(request, self)

    # Wagtail serves page routes only at paths ending in "/"; the file name comes from the header.
    @path("kalender/")
    def calendar_view(self, request):
        from erfa.views import calendar_file

        return calendar_file(request, self)


class ErfaDayMaterial(Orderable):
    """A document handed out on the day (slides, programme, templates)."""

    page = ParentalKey(ErfaDayPage, related_name="materials", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("dokument"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("beskrivelse"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiale")
        verbose_name_plural = _("materialer")
