from django.db.models import OuterRef, Subquery
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from home.access import visible_to

from . import reports
from .assignments import assignments_for
from .models import CourseEnrollment, CoursePage, Question, Quiz
from .progress import count_activities, percent, with_progress


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = "Quizzer"
    list_display = ["title", "pass_mark", "max_attempts", "review_policy"]
    search_fields = ["title"]


class QuestionCreateView(CreateView):
    """Adds a question to the quiz named by ``?quiz=`` (the "Tilføj et spørgsmål" link on a
    module, lesson or quiz), so the editor does not have to pick the quiz again."""

    def get_initial_form_instance(self):
        question = super().get_initial_form_instance() or Question()  # in the chosen locale
        quiz_id = self.request.GET.get("quiz", "")
        if quiz_id.isdigit():
            quiz = Quiz.objects.filter(pk=quiz_id).first()
            if quiz is not None:
                # A question is a translatable part of its quiz: it takes the quiz's language.
                question.quiz = quiz
                question.locale = quiz.locale
                question.sort_order = quiz.questions.count() + 1
        return question


class QuestionViewSet(SnippetViewSet):
    model = Question
    add_view_class = QuestionCreateView
    icon = "help"
    menu_label = "Quizspørgsmål"
    list_display = ["prompt", "quiz", "kind", "sort_order"]
    list_filter = ["quiz", "kind"]
    search_fields = ["prompt"]
    ordering = ["quiz", "sort_order"]


class LearningViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet)
    menu_icon = "form"
    menu_label = "Quizzer"
    menu_name = "quizzes"


register_snippet(LearningViewSetGroup)

HOME_PANEL_COURSES = 3


@hooks.register("register_home_panel")
def learning_panel(request, home_page):
    enrollments = CourseEnrollment.objects.filter(user=request.user)
    last_seen = enrollments.filter(course_id=OuterRef("pk")).values("last_seen_at")[:1]
    courses = list(
        with_progress(
            visible_to(
                CoursePage.objects.live().filter(pk__in=enrollments.values("course_id")), request.user
            ),
            request.user,
        )
        .annotate(last_seen=Subquery(last_seen))
        .order_by("-last_seen")[:HOME_PANEL_COURSES]
    )
    for course in count_activities(courses, request.user):
        course.percent = percent(course.activity_done, course.activity_total)
    return {"template": "courses/panels/learning.html", "order": 10, "courses": courses}


@hooks.register("register_home_panel")
def assigned_courses_panel(request, home_page):
    """Courses the learner is assigned and has not completed, first on the home page."""
    assignments = assignments_for(request.user, open_only=True)
    if not assignments:
        return None
    return {"template": "courses/panels/assigned.html", "order": 5, "assignments": assignments}


@hooks.register("register_user_menu_item")
def my_learning_menu_item(request):
    return {"label": _("Min læring"), "url": reverse("courses:my_learning")}


@hooks.register("register_user_menu_item")
def assign_course_menu_item(request):
    if not request.user.has_perm("courses.assign_course"):
        return None
    return {"label": _("Tildel kursus"), "url": reverse("courses:assign_course")}


@hooks.register("register_catalogue_loader")
def courses_loader():
    from .catalogue import load_courses

    return {"order": 30, "name": "courses", "load": load_courses}


class LearningReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(reports.PERMISSION)


@hooks.register("register_admin_urls")
def learning_report_urls():
    return [
        path("learning-reports/", reports.completion_report, name="courses_report_completion"),
        path("learning-reports/learners/", reports.learner_report, name="courses_report_learners"),
        path("learning-reports/assignments/", reports.assignment_report, name="courses_report_assignments"),
        path("learning-reports/quizzes/", reports.item_analysis_index, name="courses_report_quizzes"),
        path(
            "learning-reports/quizzes/<int:quiz_id>/",
            reports.item_analysis,
            name="courses_report_item_analysis",
        ),
    ]


@hooks.register("register_reports_menu_item")
def learning_reports_menu_item():
    return LearningReportsMenuItem(
        _("Læringsrapporter"), reverse("courses_report_completion"), icon_name="clipboard-list", order=900
    )
