"""The administrator's erasure of a person, from the admin's user list."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import registry
from .erasure import ErasureRefused, can_erase, erase, refusal


def erase_user(request, user_id):
    if not can_erase(request.user):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    reason = refusal(user, request.user)
    error = None
    if request.method == "POST" and reason is None:
        confirmation = request.POST.get("confirm_email", "").strip()
        if confirmation.casefold() != user.email.casefold():
            error = _(
                "Skriv brugerens e-mailadresse præcis, som den står, for at bekræfte. Intet er slettet."
            )
        else:
            name = user.display_name
            try:
                erase(user, actor=request.user)
            except ErasureRefused as refused:
                reason = str(refused)
            else:
                messages.success(
                    request,
                    _("%(name)s er slettet: persondata er fjernet, rapporternes anonyme tal er bevaret.")
                    % {"name": name},
                )
                return redirect("wagtailusers_users:index")
    held = [
        (section.title, [(dataset.title, len(dataset.rows)) for dataset in datasets if dataset.rows])
        for section, datasets in registry.export(user)
    ]
    return render(
        request,
        "privacy/admin/erase_confirm.html",
        {"person": user, "reason": reason, "error": error, "held": held},
        status=400 if error else 200,
    )
