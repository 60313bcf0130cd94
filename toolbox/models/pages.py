from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import ContentReviewMixin
from home.pages import BasePage, IntroPage
from home.rich_text_features import WITH_HEADINGS

from ..blocks import KeyLessonListBlock, RoleListBlock, ToolStepsBlock, TrackListBlock
from ..cache import cached_page_context, page_context
from ..phases import Phase
from ..relations import cases_for_phase, cases_for_tool, lessons_referencing, toolbox_panels


def breadcrumbs(page):
    """The page's ancestors below the home page (depth 1 is Wagtail's root, 2 the home page)."""
    return list(page.get_ancestors().filter(depth__gt=2))


class ToolboxPage(BasePage):
    """The method overview: what co-creation is, the seven phases, roles, tracks, value and goals."""

    intro = RichTextField(_("hvad er co-creation"), features=WITH_HEADINGS)
    when_it_fits = RichTextField(_("hvornår passer metoden"), blank=True, features=WITH_HEADINGS)
    phases_intro = RichTextField(_("om de 7 faser"), blank=True, features=WITH_HEADINGS)
    roles = StreamField(RoleListBlock(), verbose_name=_("roller"), blank=True)
    tracks = StreamField(TrackListBlock(), verbose_name=_("de tre implementeringsspor"), blank=True)
    value_creation = RichTextField(_("værdiskabelse og fremdrift"), blank=True, features=WITH_HEADINGS)
    key_lessons = StreamField(KeyLessonListBlock(), verbose_name=_("vigtige læringspunkter"), blank=True)
    goal_setting = RichTextField(_("målsætning på en ny måde"), blank=True, features=WITH_HEADINGS)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("when_it_fits"),
        FieldPanel("phases_intro"),
        FieldPanel("roles"),
        FieldPanel("tracks"),
        FieldPanel("value_creation"),
        FieldPanel("key_lessons"),
        FieldPanel("goal_setting"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("value_creation"),
        index.SearchField("goal_setting"),
        index.FilterField("locale_id"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolbox.PhasePage", "toolbox.GlossaryPage", "toolbox.SourcesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("værktøjskasse")

    def phases(self):
        return PhasePage.objects.child_of(self).live().order_by("number")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            cached_page_context(
                self,
                lambda: {
                    "phases": list(self.phases()),
                    "glossary_page": GlossaryPage.objects.child_of(self).live().first(),
                    "sources_page": SourcesPage.objects.child_of(self).live().first(),
                },
                request,
            )
        )
        return context


class PhasePage(ContentReviewMixin, BasePage):
    """One of the seven chronological phases of a co-creation initiative."""

    RUN_BY_WORKING_GROUP = "arbejdsgruppe"
    RUN_BY_WORKING_GROUP_AND_ACTORS = "arbejdsgruppe_og_aktoerer"
    RUN_BY_PLATFORM = "platform"
    RUN_BY_CHOICES = [
        (RUN_BY_WORKING_GROUP, _("Den interne, tværfaglige arbejdsgruppe")),
        (RUN_BY_WORKING_GROUP_AND_ACTORS, _("Arbejdsgruppen faciliterer, aktørerne etablerer sig")),
        (RUN_BY_PLATFORM, _("Udviklingsplatformene på den fælles, samlende platform")),
    ]

    # Which of the method's phases (``toolbox.phases.Phase``) the page describes.
    number = models.PositiveSmallIntegerField(_("fase nr."), choices=Phase.choices)
    summary = models.TextField(
        _("kort beskrivelse"), max_length=300, help_text=_("Vises i fasediagrammet og i oversigter.")
    )
    purpose = RichTextField(_("formål"), features=WITH_HEADINGS)
    run_by = models.CharField(_("hvem driver fasen"), max_length=30, choices=RUN_BY_CHOICES)
    duration = models.CharField(_("typisk varighed"), max_length=150, blank=True)
    outputs = RichTextField(_("det kommer ud af fasen"), blank=True, features=WITH_HEADINGS)
    pitfalls = RichTextField(_("faldgruber"), blank=True, features=WITH_HEADINGS)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("summary"), FieldPanel("run_by"), FieldPanel("duration")],
            heading=_("Fasen"),
        ),
        FieldPanel("purpose"),
        FieldPanel("outputs"),
        FieldPanel("pitfalls"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("outputs"),
        index.SearchField("pitfalls"),
        index.SearchField("duration"),
        index.FilterField("locale_id"),
        index.FilterField("number"),
    ]

    parent_page_types = ["toolbox.ToolboxPage"]
    subpage_types = ["toolbox.ToolPage"]

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("faser")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # A constraint cannot span Page's locale column, so uniqueness is checked here.
        same_number = PhasePage.objects.filter(locale_id=self.locale_id, number=self.number)
        if self.pk:
            same_number = same_number.exclude(pk=self.pk)
        if self.number and same_number.exists():
            raise ValidationError({"number": gettext("Der findes allerede en fase med dette nummer.")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.pk:
            ToolPage.objects.child_of(self).exclude(phase_number=self.number).update(phase_number=self.number)

    def search_meta(self):
        return gettext("Fase %(number)s · %(title)s") % {"number": self.number, "title": self.title}

    @property
    def label(self):
        return gettext("Fase %(number)s") % {"number": self.number}

    def tools(self):
        return ToolPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, self._listings, request))
        context["panels"] = toolbox_panels(request, self)
        return context

    def _listings(self):
        neighbours = (
            PhasePage.objects.sibling_of(self)
            .live()
            .filter(number__in=[self.number - 1, self.number + 1])
            .only("id", "title", "number", "url_path", "path", "depth", "locale_id")
        )
        by_number = {phase.number: phase for phase in neighbours}
        return {
            "breadcrumbs": breadcrumbs(self),
            "tools": list(self.tools()),
            "previous_phase": by_number.get(self.number - 1),
            "next_phase": by_number.get(self.number + 1),
            "cases": cases_for_phase(self),
            "lessons": lessons_referencing(self),
        }


