"""Snippets shared across cases: the actors who take part, the themes cases are filed under, and
the quotes that give the catalogue its voices."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.models import optional_fk


class ActorType(models.TextChoices):
    POLICE = "police", _("Politienhed")
    MUNICIPALITY = "municipality", _("Kommune")
    BUSINESS = "business", _("Virksomhed")
    CIVIL_SOCIETY = "civil_society", _("Civilsamfund")
    EDUCATION = "education", _("Uddannelse")
    CITIZENS = "citizens", _("Borgere")
    AUTHORITY = "authority", _("Anden myndighed")


class Actor(index.Indexed, models.Model):
    """An organisation or group taking part in one or more initiatives.

    Actors are proper names (Næstved Taxa, Arriva, Finans Danmark) shared by every language version
    of a case, so they are not translated; the role an actor plays in an initiative lives on the
    case and is translated with it."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    actor_type = models.CharField(_("type"), max_length=20, choices=ActorType.choices)

    panels = [FieldPanel("name"), FieldPanel("actor_type")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("aktør")
        verbose_name_plural = _("aktører")

    def __str__(self):
        return self.name

    def search_parents(self):
        """The cases whose index holds this actor's name (search/signals.py reindexes them)."""
        from .pages import CasePage

        return CasePage.objects.filter(case_actors__actor=self).distinct()


class Theme(models.Model):
    """A subject cases are filed under (narkotika, natteliv, indbrud, …). One shared vocabulary
    for both languages, so a theme filter means the same in Danish and English."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    name_en = models.CharField(_("navn på engelsk"), max_length=100, blank=True)
    slug = models.SlugField(unique=True, help_text=_("Bruges i adressen, når cases filtreres på temaet."))
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return self.name

    @property
    def label(self):
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class QuoteQuerySet(models.QuerySet):
    def with_originals(self):
        """Each quote with ``original_text``: the words as they were said, in Danish (the source
        language), so a translated quote can show the original one click away. One query."""
        original = Quote.objects.filter(
            translation_key=models.OuterRef("translation_key"), locale__language_code=settings.LANGUAGE_CODE
        ).values("text")[:1]
        return self.annotate(original_text=models.Subquery(original))


class Quote(TranslatableMixin, models.Model):
    """A voice from the catalogue: a partner or a police officer on what co-creation gave them."""

    class Voice(models.TextChoices):
        PARTNER = "partner", _("Samarbejdspartner")
        POLICE = "police", _("Politiet")

    text = models.TextField(_("citat"))
    person = models.CharField(_("person"), max_length=150, blank=True, help_text=_("Tom, hvis anonym."))
    role = models.CharField(_("rolle"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    voice = models.CharField(_("hvem taler"), max_length=10, choices=Voice.choices)
    case = optional_fk("cases.CasePage", _("case"), related_name="quotes")
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    objects = QuoteQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("person"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("voice"),
        FieldPanel("case"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("citat")
        verbose_name_plural = _("citater")

    def __str__(self):
        short = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"“{short}” – {self.attribution or self.get_voice_display()}"

    def search_parents(self):
        """The case pages (every language) whose index holds this quote (search/signals.py
        reindexes them when the quote changes)."""
        from .pages import CasePage

        if self.case_id is None:
            return CasePage.objects.none()
        return CasePage.objects.filter(translation_key=self.case.translation_key)

    @property
    def translated_from_original(self):
        """True when ``original_text`` (see ``with_originals``) differs from the text shown."""
        original = getattr(self, "original_text", None)
        return bool(original) and original != self.text

    @property
    def attribution(self):
        return ", ".join(part for part in (self.person, self.role, self.organisation) if part)
