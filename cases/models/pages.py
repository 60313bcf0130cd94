"""The case catalogue's pages: the index with its filters and one page per co-creation initiative."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.models import ContentReviewMixin, optional_fk
from home.pages import BasePage, IntroPage
from toolbox.phases import Phase

from ..blocks import CaseBodyBlock


class Status(models.TextChoices):
    PREPARATION = "preparation", _("Forberedelse")
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("Sat på pause")
    COMPLETED = "completed", _("Afsluttet")
    NETWORK = "network", _("Videreført som netværk")


class CaseIndexPage(IntroPage):
    """All cases, filterable by district, theme, status, phase, actor type and year."""

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("caseoversigt")

    def get_context(self, request, *args, **kwargs):
        from home import cache_versions

        from ..filters import CaseCatalogue
        from .snippets import Quote

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CaseCatalogue(self, request)
        # The catalogue's two quote pages: voices about co-creation in general, not from one case.
        context["voices"] = (
            Quote.objects.filter(locale_id=self.locale_id, case=None)
            .with_originals()
            .order_by("voice", "sort_order", "pk")
        )
        context["voices_cache_key"] = cache_versions.key(
            cache_versions.CONTENT, "case-voices", self.locale_id
        )
        return context


class CasePage(ContentReviewMixin, BasePage):
    """One co-creation initiative, told with the structure every case in the catalogue shares."""

    district = models.ForeignKey(
        "home.District", verbose_name=_("politikreds"), on_delete=models.PROTECT, related_name="cases"
    )
    place = models.CharField(_("sted/kommune"), max_length=150)
    start_year = models.PositiveSmallIntegerField(
        _("startår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Tom, hvis startåret ikke er kendt."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    phase_reached = models.PositiveSmallIntegerField(
        _("nået til fase"),
        choices=Phase.choices,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    summary = models.TextField(_("resumé"), help_text=_("Et par sætninger til oversigten og søgeresultater."))
    challenge = models.TextField(
        _("den fælles samlende udfordring"),
        help_text=_("Udfordringen som aktørerne samles om, gerne formuleret som et spørgsmål."),
    )
    anchor_person_name = models.CharField(_("ankerperson"), max_length=150, blank=True)
    anchor_person_role = models.CharField(_("ankerpersonens rolle"), max_length=200, blank=True)
    themes = ParentalManyToManyField(
        "cases.Theme", verbose_name=_("temaer"), blank=True, related_name="cases"
    )
    body = StreamField(CaseBodyBlock(), verbose_name=_("fortælling"), blank=True)

    facts_panels = [
        # A plain select: 13 districts fit one list; Wagtail's snippet chooser paged them 10 at a time.
        FieldRowPanel([FieldPanel("district", widget=forms.Select), FieldPanel("place")]),
        # The phase's long names get a row of their own, so the year field keeps room for 4 digits.
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("status")]),
        FieldPanel("phase_reached"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("anchor_person_name"), FieldPanel("anchor_person_role")], heading=_("Ankerperson")
        ),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("challenge"),
        MultiFieldPanel(facts_panels, heading=_("Fakta")),
        FieldPanel("body"),
    ]
    outcome_panels = [
        InlinePanel("case_actors", heading=_("Aktører"), label=_("aktør")),
        InlinePanel("results", heading=_("Resultater"), label=_("resultat")),
        InlinePanel("goals", heading=_("Mål"), label=_("mål")),
        InlinePanel("ripple_effects", heading=_("Ringe i vandet"), label=_("ring i vandet")),
    ]
    link_panels = [
        InlinePanel("phase_links", heading=_("Faser i værktøjskassen"), label=_("fase")),
        InlinePanel("tool_links", heading=_("Værktøjer"), label=_("værktøj")),
        InlinePanel("inspired_links", heading=_("Har inspireret"), label=_("initiativ")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Case")),
            ObjectList(outcome_panels, heading=_("Aktører og resultater")),
            ObjectList(link_panels, heading=_("Forbindelser")),
            ObjectList(Page.promote_panels + ContentReviewMixin.review_panels, heading=_("Promote")),
        ]
    )

    # What the page lists below its story: (the template's name for it, the relation it is read
    # from, what of each item is indexed). cases/detail.py hands the template exactly these
    # relations and ``search_fields`` indexes them, so a part listed on the page is a part found.
    # tests/search/test_page_text_is_indexed.py renders every case and fails on a shown word
    # that is not in the index.
    LISTED = [
        (
            "actors",
            "case_actors",
            [
                index.RelatedFields("actor", [index.SearchField("name")]),
                index.SearchField("units"),
                index.SearchField("role"),
            ],
        ),
        ("results", "results", [index.SearchField("text")]),
        ("goals", "goals", [index.SearchField("text")]),
        ("ripple_effects", "ripple_effects", [index.SearchField("text")]),
    ]
    search_fields = (
        Page.search_fields
        + [
            index.SearchField("summary", boost=1.5),
            index.SearchField("challenge"),
            index.SearchField("body"),
            index.SearchField("place"),
            index.SearchField("anchor_person_name"),
            index.SearchField("anchor_person_role"),
            index.RelatedFields("district", [index.SearchField("name")]),
            index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_en")]),
        ]
        + [index.RelatedFields(relation, fields) for _name, relation, fields in LISTED]
        + [
            # The quotes and the links are read through translations (see ``shown_quotes``).
            index.SearchField("search_quotes"),
            index.RelatedFields("phase_links", [index.SearchField("note")]),
            index.RelatedFields("tool_links", [index.SearchField("note")]),
            index.RelatedFields(
                "inspired_links", [index.SearchField("inspired_initiative"), index.SearchField("note")]
            ),
            index.FilterField("locale_id"),
            index.FilterField("district_id"),
            index.FilterField("phase_reached"),
            # The phases the case illustrates, for the site search's phase filter on Elasticsearch.
            index.FilterField("search_phase_ids", type="IntegerField"),
            index.FilterField("status"),
            index.FilterField("start_year"),
        ]
    )

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def search_phase_ids(self):
        """Ids of the phase pages this case links to (its "Faser i værktøjskassen")."""
        return [link.phase_id for link in self.phase_links.all()]

    def search_meta(self):
        """The short line search results show under the title."""
        return self.district.name

    def listed(self):
        """The page's ``LISTED`` parts by their template names."""
        parts = {name: getattr(self, relation).all() for name, relation, _fields in self.LISTED}
        parts["actors"] = parts["actors"].select_related("actor")
        return parts

    def shown_quotes(self):
        """The quotes shown on the page. Matched through the translation key: a translated quote
        may still point at the source case."""
        from .snippets import Quote

        return Quote.objects.filter(
            case__translation_key=self.translation_key, locale_id=self.locale_id
        ).with_originals()

    def search_quotes(self):
        """The quotes and who said them, as search indexes them."""
        return " ".join(
            f"{quote.text} {quote.attribution}" for quote in self.shown_quotes() if self.pk is not None
        )

    def get_context(self, request, *args, **kwargs):
        from ..detail import case_details

        context = super().get_context(request, *args, **kwargs)
        context.update(case_details(request, self))
        return context