class ToolPage(ContentReviewMixin, BasePage):
    """A tool of the co-creation toolbox: what it is for, how to use it step by step, its templates."""

    summary = models.TextField(_("kort beskrivelse"), max_length=300)
    purpose = RichTextField(_("formål"), features=WITH_HEADINGS)
    when_to_use = RichTextField(_("hvornår bruges værktøjet"), blank=True, features=WITH_HEADINGS)
    who_uses = models.CharField(_("hvem bruger det"), max_length=255, blank=True)
    time_needed = models.CharField(_("tidsforbrug"), max_length=150, blank=True)
    steps = StreamField(ToolStepsBlock(), verbose_name=_("trin"))
    # The parent phase's number (a ``Phase``), stored so search and listings filter without a join.
    phase_number = models.PositiveSmallIntegerField(editable=False, default=0, db_index=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [FieldPanel("when_to_use"), FieldPanel("who_uses"), FieldPanel("time_needed")],
            heading=_("Brug"),
        ),
        FieldPanel("steps"),
        InlinePanel("templates", label=_("Skabeloner og arbejdsark")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("when_to_use"),
        index.SearchField("who_uses"),
        index.SearchField("time_needed"),
        # Every block of the steps: a step's title, text and tip, a checklist's title and items.
        index.SearchField("steps"),
        # The templates and worksheets the page lists, by their titles and what they are for.
        index.RelatedFields(
            "templates",
            [index.SearchField("description"), index.RelatedFields("document", [index.SearchField("title")])],
        ),
        index.FilterField("locale_id"),
        index.FilterField("phase_number"),
    ]

    parent_page_types = ["toolbox.PhasePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("værktøj")
        verbose_name_plural = _("værktøjer")

    def save(self, *args, **kwargs):
        if self.path and self.depth > 1:
            parent_number = (
                PhasePage.objects.filter(path=self.path[: -self.steplen])
                .values_list("number", flat=True)
                .first()
            )
            self.phase_number = parent_number or 0
        super().save(*args, **kwargs)

    def search_meta(self):
        return gettext("Værktøj · Fase %(number)s") % {"number": self.phase_number}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, self._listings, request))
        context["panels"] = toolbox_panels(request, self)
        return context

    def _listings(self):
        return {
            "breadcrumbs": breadcrumbs(self),
            "phase": PhasePage.objects.filter(path=self.path[: -self.steplen]).first(),
            "templates": list(self.templates.select_related("document")),
            "cases": cases_for_tool(self),
            "lessons": lessons_referencing(self),
        }


class ToolDocument(Orderable):
    """A template or worksheet that comes with a tool (served only to signed-in users)."""

    page = ParentalKey(ToolPage, related_name="templates", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("dokument"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("hvad bruges den til"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("skabelon")
        verbose_name_plural = _("skabeloner")


class GlossaryPage(IntroPage):
    """The glossary A–Z: every GlossaryTerm of the page's language."""

    search_fields = Page.search_fields + [index.FilterField("locale_id")]
    parent_page_types = ["toolbox.ToolboxPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ordbog")

    def get_context(self, request, *args, **kwargs):
        from ..glossary import glossary_by_letter

        context = super().get_context(request, *args, **kwargs)
        context.update(
            cached_page_context(
                self,
                lambda: {
                    "breadcrumbs": breadcrumbs(self),
                    "letters": glossary_by_letter(self.locale_id, request.user),
                },
                request,
            )
        )
        return context


class SourcesPage(IntroPage):
    """The recommended sources for further reading."""

    search_fields = Page.search_fields + [index.FilterField("locale_id")]
    parent_page_types = ["toolbox.ToolboxPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("kildeliste")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(cached_page_context(self, self._listings, request))
        return context

    def _listings(self):
        from .snippets import Source

        sources = list(Source.objects.all())
        return {
            "breadcrumbs": breadcrumbs(self),
            "police_sources": [s for s in sources if s.kind == Source.KIND_POLICE],
            "literature": [s for s in sources if s.kind == Source.KIND_LITERATURE],
        }
