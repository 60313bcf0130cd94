"""Sign-ups for ERFA days: a place while there is room, the waiting list after that.

Capacity holds under parallel requests because every change to a day's sign-ups first locks that
day's row (``SELECT … FOR UPDATE``): two people taking the last place are served one after the
other, and the second sees it taken."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class SignUp(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("tilmeldt")
        WAITING = "waiting", _("på venteliste")

    day = models.ForeignKey(
        "erfa.ErfaDayPage", verbose_name=_("ERFA-dag"), on_delete=models.CASCADE, related_name="signups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deltager"),
        on_delete=models.CASCADE,
        related_name="erfa_signups",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("tilmeldt den"), auto_now_add=True)

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["day", "user"], name="erfa_signup_once_per_day")]
        indexes = [models.Index(fields=["day", "status", "created_at"], name="erfa_signup_queue")]

    def __str__(self):
        return f"{self.user} – {self.day} ({self.get_status_display()})"


def _lock_day(day):
    from .pages import ErfaDayPage

    # of=("self",) locks only the ERFA day's own row, not the shared wagtailcore_page row that
    # editors' saves touch.
    return ErfaDayPage.objects.select_for_update(of=("self",)).only("pk", "capacity").get(pk=day.pk)


def sign_up(day, user):
    """Give ``user`` a place on ``day`` if one is free, else a place on the waiting list.

    Signing up twice returns the existing sign-up unchanged."""
    with transaction.atomic():
        locked_day = _lock_day(day)
        existing = SignUp.objects.filter(day=locked_day, user=user).first()
        if existing is not None:
            return existing
        taken = SignUp.objects.filter(day=locked_day, status=SignUp.Status.CONFIRMED).count()
        status = SignUp.Status.CONFIRMED if taken < locked_day.capacity else SignUp.Status.WAITING
        try:
            with transaction.atomic():
                return SignUp.objects.create(day=locked_day, user=user, status=status)
        except IntegrityError:
            # Only reachable where the database cannot lock rows (SQLite): the same user's
            # double click got there first.
            return SignUp.objects.get(day=locked_day, user=user)


def withdraw(day, user):
    """Remove ``user`` from ``day``. A freed place goes to the first on the waiting list, whose
    sign-up is returned (None when nobody moved up)."""
    with transaction.atomic():
        locked_day = _lock_day(day)
        deleted = SignUp.objects.filter(day=locked_day, user=user).first()
        if deleted is None:
            return None
        deleted.delete()
        taken = SignUp.objects.filter(day=locked_day, status=SignUp.Status.CONFIRMED).count()
        if taken >= locked_day.capacity:
            return None
        first_waiting = (
            SignUp.objects.filter(day=locked_day, status=SignUp.Status.WAITING)
            .order_by("created_at", "pk")
            .select_related("user")
            .first()
        )
        if first_waiting is None:
            return None
        first_waiting.status = SignUp.Status.CONFIRMED
        first_waiting.save(update_fields=["status"])
        return first_waiting


def sign_up_summary(day, user):
    """What the day page shows about places: taken, free, waiting, and the user's own sign-up."""
    mine = models.Q(user=user)
    # One aggregate gives the counts and the user's own sign-up (at most one row, so Max is it).
    summary = SignUp.objects.filter(day=day).aggregate(
        confirmed=models.Count("pk", filter=models.Q(status=SignUp.Status.CONFIRMED)),
        waiting=models.Count("pk", filter=models.Q(status=SignUp.Status.WAITING)),
        own_pk=models.Max("pk", filter=mine),
        own_status=models.Max("status", filter=mine),
        own_created_at=models.Max("created_at", filter=mine),
    )
    waiting_position = None
    if summary["own_status"] == SignUp.Status.WAITING:
        ahead = models.Q(created_at__lt=summary["own_created_at"]) | models.Q(
            created_at=summary["own_created_at"], pk__lt=summary["own_pk"]
        )
        waiting_position = (
            SignUp.objects.filter(day=day, status=SignUp.Status.WAITING).filter(ahead).count() + 1
        )
    return {
        "confirmed_count": summary["confirmed"],
        "waiting_count": summary["waiting"],
        "free_places": max(day.capacity - summary["confirmed"], 0),
        "own_status": summary["own_status"],
        "waiting_position": waiting_position,
    }
