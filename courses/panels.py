"""Admin panels of the courses app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class QuizQuestionsPanel(Panel):
    """The questions of a quiz, each with an edit link, and a link that adds one to this quiz:
    on a module or lesson (its chosen quiz) and on the quiz itself, so a specialist edits the
    questions from where the quiz is used instead of hunting for them under Quizzer."""

    def __init__(self, quiz_attribute=None, **kwargs):
        kwargs.setdefault("heading", _("Quizzens spørgsmål"))
        super().__init__(**kwargs)
        self.quiz_attribute = quiz_attribute  # None: the instance is the quiz itself

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "quiz_attribute": self.quiz_attribute}

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/quiz_questions_panel.html"

        @property
        def quiz(self):
            if self.panel.quiz_attribute is None:
                return self.instance if self.instance.pk else None
            return getattr(self.instance, self.panel.quiz_attribute, None)

        def is_shown(self):
            return self.quiz is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            quiz = self.quiz
            context["quiz"] = quiz
            context["questions"] = list(quiz.questions.order_by("sort_order", "pk")) if quiz else []
            context["on_quiz"] = self.panel.quiz_attribute is None
            return context
