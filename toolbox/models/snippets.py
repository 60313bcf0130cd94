from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.models import optional_fk
from home.rich_text_features import BODY

DANISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"


def danish_sort_key(text):
    """Danish order puts Æ, Ø and Å after Z (and treats Aa as Å, which no term here needs)."""
    return [DANISH_ALPHABET.find(char) if char in DANISH_ALPHABET else ord(char) for char in text.lower()]


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    """A word of the method (the catalogue's Ordbog and the method's other terms)."""

    term = models.CharField(_("begreb"), max_length=100)
    slug = models.SlugField(
        _("kortnavn"), max_length=100, help_text=_("Bruges i adressen til begrebet i ordbogen.")
    )
    text_forms = models.TextField(
        _("former, der markeres i teksterne"),
        blank=True,
        help_text=_(
            "Én pr. linje. Tomt: selve begrebet (og begge dele af fx “Co-creation/samskabelse”). "
            "Bøjninger som -en, -er og -erne findes automatisk. Udfyld feltet, når begrebet også er et "
            "almindeligt ord, fx “bruger”, så kun de entydige former markeres."
        ),
    )
    short_definition = models.TextField(
        _("kort definition"),
        max_length=500,
        help_text=_("Vises ved begrebet i teksterne. Én eller to sætninger."),
    )
    description = RichTextField(_("uddybning"), blank=True, features=BODY)
    related_page = optional_fk("wagtailcore.Page", _("relateret fase eller værktøj"))

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("short_definition"),
        FieldPanel("description"),
        FieldPanel("text_forms"),
        PageChooserPanel("related_page", page_type=["toolbox.PhasePage", "toolbox.ToolPage"]),
    ]
    # The term is indexed as a title (``title`` below), weighted like a page title, so a search
    # for a term puts the term above the pages that only mention it.
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("term"),
        index.SearchField("short_definition"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]
    # The anchor in the glossary is the same in every language.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("ordbogsbegreb")
        verbose_name_plural = _("ordbog")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="toolbox_glossaryterm_slug")]

    def __str__(self):
        return self.term

    @property
    def title(self):
        """The term as search indexes it: the search backends index a field named ``title`` as
        the title. Alternatives become separate words, since PostgreSQL's parser reads
        "Co-creation/samskabelse" as one path-like token and "samskabelse" would not find it.
        Search results show ``str(term)``."""
        return " ".join(part.strip() for part in self.term.split("/"))

    @property
    def anchor(self):
        return f"begreb-{self.slug}"

    @property
    def forms(self):
        """The spellings marked as this term in running text."""
        forms = self.text_forms.splitlines() or self.term.split("/")
        return [form for form in dict.fromkeys(form.strip() for form in forms) if form]


class Source(models.Model):
    """A recommended source for further reading (the catalogue's "10 gode kilder")."""

    KIND_POLICE = "politi"
    KIND_LITERATURE = "litteratur"
    KIND_CHOICES = [
        (KIND_POLICE, _("Politiets egne co-creation materialer")),
        (KIND_LITERATURE, _("Litteratur om samskabelse")),
    ]

    title = models.CharField(_("titel"), max_length=300, unique=True)
    authors = models.CharField(_("forfattere og år"), max_length=300, blank=True)
    description = models.TextField(_("indhold"), blank=True)
    url = models.URLField(_("adresse"), blank=True)
    kind = models.CharField(_("slags"), max_length=20, choices=KIND_CHOICES, default=KIND_LITERATURE)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("authors"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("kilde")
        verbose_name_plural = _("kilder")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title
