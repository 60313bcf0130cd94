"""What the ERFA days hold about a participant. On erasure every experience post they wrote goes
(their own words, approved or not); a place on a coming day is given up (the first on the waiting
list moves up); sign-ups for past days stay with the anonymous account, so attendance still counts."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from privacy.registry import Dataset, PersonalData, register

from .models import ExperiencePost, SignUp
from .models.signups import withdraw
from .tasks import notify_promoted_from_waiting_list


@register
class ErfaData(PersonalData):
    key = "erfa"
    title = _("ERFA-dage og erfaringer")
    order = 20

    def export(self, user):
        signups = SignUp.objects.filter(user=user).select_related("day").order_by("day__starts_at", "pk")
        posts = (
            ExperiencePost.objects.filter(author=user)
            .select_related("erfa_day")
            .prefetch_related("tags")
            .order_by("created_at", "pk")
        )
        return [
            Dataset(
                "signups",
                _("Tilmeldinger til ERFA-dage"),
                [
                    ("day", _("ERFA-dag")),
                    ("starts_at", _("Tidspunkt")),
                    ("status", _("Status")),
                    ("created_at", _("Tilmeldt")),
                ],
                [
                    {
                        "day": signup.day.title,
                        "starts_at": signup.day.starts_at,
                        "status": signup.get_status_display(),
                        "created_at": signup.created_at,
                    }
                    for signup in signups
                ],
            ),
            Dataset(
                "experience_posts",
                _("Dine erfaringer"),
                [
                    ("title", _("Titel")),
                    ("text", _("Tekst")),
                    ("state", _("Status")),
                    ("erfa_day", _("ERFA-dag")),
                    ("tags", _("Emneord")),
                    ("created_at", _("Oprettet")),
                    ("rejection_reason", _("Begrundelse for afvisning")),
                ],
                [
                    {
                        "title": post.title,
                        "text": strip_tags(post.text),  # stored as cleaned HTML
                        "state": post.get_state_display(),
                        "erfa_day": post.erfa_day.title if post.erfa_day_id else "",
                        "tags": sorted(tag.name for tag in post.tags.all()),
                        "created_at": post.created_at,
                        "rejection_reason": post.rejection_reason,
                    }
                    for post in posts
                ],
            ),
        ]

    def erase(self, user):
        coming = SignUp.objects.filter(user=user, day__starts_at__gt=timezone.now()).select_related("day")
        withdrawn = 0
        for signup in coming:
            promoted = withdraw(signup.day, user)
            if promoted is not None:
                transaction.on_commit(lambda pk=promoted.pk: notify_promoted_from_waiting_list.delay(pk))
            withdrawn += 1
        # One by one, so each leaves the search index (Wagtail's post_delete signal).
        posts = list(ExperiencePost.objects.filter(author=user))
        for post in posts:
            post.delete()
        return {"coming_signups_withdrawn": withdrawn, "experience_posts_deleted": len(posts)}
