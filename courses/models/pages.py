from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from home.routing import ViewRestrictionCacheMixin

from ..blocks import LessonBodyBlock

INTRO_FEATURES = ["bold", "italic", "link"]


class CourseIndexPage(ViewRestrictionCacheMixin, Page):
    """ "Uddannelse": the two learning tracks' courses."""

    intro = RichTextField(_("introduktion"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.FilterField("locale_id")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("uddannelsesoversigt")

    def route(self, request, path_components):
        # Below the index the tree has a fixed shape (course → module → lesson), so the page a URL
        # names is found in one query on its (indexed) slug, instead of Wagtail's two per level.
        model = {1: CoursePage, 2: ModulePage, 3: LessonPage}.get(len(path_components))
        if model is None:
            return super().route(request, path_components)
        url_path = self.url_path + "".join(f"{slug}/" for slug in path_components)
        page = model.objects.filter(
            slug=path_components[-1], url_path=url_path, path__startswith=self.path
        ).first()
        if page is None or not page.live:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        from ..progress import course_cards

        context = super().get_context(request, *args, **kwargs)
        context["course_cards"], context["course_page"] = course_cards(
            request.user, self, request.GET.get("side")
        )
        return context


class CoursePage(ViewRestrictionCacheMixin, Page):
    """A course in one of the two tracks of the co-creation education (spor 3)."""

    TRACK_USER = "bruger"
    TRACK_SUPERUSER = "superbruger"
    TRACKS = [(TRACK_USER, _("Bruger")), (TRACK_SUPERUSER, _("Superbruger"))]

    track = models.CharField(_("spor"), max_length=20, choices=TRACKS, default=TRACK_USER)
    intro = RichTextField(_("introduktion"), features=INTRO_FEATURES)
    learning_objectives = RichTextField(
        _("læringsmål"),
        blank=True,
        features=["bold", "italic", "ul"],
        help_text=_("Hvad kursisten kan bagefter."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("forventet tid (minutter)"), default=60)
    prerequisite = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("forudsætning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kurset, der skal være gennemført, før dette kursus kan tages."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [FieldPanel("track"), FieldPanel("estimated_minutes"), FieldPanel("prerequisite")],
            heading=_("Spor og forudsætninger"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("learning_objectives"),
        index.FilterField("locale_id"),
        index.FilterField("track"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kurser")

    def search_meta(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from ..progress import course_outline, course_progress, missing_prerequisite

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = course_progress(request.user, self)
        context["outline"] = course_outline(self, context["progress"])
        context["missing_prerequisite"] = missing_prerequisite(request.user, self)
        context["certificate"] = context["progress"].certificate
        return context


class ModulePage(ViewRestrictionCacheMixin, Page):
    """A chapter of a course: its lessons and, usually, a quiz on the whole module."""

    intro = RichTextField(_("introduktion"), blank=True, features=INTRO_FEATURES)
    quiz = models.ForeignKey(
        "courses.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quizzen kursisten skal bestå for at gennemføre modulet."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("quiz")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.FilterField("locale_id")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("moduler")

    @cached_property
    def course(self):
        from ..progress import course_structure

        return course_structure(self.path[: -self.steplen]).course

    def search_meta(self):
        return self.course.title if self.course else ""

    def get_context(self, request, *args, **kwargs):
        from ..progress import course_outline, course_progress, missing_prerequisite, quiz_status

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["course"] = course
        context["progress"] = course_progress(request.user, course)
        context["outline"] = course_outline(course, context["progress"])
        context["missing_prerequisite"] = missing_prerequisite(request.user, course)
        context["quiz_status"] = quiz_status(request.user, self.quiz, self) if self.quiz_id else None
        return context


class LessonPage(ViewRestrictionCacheMixin, Page):
    """One lesson: text, media, references to cases and tools, and reflection questions."""

    intro = models.TextField(_("kort om lektionen"), blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("indhold"))
    estimated_minutes = models.PositiveSmallIntegerField(_("forventet tid (minutter)"), default=10)
    quiz = models.ForeignKey(
        "courses.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Har lektionen en quiz, er den gennemført, når kursisten har bestået quizzen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("estimated_minutes"), FieldPanel("quiz")], heading=_("Gennemførelse")),
    ]
    # The quiz is deliberately not indexed: questions and answers never reach search results.
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]

    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lektion")
        verbose_name_plural = _("lektioner")

    @cached_property
    def course(self):
        from ..progress import course_structure

        return course_structure(self.path[: -2 * self.steplen]).course

    def search_meta(self):
        """The course a lesson belongs to, shown beside it in search results."""
        return self.course.title if self.course else ""

    def serve(self, request, *args, **kwargs):
        from ..progress import missing_prerequisite, record_visit

        course = self.course
        self.missing_prerequisite = missing_prerequisite(request.user, course)
        # A look at a locked course's lesson does not enrol the learner in it.
        if request.method == "GET" and course is not None and self.missing_prerequisite is None:
            record_visit(request.user, course, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..progress import course_outline, course_progress, lesson_context

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["course"] = course
        context["progress"] = course_progress(request.user, course)
        context["outline"] = course_outline(course, context["progress"])
        context.update(lesson_context(request.user, self, context["progress"]))
        return context
