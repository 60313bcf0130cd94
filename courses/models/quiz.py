"""Quizzes and attempts. Correct answers live only here and are read only by the grader and by
the review an attempt's policy allows; nothing in the quiz form tells right from wrong."""

import random

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from home.transitions import move_state


class Quiz(models.Model):
    REVIEW_AFTER_ATTEMPT = "after_attempt"
    REVIEW_AFTER_PASSING = "after_passing"
    REVIEW_NEVER = "never"
    REVIEW_POLICIES = [
        (REVIEW_AFTER_ATTEMPT, _("Efter hvert forsøg")),
        (REVIEW_AFTER_PASSING, _("Når quizzen er bestået")),
        (REVIEW_NEVER, _("Aldrig")),
    ]

    title = models.CharField(_("titel"), max_length=255)
    intro = models.TextField(_("introduktion"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("beståelseskrav (%)"), default=80, help_text=_("Andel rigtige svar, der skal til for at bestå.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("antal forsøg"), null=True, blank=True, help_text=_("Tomt felt: ubegrænset antal forsøg.")
    )
    shuffle = models.BooleanField(_("bland spørgsmål og svar"), default=True)
    review_policy = models.CharField(
        _("gennemgang af svar"),
        max_length=20,
        choices=REVIEW_POLICIES,
        default=REVIEW_AFTER_ATTEMPT,
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
    ]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzer")
        permissions = [("view_learning_reports", _("Kan se læringsrapporter"))]

    def __str__(self):
        return self.title

    def allows_review(self, attempt):
        if self.review_policy == self.REVIEW_AFTER_ATTEMPT:
            return attempt.is_finished
        if self.review_policy == self.REVIEW_AFTER_PASSING:
            return attempt.is_finished and attempt.passed
        return False


class Question(ClusterableModel):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    KINDS = [
        (SINGLE, _("Ét rigtigt svar")),
        (MULTIPLE, _("Flere rigtige svar")),
        (TRUE_FALSE, _("Sandt/falsk")),
    ]

    quiz = models.ForeignKey(Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="questions")
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=KINDS, default=SINGLE)
    prompt = models.TextField(_("spørgsmål"))
    explanation = models.TextField(
        _("forklaring"), blank=True, help_text=_("Vises ved gennemgang af svarene.")
    )
    phase = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("fase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Den af metodens 7 faser, spørgsmålet handler om."),
    )
    phase_number = models.PositiveSmallIntegerField(
        _("fasenummer"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 8)]
    )
    case = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Casen, spørgsmålet bygger på; feedbacken linker til den."),
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
                FieldPanel("phase_number"),
                FieldPanel("phase"),
                FieldPanel("case"),
                FieldPanel("case_section"),
            ],
            heading=_("Emne"),
        ),
    ]

    class Meta:
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
        if self.case_id is None or not self.case.live:
            return ""
        url = self.case.url or ""
        return f"{url}#{self.case_section}" if url and self.case_section else url


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("svar"), max_length=500)
    is_correct = models.BooleanField(_("rigtigt svar"), default=False)
    feedback = models.TextField(
        _("feedback"), blank=True, help_text=_("Vises ved gennemgang, hvis svaret er valgt.")
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
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

    def shuffled(self, items, salt):
        """The same order every time this attempt is shown, different between attempts."""
        items = list(items)
        if self.quiz.shuffle:
            random.Random(f"{self.pk}:{salt}").shuffle(items)
        return items

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
