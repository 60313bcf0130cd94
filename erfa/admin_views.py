"""The moderation queue in the Wagtail admin: submitted experience posts, approved or rejected by
Moderatorer. Everyone else gets 403 here and never sees the menu item."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from erfa.forms import RejectForm
from erfa.models import ExperiencePost
from home.roles import is_moderator

QUEUE_PAGE_SIZE = 25


def _require_moderator(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def moderation_queue(request):
    _require_moderator(request)
    queue = ExperiencePost.objects.filter(state=ExperiencePost.State.SUBMITTED).for_listing()
    queue = queue.order_by("submitted_at", "pk")
    decided = (
        ExperiencePost.objects.filter(
            state__in=[ExperiencePost.State.APPROVED, ExperiencePost.State.REJECTED]
        )
        .select_related("author", "decided_by")
        .order_by("-decided_at")[:10]
    )
    return TemplateResponse(
        request,
        "erfa/admin/moderation_queue.html",
        {
            "posts": Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("p")),
            "recently_decided": decided,
            "reject_form": RejectForm(),
            "page_title": _("Erfaringer til godkendelse"),
            "header_icon": "tasks",
        },
    )


def moderation_post(request, pk):
    _require_moderator(request)
    post = get_object_or_404(ExperiencePost.objects.for_listing(), pk=pk)
    return TemplateResponse(
        request,
        "erfa/admin/moderation_post.html",
        {
            "post": post,
            "tags": list(post.tags.all()),
            "reject_form": RejectForm(),
            "page_title": post.title,
            "header_icon": "doc-full",
        },
    )


@require_POST
def approve(request, pk):
    _require_moderator(request)
    post = get_object_or_404(ExperiencePost, pk=pk)
    with transaction.atomic():
        moved = post.approve(request.user)
    if moved:
        messages.success(request, _("»%(title)s« er godkendt og vises nu for alle.") % {"title": post.title})
    else:
        messages.warning(request, _("»%(title)s« var allerede afgjort.") % {"title": post.title})
    return redirect("erfa_moderation_queue")


@require_POST
def reject(request, pk):
    _require_moderator(request)
    post = get_object_or_404(ExperiencePost.objects.for_listing(), pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "erfa/admin/moderation_post.html",
            {
                "post": post,
                "tags": list(post.tags.all()),
                "reject_form": form,
                "page_title": post.title,
                "header_icon": "doc-full",
            },
            status=400,
        )
    with transaction.atomic():
        moved = post.reject(request.user, form.cleaned_data["reason"])
    if moved:
        messages.success(
            request, _("»%(title)s« er afvist; forfatteren har fået besked.") % {"title": post.title}
        )
    else:
        messages.warning(
            request, _("»%(title)s« kan ikke afvises i sin nuværende status.") % {"title": post.title}
        )
    return redirect("erfa_moderation_queue")
