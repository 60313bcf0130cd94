"""Erasing a person (the GDPR's right to erasure) without losing the counts the reports show."""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import registry
from .models import Erasure

PERMISSION = "privacy.erase_user"
ANONYMOUS_FIRST_NAME = "Slettet"
ANONYMOUS_LAST_NAME = "bruger"
ANONYMOUS_NAME = f"{ANONYMOUS_FIRST_NAME} {ANONYMOUS_LAST_NAME}"


class ErasureRefused(Exception):
    """The erasure was not started; the message says why, for the person who asked."""


def anonymous_email(user):
    # .invalid is reserved (RFC 2606): nothing is ever delivered there, and the id keeps it unique.
    return f"slettet-{user.pk}@slettet.invalid"


def can_erase(actor):
    return actor is not None and (actor.is_superuser or actor.has_perm(PERMISSION))


def refusal(user, actor):
    """Why ``actor`` may not erase ``user`` (a message), or None. ``actor`` None: the command line."""
    erasure = Erasure.objects.filter(user=user).first()
    if erasure is not None:
        return _("%(user)s er allerede slettet (%(date)s).") % {
            "user": ANONYMOUS_NAME,
            "date": formats.date_format(timezone.localtime(erasure.erased_at), "DATE_FORMAT"),
        }
    if actor is not None and actor.pk == user.pk:
        return _("Du kan ikke slette dine egne persondata. Bed en anden administrator om det.")
    if actor is not None and user.is_superuser and not actor.is_superuser:
        return _("Kun en administrator kan slette en anden administrators persondata.")
    return None


def erase(user, actor=None):
    """Remove or anonymise everything the site holds about ``user``, in one transaction, and return
    the ``Erasure``. Raises ErasureRefused (nothing changed) when ``refusal`` gives a reason, also
    when a second erasure of the same person races this one."""
    reason = refusal(user, actor)
    if reason:
        raise ErasureRefused(reason)
    try:
        with transaction.atomic():
            # Claimed first: of two erasures at once, the second fails here and changes nothing.
            erasure = Erasure.objects.create(user=user, erased_by=actor)
            summary = {}
            for section in reversed(registry.sections()):
                summary[section.key] = section.erase(user)
            erasure.summary = summary
            erasure.save(update_fields=["summary"])
    except IntegrityError:
        raise ErasureRefused(refusal(user, actor) or _("Brugeren er allerede slettet.")) from None
    return erasure