class CaseActor(TranslatableMixin, Orderable):
    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="case_actors")
    actor = models.ForeignKey(
        "cases.Actor", verbose_name=_("aktør"), on_delete=models.PROTECT, related_name="case_roles"
    )
    units = models.CharField(
        _("afdelinger/enheder"), max_length=300, blank=True, help_text=_("Fx de forvaltninger, der deltager.")
    )
    role = models.CharField(_("rolle i initiativet"), max_length=300, blank=True)

    panels = [FieldPanel("actor"), FieldPanel("units"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("aktør i casen")


class CaseResult(TranslatableMixin, Orderable):
    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="results")
    text = models.TextField(_("resultat"))

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("resultat")


class CaseRippleEffect(TranslatableMixin, Orderable):
    """*Ringe i vandet*: value beyond the goals first set, easy to overlook and worth recording."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="ripple_effects")
    text = models.TextField(_("ring i vandet"))

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("ring i vandet")


class CaseGoal(TranslatableMixin, Orderable):
    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        PROCESS = "process", _("Procesmål")
        EFFECT = "effect", _("Effektmål")

    class Measure(models.TextChoices):
        QUALITATIVE = "qualitative", _("Kvalitativt")
        QUANTITATIVE = "quantitative", _("Kvantitativt")

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(_("slags"), max_length=10, choices=Kind.choices)
    measure = models.CharField(_("målbart"), max_length=12, choices=Measure.choices)
    text = models.TextField(_("mål"))

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("measure")]), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("mål")


class CaseInspiration(Orderable):
    """An initiative this case has inspired: another case in the catalogue, or one described in
    words when it has no page (the Frederikshavn initiative inspired by NæverZone). The inspired
    case shows the link as "Inspireret af"."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="inspired_links")
    inspired_case = optional_fk(CasePage, _("inspireret case"), related_name="inspired_by_links")
    inspired_initiative = models.CharField(
        _("initiativ uden case"),
        max_length=200,
        blank=True,
        help_text=_("Bruges, når initiativet ikke er en case."),
    )
    note = models.TextField(_("hvordan"), blank=True)

    panels = [
        FieldPanel("inspired_case"),
        FieldPanel("inspired_initiative"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("har inspireret")

    def clean(self):
        if not self.inspired_case_id and not self.inspired_initiative:
            raise ValidationError(_("Vælg en case eller beskriv initiativet."))


class CasePhaseLink(Orderable):
    """A phase of the toolbox this case illustrates; the toolbox's phase page lists the cases
    pointing at it."""

    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="phase_links")
    phase = models.ForeignKey(
        "toolbox.PhasePage", verbose_name=_("fase"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("hvad casen viser om fasen"), max_length=300, blank=True)

    panels = [FieldPanel("phase"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("fase i værktøjskassen")


class CaseToolLink(Orderable):
    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="tool_links")
    tool = models.ForeignKey(
        "toolbox.ToolPage", verbose_name=_("værktøj"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("hvordan værktøjet blev brugt"), max_length=300, blank=True)

    panels = [FieldPanel("tool"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("værktøj")
