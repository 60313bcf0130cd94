"""Quizzes and attempts. Correct answers live only here and are read only by the grader and by
the review an attempt's policy allows; nothing in the quiz form tells right from wrong."""

import random

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin

from home import access
from home.models import optional_fk
from home.transitions import move_state

from ..panels import QuizQuestionsPanel


class Quiz(TranslatableMixin, ClusterableModel):
    """A quiz and, as its inline children, its questions and their choices: wagtail-localize
    translates the three together (questions and choices are matched by translation key).

    Attempts are always made on the quiz in the source language (``source_quiz``) and graded
    against its choices; a translation only lends its words. So an attempt begun in Danish can be
    finished in English, and passing counts for the course in every language."""

    # Moodle's default: after each attempt the learner sees which answers were right or wrong;
    # the right answers themselves only once the quiz is passed or no attempt is left, so a
    # failed attempt is not a key to copy into the next one.
    REVIEW_MARKS_THEN_ANSWERS = "marks_then_answers"
    REVIEW_AFTER_ATTEMPT = "after_attempt"
    REVIEW_AFTER_PASSING = "after_passing"
    REVIEW_NEVER = "never"
    REVIEW_POLICIES = [
        (
            REVIEW_MARKS_THEN_ANSWERS,
            _(
                "Rigtigt/forkert efter hvert forsøg; de rigtige svar, "
                "når quizzen er bestået eller ved sidste forsøg"
            ),
        ),
        (REVIEW_AFTER_ATTEMPT, _("Rigtige svar efter hvert forsøg")),
        (REVIEW_AFTER_PASSING, _("Intet før quizzen er bestået; så de rigtige svar")),
        (REVIEW_NEVER, _("Aldrig")),
    ]
    # What the result page of a finished attempt shows.
    SHOWS_NOTHING = "nothing"
    SHOWS_MARKS = "marks"  # each question and each chosen answer marked right or wrong
    SHOWS_ANSWERS = "answers"  # the marks, the right answers, feedback and explanations

    title = models.CharField(_("titel"), max_length=255)
    intro = models.TextField(_("introduktion"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("beståelseskrav (%)"), default=80, help_text=_("Andel rigtige svar, der skal til for at bestå.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("antal forsøg"), null=True, blank=True, help_text=_("Tomt felt: ubegrænset antal forsøg.")
    )
    shuffle = models.BooleanField(
        _("bland spørgsmålene"),
        default=True,
        help_text=_("Svarmulighederne blandes altid, så deres rækkefølge ikke røber det rigtige svar."),
    )
    review_policy = models.CharField(
        _("gennemgang af svar"),
        max_length=20,
        choices=REVIEW_POLICIES,
        default=REVIEW_MARKS_THEN_ANSWERS,
        help_text=_("Hvornår kursisten må se rigtige svar, feedback og forklaringer."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("shuffle"),
                FieldPanel("review_policy"),
            ],
            heading=_("Regler"),
        ),
        QuizQuestionsPanel(),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzer")
        permissions = [("view_learning_reports", _("Kan se læringsrapporter"))]

    def __str__(self):
        return self.title

    @property
    def heading(self):
        """The title as a heading: "Quiz: …", unless the title already starts with "Quiz"."""
        if self.title.casefold().startswith("quiz"):
            return self.title
        return _("Quiz: %(title)s") % {"title": self.title}

    @property
    def source_quiz(self):
        """The quiz in the site's source language, on which attempts are made (itself when it is
        the source, or when no source exists)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = Quiz.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return source or self

    def is_last_attempt(self, attempt):
        return self.max_attempts is not None and attempt.number >= self.max_attempts

    def review_shows(self, attempt, passed_quiz):
        """SHOWS_NOTHING, SHOWS_MARKS or SHOWS_ANSWERS for a finished attempt; ``passed_quiz``
        says whether the learner has passed this quiz in any attempt."""
        if not attempt.is_finished or self.review_policy == self.REVIEW_NEVER:
            return self.SHOWS_NOTHING
        if self.review_policy == self.REVIEW_AFTER_ATTEMPT:
            return self.SHOWS_ANSWERS
        if self.review_policy == self.REVIEW_AFTER_PASSING:
            return self.SHOWS_ANSWERS if passed_quiz else self.SHOWS_NOTHING
        if passed_quiz or self.is_last_attempt(attempt):
            return self.SHOWS_ANSWERS
        return self.SHOWS_MARKS


class Question(TranslatableMixin, ClusterableModel):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    KINDS = [
        (SINGLE, _("Ét rigtigt svar")),
        (MULTIPLE, _("Flere rigtige svar")),
        (TRUE_FALSE, _("Sandt/falsk")),
    ]

    quiz = ParentalKey(Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="questions")
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=KINDS, default=SINGLE)
    prompt = models.TextField(_("spørgsmål"))
    explanation = models.TextField(
        _("forklaring"), blank=True, help_text=_("Vises ved gennemgang af svarene.")
    )
    phase = optional_fk(
        "toolbox.PhasePage", _("fase"), help_text=_("Den af metodens 7 faser, spørgsmålet handler om.")
    )
    case = optional_fk(
        "cases.CasePage", _("case"), help_text=_("Casen, spørgsmålet bygger på; feedbacken linker til den.")
    )
    case_section = models.SlugField(
        _("afsnit i casen"), blank=True, help_text=_("Anker på case-siden, fx 'resultater'.")
    )

    panels = [
        FieldPanel("quiz"),
        FieldPanel("sort_order"),
        FieldPanel("kind"),
        FieldPanel("prompt"),
        InlinePanel("choices", label=_("Svarmuligheder"), min_num=2),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [
                FieldPanel("phase"),
                FieldPanel("case"),
                FieldPanel("case_section"),
            ],
            heading=_("Emne"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["quiz", "sort_order", "pk"]
        verbose_name = _("quizspørgsmål")
        verbose_name_plural = _("quizspørgsmål")

    def __str__(self):
        return self.prompt[:80]

    @property
    def allows_several(self):
        return self.kind == self.MULTIPLE

    @property
    def case_url(self):
        if self.case_id is None or not access.readable(self.case):
            return ""
        url = self.case.url or ""
        return f"{url}#{self.case_section}" if url and self.case_section else url


class Choice(TranslatableMixin, Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("svar"), max_length=500)
    is_correct = models.BooleanField(_("rigtigt svar"), default=False)
    feedback = models.TextField(
        _("feedback"), blank=True, help_text=_("Vises ved gennemgang, hvis svaret er valgt.")
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("svarmulighed")
        verbose_name_plural = _("svarmuligheder")

    def __str__(self):
        return self.text


class AttemptAlreadyFinished(Exception):
    """Raised when a second submission reaches an attempt that has been graded."""


class QuizAttempt(models.Model):
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    STATES = [(IN_PROGRESS, _("I gang")), (FINISHED, _("Afsluttet"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where it was taken.",
    )
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=20, choices=STATES, default=IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Percent correct.")
    passed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            # Two parallel "start" requests both compute the same next number: one of them fails here.
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="courses_attempt_number_unique"),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(state="in_progress"),
                name="courses_one_open_attempt",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "state"])]

    def __str__(self):
        return f"{self.quiz} #{self.number}"

    @property
    def is_finished(self):
        return self.state == self.FINISHED

    def _secret(self, purpose, value):
        # Keyed with SECRET_KEY: the attempt's id is in the form's URL, so an order or a token
        # derived from the id alone could be recomputed in the browser.
        return salted_hmac(f"courses.QuizAttempt.{purpose}", f"{self.pk}:{value}")

    def question_order(self, questions):
        """The same order every time this attempt is shown, different between attempts; the
        editors' order when the quiz is not shuffled."""
        questions = list(questions)
        if self.quiz.shuffle:
            random.Random(self._secret("questions", "").digest()).shuffle(questions)
        return questions

    def choice_order(self, question_id, choices):
        """Always shuffled, whatever the quiz's setting: the order editors or the catalogue
        happen to write choices in (the right one first, often) must not show on the form."""
        choices = list(choices)
        random.Random(self._secret("choices", question_id).digest()).shuffle(choices)
        return choices

    def choice_token(self, choice_id):
        """What the form sends for a choice in this attempt: unguessable and unordered, so it says
        nothing about the choice's id, its place among the editors' choices or whether it is right.
        Derived, not stored: the grader recomputes it for the attempt's own choices."""
        return self._secret("choice", choice_id).hexdigest()[:20]

    def finish(self, graded):
        """Record the graded answers and close the attempt, exactly once.

        ``graded`` maps each AttemptQuestion to the chosen Choice objects. The state change is a
        conditional UPDATE: of two concurrent submissions only one changes a row; the other
        raises AttemptAlreadyFinished and records nothing (the caller's transaction rolls back)."""
        correct = sum(1 for attempt_question, chosen in graded.items() if attempt_question.grade(chosen))
        score = round(100 * correct / len(graded)) if graded else 0
        finished = move_state(
            self,
            [self.IN_PROGRESS],
            self.FINISHED,
            finished_at=timezone.now(),
            score=score,
            passed=score >= self.quiz.pass_mark,
        )
        if not finished:
            raise AttemptAlreadyFinished
        AttemptQuestion.objects.bulk_update(list(graded), ["is_correct"])
        AttemptAnswer.objects.bulk_create(
            AttemptAnswer(attempt_question=aq, choice=choice)
            for aq, chosen in graded.items()
            for choice in chosen
        )
        return self


class AttemptQuestion(models.Model):
    """A question as it was put to the learner in one attempt (its place in the shuffled order)
    and, once graded, whether the answer was right."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    is_correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="courses_attempt_question_unique")
        ]

    def __str__(self):
        return f"{self.attempt} – {self.position}"

    def grade(self, chosen):
        correct = {choice.pk for choice in self.question.choices.all() if choice.is_correct}
        self.is_correct = {choice.pk for choice in chosen} == correct
        return self.is_correct


class AttemptAnswer(models.Model):
    attempt_question = models.ForeignKey(AttemptQuestion, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="answers")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt_question", "choice"], name="courses_attempt_answer_unique"
            )
        ]

    def __str__(self):
        return str(self.choice)
