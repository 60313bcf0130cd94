"""The admin's view of content that is due for review (Redaktører and administrators)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from wagtail.admin.ui.components import Component

from . import review
from .roles import is_editor


def review_report(request):
    if not is_editor(request.user):
        raise PermissionDenied
    owner_id = request.GET.get("owner")
    owner_id = int(owner_id) if owner_id and owner_id.isdigit() else None
    return render(
        request,
        "home/admin/review_report.html",
        {
            "items": review.pages_due(owner_id=owner_id),
            "owners": review.owners(),
            "owner_id": owner_id,
            "due_soon_days": review.DUE_SOON_DAYS,
        },
    )


class ReviewDuePanel(Component):
    """On the admin dashboard: the pages overdue for review or due within 30 days."""

    name = "review_due"
    order = 90
    template_name = "home/admin/review_panel.html"
    shown = 10

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        items = review.pages_due()
        mine = [item for item in items if item.owner and item.owner.pk == self.request.user.pk]
        return {
            "items": items[: self.shown],
            "total": len(items),
            "mine": len(mine),
            "due_soon_days": review.DUE_SOON_DAYS,
        }
