from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models import ContentReviewMixin, optional_fk
from home.pages import BasePage, IntroPage
from home.rich_text_features import BASIC, BULLETS

from ..blocks import LessonBodyBlock
from ..panels import QuizQuestionsPanel


class CourseIndexPage(IntroPage):
    """ "Uddannelse": the two learning tracks' courses."""

    search_fields = Page.search_fields + [index.SearchField("intro"), index.FilterField("locale_id")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("uddannelsesoversigt")

    def get_context(self, request, *args, **kwargs):
        from ..progress import course_cards

        context = super().get_context(request, *args, **kwargs)
        context["course_cards"], context["course_page"] = course_cards(
            request.user, self, request.GET.get("side")
        )
        return context


class CoursePage(ContentReviewMixin, BasePage):
    """A course in one of the two tracks of the co-creation education (spor 3)."""

    TRACK_USER = "bruger"
    TRACK_SUPERUSER = "superbruger"
    TRACKS = [(TRACK_USER, _("Bruger")), (TRACK_SUPERUSER, _("Superbruger"))]

    track = models.CharField(_("spor"), max_length=20, choices=TRACKS, default=TRACK_USER)
    intro = RichTextField(_("introduktion"), features=BASIC)
    learning_objectives = RichTextField(
        _("læringsmål"),
        blank=True,
        features=BULLETS,
        help_text=_("Hvad kursisten kan bagefter."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("forventet tid (minutter)"), default=60)
    prerequisite = optional_fk(
        "courses.CoursePage",
        _("forudsætning"),
        help_text=_("Kurset, der skal være gennemført, før dette kursus kan tages."),
    )
    recertify_after_months = models.PositiveSmallIntegerField(
        _("gentages efter (måneder)"),
        null=True,
        blank=True,
        help_text=_(
            "Tomt felt: kursusbeviset udløber ikke. Ellers udløber det efter så mange måneder, og "
            "kursisten fornyer det ved at bestå kursets quizzer igen."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [
                FieldPanel("track"),
                FieldPanel("estimated_minutes"),
                FieldPanel("prerequisite"),
                FieldPanel("recertify_after_months"),
            ],
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


class QuizPageMixin(RoutablePageMixin):
    """A page with a quiz (a module, a lesson): what the learner does on it is a sub-route of the
    page, served the way the page is, so its view restrictions (and its ancestors') hold for the
    actions too. Sub-routes are found only where no child page has the same slug (home.routing
    serves the deepest page a URL names): the Danish names keep clear of lesson titles' slugs."""

    @path("start-quiz/", name="quiz_start")
    def quiz_start_route(self, request):
        from ..views import quiz_start

        return quiz_start(request, self)


class ModulePage(QuizPageMixin, IntroPage):
    """A chapter of a course: its lessons and, usually, a quiz on the whole module."""

    quiz = optional_fk(
        "courses.Quiz", _("quiz"), help_text=_("Quizzen kursisten skal bestå for at gennemføre modulet.")
    )

    content_panels = IntroPage.content_panels + [
        FieldPanel("quiz"),
        QuizQuestionsPanel(quiz_attribute="quiz"),
    ]
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


class LessonPage(ContentReviewMixin, QuizPageMixin, BasePage):
    """One lesson: text, media, references to cases and tools, and reflection questions."""

    intro = models.TextField(_("kort om lektionen"), blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("indhold"))
    estimated_minutes = models.PositiveSmallIntegerField(_("forventet tid (minutter)"), default=10)
    quiz = optional_fk(
        "courses.Quiz",
        _("quiz"),
        help_text=_("Har lektionen en quiz, er den gennemført, når kursisten har bestået quizzen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("estimated_minutes"), FieldPanel("quiz")], heading=_("Gennemførelse")),
        QuizQuestionsPanel(quiz_attribute="quiz"),
    ]
    # The quiz is deliberately not indexed: questions and answers never reach search results.
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        # Every text block, heading, callout, term, video caption and transcript, reflection
        # question and the notes on the cards of cases and tools.
        index.SearchField("body"),
        index.SearchField("search_references"),
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

    def search_references(self):
        """The titles of the cases and tools the lesson's cards open (a page chooser indexes
        nothing of the page it chose), as search indexes them."""
        titles = []
        for block in self.body:
            if block.block_type in ("case_reference", "tool_reference"):
                page = block.value.get("case" if block.block_type == "case_reference" else "tool")
                if page is not None:
                    titles.append(page.title)
        return " ".join(titles)

    def serve(self, request, view=None, args=None, kwargs=None):
        from ..progress import missing_prerequisite, record_visit

        if view is not None and view.__name__ != "index_route":
            return super().serve(request, view, args, kwargs)  # an action: not a visit
        course = self.course
        self.missing_prerequisite = missing_prerequisite(request.user, course)
        # A look at a locked course's lesson does not enrol the learner in it.
        if request.method == "GET" and course is not None and self.missing_prerequisite is None:
            record_visit(request.user, course, self)
        return super().serve(request, view, args, kwargs)

    @path("gennemfoert/", name="lesson_done")
    def lesson_done_route(self, request):
        from ..views import lesson_done

        return lesson_done(request, self)

    @path("refleksion/<str:block_id>/", name="save_reflection")
    def save_reflection_route(self, request, block_id):
        from ..views import save_reflection

        return save_reflection(request, self, block_id)

    def get_context(self, request, *args, **kwargs):
        from ..progress import course_outline, course_progress, lesson_context

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["course"] = course
        context["progress"] = course_progress(request.user, course)
        context["outline"] = course_outline(course, context["progress"])
        context.update(lesson_context(request.user, self, context["progress"]))
        return context
