from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import optional_fk


class Erasure(models.Model):
    """A person's data was erased. The account's row stays as an anonymous placeholder ("Slettet
    bruger", no address, no password, no groups) so that progress, attempts, assignments and
    sign-ups still count in the reports; this row says it happened, once (unique per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure", verbose_name=_("bruger")
    )
    erased_by = optional_fk(settings.AUTH_USER_MODEL, _("slettet af"))
    erased_at = models.DateTimeField(_("slettet den"), default=timezone.now)
    # What was removed or anonymised, by kind: counts only, never a personal value.
    summary = models.JSONField(_("opgørelse"), default=dict)

    class Meta:
        verbose_name = _("sletning af persondata")
        verbose_name_plural = _("sletninger af persondata")
        permissions = [("erase_user", _("Kan slette en brugers persondata"))]

    def __str__(self):
        return f"{self.user_id} ({self.erased_at:%Y-%m-%d})"
