from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.routing import ViewRestrictionCacheMixin


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
    district = models.ForeignKey(
        District,
        verbose_name=_("politikreds"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
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


class HomePage(ViewRestrictionCacheMixin, Page):
    """The signed-in front page: greeting, the learner's progress, what's new, voices from the cases."""

    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        from .dashboard import dashboard_panels

        context = super().get_context(request, *args, **kwargs)
        context["panels"] = dashboard_panels(request, self)
        return context
