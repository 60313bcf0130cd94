"""Experience posts: what participants learned, tied to the case, phase or tool it concerns.

A post is a model, not a page: anyone signed in writes one, and Moderatorer decide whether it is
shown to others. States: draft → submitted → approved | rejected. Only approved posts are in the
search index, on other pages and reachable by anyone but their author and the moderators."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from erfa.sanitise import clean_post_text, plain_text, visible_paragraphs
from home import invalidation
from home.models import optional_fk
from home.roles import is_moderator
from home.transitions import move_state


class ExperiencePostQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def approved(self):
        return self.filter(state=ExperiencePost.State.APPROVED)

    def visible_to(self, user):
        """Approved posts, plus the user's own; moderators see every post."""
        if is_moderator(user):
            return self
        return self.filter(models.Q(state=ExperiencePost.State.APPROVED) | models.Q(author=user))

    def for_listing(self):
        """With what ``search_meta()`` and the listings show, fetched in the same query."""
        return self.select_related("author", "case", "phase", "tool", "erfa_day")

    def on_page(self, page, *fields):
        """Posts linked to ``page`` or any of its translations through one of ``fields``.

        The page and its translations are found first (a subquery on the page table), so each link
        is an indexed foreign-key lookup; a join to the page table per field, ORed, made PostgreSQL
        read every approved post (39 ms a tool page at 10,000 posts)."""
        from wagtail.models import Page

        translations = Page.objects.filter(translation_key=page.translation_key).values("pk")
        condition = models.Q()
        for field in fields:
            condition |= models.Q(**{f"{field}_id__in": translations})
        return self.filter(condition)


class ExperiencePostTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "erfa.ExperiencePost", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ExperiencePost(index.Indexed, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("kladde")
        SUBMITTED = "submitted", _("sendt til godkendelse")
        APPROVED = "approved", _("godkendt")
        REJECTED = "rejected", _("afvist")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forfatter"),
        on_delete=models.CASCADE,
        related_name="experience_posts",
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    language = models.CharField(_("sprog"), max_length=10, choices=settings.LANGUAGES)
    case = optional_fk("cases.CasePage", _("case"))
    phase = optional_fk("toolbox.PhasePage", _("fase"))
    tool = optional_fk("toolbox.ToolPage", _("værktøj"))
    erfa_day = optional_fk("erfa.ErfaDayPage", _("ERFA-dag"), related_name="experience_posts")
    tags = TaggableManager(through=ExperiencePostTag, blank=True, verbose_name=_("emneord"))
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.DRAFT)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    submitted_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decided_by = optional_fk(settings.AUTH_USER_MODEL, _("afgjort af"))
    case_draft_revision = optional_fk(
        "wagtailcore.Revision",
        _("kladde på casen"),
        help_text=_("Den kladde af casesiden, som erfaringen blev overført til."),
    )

    objects = ExperiencePostQuerySet.as_manager()

    search_fields = [
        # The same boost as a page's title: on PostgreSQL the boosts of all models together
        # decide the tsvector weights, and one distinct value more would bring a title's weight
        # down to the body's (see search/README.md, "Ranking").
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("state"),
        index.FilterField("language"),
        # The search's phase filter and facet on Elasticsearch (search/elasticsearch.py).
        index.FilterField("phase"),
    ]

    class Meta:
        verbose_name = _("erfaring")
        verbose_name_plural = _("erfaringer")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "decided_at"], name="erfa_post_state"),
            models.Index(fields=["author", "created_at"], name="erfa_post_author"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every path that stores text (front-end form, admin, loader) goes through here.
        self.text = clean_post_text(self.text or "")
        self.title = plain_text(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("erfa:post_detail", args=[self.pk])

    @classmethod
    def get_indexed_objects(cls):
        # Only what everyone may read is searchable: drafts and rejected posts never reach the index.
        return super().get_indexed_objects().filter(state=cls.State.APPROVED)

    @property
    def text_html(self):
        # Cleaned on save already; cleaning again on the way out means no stored row, however it
        # was written, can put markup other than the allowed tags on a page.
        return mark_safe(clean_post_text(self.text))  # noqa: S308

    EXCERPT_LENGTH = 220

    @cached_property
    def excerpt_paragraphs(self):
        """The start of the text, at most EXCERPT_LENGTH characters, paragraph by paragraph."""
        kept, room = [], self.EXCERPT_LENGTH
        for paragraph in visible_paragraphs(self.text):
            if len(paragraph) > room:
                cut = paragraph[: room - 1].rsplit(" ", 1)[0]
                if cut:
                    kept.append(cut + " …")
                elif kept:
                    kept[-1] += " …"
                break
            kept.append(paragraph)
            room -= len(paragraph)
        return kept

    @property
    def excerpt(self):
        return " ".join(self.excerpt_paragraphs)

    def search_meta(self):
        """What a search result shows beside the title. Fetch with ``for_listing()``."""
        return {
            "kind": _("Erfaring"),
            "case": self.case.title if self.case_id else "",
            "phase": self.phase.title if self.phase_id else "",
            "tool": self.tool.title if self.tool_id else "",
            "erfa_day": self.erfa_day.title if self.erfa_day_id else "",
            "author": self.author.display_name,
            "language": self.language,
            "date": self.decided_at,
        }

    @property
    def is_editable_by_author(self):
        return self.state in (self.State.DRAFT, self.State.REJECTED)

    def submit(self):
        from erfa.tasks import notify_moderators_of_submission

        moved = move_state(
            self,
            [self.State.DRAFT, self.State.REJECTED],
            self.State.SUBMITTED,
            submitted_at=timezone.now(),
            rejection_reason="",
        )
        if moved:
            transaction.on_commit(lambda: notify_moderators_of_submission.delay(self.pk))
        return moved

    def approve(self, moderator):
        from erfa.tasks import notify_author_of_decision

        moved = move_state(
            self, [self.State.SUBMITTED], self.State.APPROVED, decided_at=timezone.now(), decided_by=moderator
        )
        if moved:
            index.insert_or_update_object(self)
            # A decision is an UPDATE (home/transitions.py), which sends no post_save: the cached
            # lists on its pages (erfa/cache.py) and search outcomes are told here.
            invalidation.changed.send(sender=type(self))
            transaction.on_commit(lambda: notify_author_of_decision.delay(self.pk))
        return moved

    def reject(self, moderator, reason):
        from erfa.tasks import notify_author_of_decision

        moved = move_state(
            self,
            [self.State.SUBMITTED, self.State.APPROVED],
            self.State.REJECTED,
            decided_at=timezone.now(),
            decided_by=moderator,
            rejection_reason=reason,
        )
        if moved:
            index.remove_object(self)
            invalidation.changed.send(sender=type(self))
            transaction.on_commit(lambda: notify_author_of_decision.delay(self.pk))
        return moved


# Rate limit on sharing: at most ERFA_POSTS_PER_WINDOW posts created or submitted per user within
# POSTING_WINDOW. Counted in the database, so it holds across app servers and restarts.
POSTING_WINDOW = timedelta(minutes=10)


def posts_per_window():
    return getattr(settings, "ERFA_POSTS_PER_WINDOW", 5)


def posting_limit_reached(user, post=None):
    """True when ``user`` may not create or submit another post now. ``post`` is the one being
    submitted, which does not count against itself. Call inside a transaction: the user's row is
    locked so one user's parallel requests are counted one after the other."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    since = timezone.now() - POSTING_WINDOW
    recent = ExperiencePost.objects.filter(author=user).filter(
        models.Q(created_at__gte=since) | models.Q(submitted_at__gte=since)
    )
    if post is not None and post.pk:
        recent = recent.exclude(pk=post.pk)
    return recent.count() >= posts_per_window()
