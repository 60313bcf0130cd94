import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.pages import IntroPage


def optional_fk(to, verbose_name, related_name="+", **kwargs):
    """A foreign key a row may leave empty, which empties itself when what it points to is deleted."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **kwargs,
    )


class District(models.Model):
    """One of the 12 Danish police districts, or Rigspolitiet for national initiatives."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    is_national = models.BooleanField(_("national enhed"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("politikreds")
        verbose_name_plural = _("politikredse")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An officer or specialist. Signs in with the work email address; there is no username."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    district = optional_fk(District, _("politikreds"), related_name="users")
    job_title = models.CharField(_("stilling"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self):
        return self.get_full_name() or self.email

    # The fields others see a person by, and so write into free text (ripples, the initiatives'
    # history): when one changes, the earlier value is kept in FormerName.
    NAME_FIELDS = ("first_name", "last_name", "email")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self._state.adding or (
            update_fields is not None and not set(update_fields) & set(self.NAME_FIELDS)
        ):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            # Read back, not remembered from loading: the row may have changed since (SSO, admin).
            before = type(self)._default_manager.filter(pk=self.pk).values(*self.NAME_FIELDS).first()
            super().save(*args, **kwargs)
            if before is not None:
                self._keep_former_names(before)

    def _keep_former_names(self, before):
        former = {
            FormerName.NAME: f"{before['first_name']} {before['last_name']}".strip(),
            FormerName.EMAIL: before["email"],
        }
        current = {FormerName.NAME: self.get_full_name(), FormerName.EMAIL: self.email}
        for kind, value in former.items():
            if value and value.casefold() != current[kind].casefold():
                FormerName.objects.get_or_create(user=self, kind=kind, value=value)

    def names_carried(self):
        """Every full name and e-mail address the account has had, the current ones first, for
        the erasure to find wherever others wrote the person down. Changes made with
        ``QuerySet.update()`` bypass ``save()`` and are not recorded: rename people with ``save()``."""
        names = [self.get_full_name(), self.email]
        names += self.former_names.values_list("value", flat=True)
        return list(dict.fromkeys(name for name in names if name.strip()))


class FormerName(models.Model):
    """A full name or e-mail address the user carried before a change (an administrator, single
    sign-on or the user renamed the account). Shown in "Mine data"; the erasure looks for it
    wherever others wrote the person's name, and then deletes it (home/personal_data.py)."""

    NAME = "name"
    EMAIL = "email"
    KINDS = [(NAME, _("navn")), (EMAIL, _("e-mail"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="former_names",
        verbose_name=_("bruger"),
    )
    kind = models.CharField(_("slags"), max_length=10, choices=KINDS)
    value = models.CharField(_("tidligere"), max_length=300)
    replaced_at = models.DateTimeField(_("ændret"), default=timezone.now)

    class Meta:
        ordering = ["replaced_at", "pk"]
        verbose_name = _("tidligere navn")
        verbose_name_plural = _("tidligere navne")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "value"], name="home_former_name_once")
        ]

    def __str__(self):
        return self.value


class HomePage(IntroPage):
    """The signed-in front page: greeting, the learner's progress, what's new, voices from the cases."""

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("forside")

    def route(self, request, path_components):
        # Every URL of the site starts here (Wagtail's serve view routes from the site's home
        # page in the active language): the deepest page in one query, not one per level.
        from .routing import route_below

        return route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .dashboard import dashboard_panels

        context = super().get_context(request, *args, **kwargs)
        context["panels"] = dashboard_panels(request, self)
        return context


REVIEW_INTERVAL = datetime.timedelta(days=365)


class ContentReviewMixin(models.Model):
    """An owner and a "review by" date for a content page, so content does not rot unnoticed.

    Until an editor says otherwise, the page counts as reviewed when it was first published and is
    due 12 months later; an editor who reviews it sets "sidst gennemgået", and unless they also
    choose a "gennemgås senest" of their own, the next date follows 12 months on. The defaults are
    derived from the first publication, so deriving them again (every save) gives the same dates."""

    content_owner = optional_fk(
        settings.AUTH_USER_MODEL,
        _("ansvarlig redaktør"),
        help_text=_("Får en e-mail, når siden skal gennemgås."),
    )
    last_reviewed_at = models.DateField(_("sidst gennemgået"), null=True, blank=True)
    review_by = models.DateField(
        _("gennemgås senest"),
        null=True,
        blank=True,
        help_text=_("Tom: 12 måneder efter sidst gennemgået."),
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("content_owner"),
                FieldRowPanel([FieldPanel("last_reviewed_at"), FieldPanel("review_by")]),
            ],
            heading=_("Ansvar og gennemgang"),
        )
    ]
    # Pages with their own edit_handler (CasePage) add review_panels to one of their tabs.
    settings_panels = Page.settings_panels + review_panels

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.apply_review_defaults()

    def apply_review_defaults(self):
        if self.last_reviewed_at is None and self.first_published_at is not None:
            self.last_reviewed_at = timezone.localdate(self.first_published_at)
        if self.last_reviewed_at is None:
            return
        stored = type(self).objects.filter(pk=self.pk).values("last_reviewed_at", "review_by").first()
        # The editor marked the page reviewed and left the next date as it was: it follows on.
        marked_reviewed = (
            stored is not None
            and self.last_reviewed_at != stored["last_reviewed_at"]
            and self.review_by == stored["review_by"]
        )
        if self.review_by is None or marked_reviewed or self.review_by <= self.last_reviewed_at:
            self.review_by = self.last_reviewed_at + REVIEW_INTERVAL


class ReviewReminder(models.Model):
    """The owner was emailed that this page is due for review by this date: at most once per date."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    review_by = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "review_by"], name="home_review_reminder_once_per_date")
        ]

    def __str__(self):
        return f"{self.page_id} – {self.review_by}"
