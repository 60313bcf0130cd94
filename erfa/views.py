from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from erfa.calendar import day_to_ics
from erfa.forms import ExperiencePostForm
from erfa.models import ExperiencePost, signups
from erfa.models.posts import POSTING_WINDOW, posting_limit_reached, posts_per_window
from erfa.tasks import notify_promoted_from_waiting_list

POSTS_PER_PAGE = 20


# --- Sign-up (reached through ErfaDayPage's routes) ---------------------------------------------


@require_POST
def sign_up(request, day):
    if not day.is_open_for_sign_up:
        messages.error(request, _("Tilmeldingen er lukket, fordi dagen er begyndt."))
        return redirect(day.url)
    result = signups.sign_up(day.sign_up_page(), request.user)
    if result.status == signups.SignUp.Status.CONFIRMED:
        messages.success(request, _("Du er tilmeldt."))
    else:
        messages.info(
            request, _("Alle pladser er taget. Du står på ventelisten og får besked, hvis du rykker op.")
        )
    return redirect(day.url)


@require_POST
def withdraw(request, day):
    if not day.is_open_for_sign_up:
        messages.error(request, _("Dagen er begyndt; afbud gives direkte til arrangøren."))
        return redirect(day.url)
    promoted = signups.withdraw(day.sign_up_page(), request.user)
    if promoted is not None:
        transaction.on_commit(lambda: notify_promoted_from_waiting_list.delay(promoted.pk))
    messages.success(request, _("Du er meldt fra."))
    return redirect(day.url)


def calendar_file(request, day):
    response = HttpResponse(day_to_ics(day, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(day.title) or "erfa-dag"}.ics"'
    return response


# --- Experience posts ---------------------------------------------------------------------------


def my_posts(request):
    posts = ExperiencePost.objects.filter(author=request.user).for_listing()
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "erfa/my_posts.html", {"posts": page})


def post_detail(request, pk):
    post = get_object_or_404(ExperiencePost.objects.visible_to(request.user).for_listing(), pk=pk)
    can_update_case = (
        post.state == ExperiencePost.State.APPROVED
        and post.case_id is not None
        and post.case.permissions_for_user(request.user).can_edit()
    )
    return render(
        request,
        "erfa/post_detail.html",
        {"post": post, "tags": list(post.tags.all()), "can_update_case": can_update_case},
    )


def _rate_limit_message():
    minutes = int(POSTING_WINDOW.total_seconds() // 60)
    return _(
        "Du har delt %(count)d erfaringer inden for %(minutes)d minutter, som er det højeste antal. "
        "Vent lidt, og prøv igen – din tekst er bevaret herunder."
    ) % {"count": posts_per_window(), "minutes": minutes}


def _save_post(request, form, post=None):
    """Save the form as draft or submission; returns the post or None when rate limited."""
    submitting = request.POST.get("action") == "submit"
    with transaction.atomic():
        if (post is None or submitting) and posting_limit_reached(request.user, post):
            form.add_error(None, _rate_limit_message())
            return None
        saved = form.save(commit=False)
        saved.author = request.user
        if saved.state == ExperiencePost.State.REJECTED and not submitting:
            saved.state = ExperiencePost.State.DRAFT
        saved.save()
        form.save_m2m()
        if submitting:
            saved.submit()
    if submitting:
        messages.success(request, _("Din erfaring er sendt til godkendelse hos en moderator."))
    else:
        messages.success(request, _("Din erfaring er gemt som kladde. Kun du kan se den."))
    return saved


def post_create(request):
    initial = {}
    for field in ("case", "phase", "tool", "erfa_day"):
        if request.GET.get(field, "").isdigit():
            initial[field] = int(request.GET[field])
    form = ExperiencePostForm(request.POST or None, initial=initial, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        post = _save_post(request, form)
        if post is not None:
            return redirect(post.get_absolute_url())
        status = 429
    return render(request, "erfa/post_form.html", {"form": form, "post": None}, status=status)


def post_edit(request, pk):
    post = get_object_or_404(ExperiencePost, pk=pk, author=request.user)
    if not post.is_editable_by_author:
        messages.error(
            request, _("Erfaringen kan ikke rettes, mens den er sendt eller efter den er godkendt.")
        )
        return redirect(post.get_absolute_url())
    form = ExperiencePostForm(request.POST or None, instance=post, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _save_post(request, form, post) is not None:
            return redirect(post.get_absolute_url())
        status = 429
    return render(request, "erfa/post_form.html", {"form": form, "post": post}, status=status)


@require_POST
def post_to_case_draft(request, pk):
    from erfa.case_updates import add_post_to_case_draft

    post = get_object_or_404(ExperiencePost.objects.approved().select_related("case"), pk=pk)
    if post.case_id is None:
        messages.error(request, _("Erfaringen er ikke knyttet til en case."))
        return redirect(post.get_absolute_url())
    case_page = post.case
    if not case_page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    add_post_to_case_draft(post, case_page, request.user)
    messages.success(request, _("Erfaringen er tilføjet som kladde på casen. Gennemse og udgiv den her."))
    return redirect("wagtailadmin_pages:edit", case_page.pk)
