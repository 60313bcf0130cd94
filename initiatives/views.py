"""The initiative workspace under ``initiativer/``.

Every initiative is fetched through ``Initiative.objects.visible_to(user)``: an id the user may not
see is a 404, the same as one that does not exist. Seeing is not changing: only the working group
changes an initiative (403 for the district's superbrugere and the specialists who read along),
and every change is recorded with who and when (``changes.record``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.roles import is_editor
from home.routing import active_locale
from toolbox.phases import Phase

from . import chart, report, spine, timeline
from .changes import record
from .forms import (
    BaselineForm,
    DevelopmentPlatformForm,
    ExternalActorForm,
    GoalAdjustForm,
    GoalForm,
    InitiativeForm,
    MeasurementForm,
    MemberInviteForm,
    PhaseMoveForm,
    RippleForm,
)
from .models import Goal, GoalRevision, Initiative, Membership


def _initiatives(user):
    return (
        Initiative.objects.visible_to(user)
        .select_related("district", "anchor_person")
        .annotate(user_is_member=Exists(Membership.objects.filter(initiative=OuterRef("pk"), user=user)))
    )


def _initiative(request, pk, change=False):
    initiative = get_object_or_404(_initiatives(request.user), pk=pk)
    if change and not initiative.user_is_member:
        raise PermissionDenied
    return initiative


def _members(initiative):
    return [membership.user for membership in initiative.memberships.select_related("user")]


def _phase_nav(initiative):
    return [
        {"number": number, "label": label, "current": number == initiative.phase}
        for number, label in Phase.choices
    ]


def _context(initiative, **extra):
    return {"initiative": initiative, "phases": _phase_nav(initiative), **extra}


def initiative_list(request):
    initiatives = list(_initiatives(request.user).order_by("-user_is_member", "name"))
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "mine": [i for i in initiatives if i.user_is_member],
            "others": [i for i in initiatives if not i.user_is_member],
        },
    )


def initiative_create(request):
    form = InitiativeForm(
        request.POST or None, members=[request.user], initial={"district": request.user.district_id}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            initiative = form.save(commit=False)
            initiative.created_by = request.user
            initiative.save()
            Membership.objects.create(initiative=initiative, user=request.user, added_by=request.user)
            record(initiative, request.user, _("Oprettede initiativet"))
        messages.success(request, _("Initiativet er oprettet. Det står i Fase 1 – Opstart."))
        return redirect(initiative.get_absolute_url())
    return render(request, "initiatives/initiative_form.html", {"form": form})


def initiative_edit(request, pk):
    initiative = _initiative(request, pk, change=True)
    form = InitiativeForm(request.POST or None, instance=initiative, members=_members(initiative))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            changed = ", ".join(str(form.fields[name].label).lower() for name in form.changed_data)
            if changed:
                record(initiative, request.user, _("Rettede %(fields)s") % {"fields": changed})
        messages.success(request, _("Initiativet er gemt."))
        return redirect(initiative.get_absolute_url())
    return render(request, "initiatives/initiative_form.html", {"form": form, "initiative": initiative})


def initiative_detail(request, pk):
    initiative = _initiative(request, pk)
    return render(
        request,
        "initiatives/initiative_detail.html",
        _context(
            initiative,
            members=initiative.memberships.select_related("user"),
            actors=initiative.actors.all(),
            platforms=initiative.platforms.annotate(goal_count=Count("goals")),
            invite_form=MemberInviteForm(initiative=initiative),
            actor_form=ExternalActorForm(prefix="actor"),
            platform_form=DevelopmentPlatformForm(prefix="platform"),
            can_draft_case=is_editor(request.user),
            moves=initiative.phase_moves.select_related("moved_by").order_by("-moved_at", "-pk")[:5],
        ),
    )


def phase_detail(request, pk, number):
    initiative = _initiative(request, pk)
    if number not in Phase.values:
        raise Http404
    phase = spine.phase_page(number, active_locale(), request.user)
    tools = spine.tools_with_worksheets(phase, request.user) if phase else []
    return render(
        request,
        "initiatives/phase_detail.html",
        _context(
            initiative,
            number=number,
            phase_label=Phase(number).label,
            phase=phase,
            tools=tools,
            case_links=spine.cases_illustrating(phase, request.user) if phase else [],
            lessons=spine.lessons_teaching(phase, tools, request.user) if phase else [],
            moves=initiative.phase_moves.filter(to_phase=number).select_related("moved_by"),
            goal_counts=initiative.goals.values("kind").annotate(n=Count("pk")).order_by("kind"),
            move_form=(
                PhaseMoveForm(initiative=initiative)
                if initiative.user_is_member and number == initiative.phase
                else None
            ),
        ),
    )


@require_POST
def phase_move(request, pk):
    initiative = _initiative(request, pk, change=True)
    form = PhaseMoveForm(request.POST, initiative=initiative)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("initiatives:phase", args=[initiative.pk, initiative.phase]) + "#faseskift")
    data = form.cleaned_data
    move = spine.move_phase(
        initiative,
        request.user,
        data["from_phase"],
        data["to_phase"],
        data["note"].strip(),
        data["reality_check"].strip(),
    )
    if move is None:
        messages.error(
            request,
            _(
                "Initiativet er allerede flyttet, mens du skrev. Se faseskiftet herunder, "
                "før du beslutter igen."
            ),
        )
        return redirect(initiative.get_absolute_url())
    messages.success(request, _("Initiativet står nu i %(phase)s.") % {"phase": move.get_to_phase_display()})
    return redirect("initiatives:phase", initiative.pk, move.to_phase)


@require_POST
def member_invite(request, pk):
    initiative = _initiative(request, pk, change=True)
    form = MemberInviteForm(request.POST, initiative=initiative)
    if form.is_valid():
        try:
            with transaction.atomic():
                Membership.objects.create(initiative=initiative, user=form.user, added_by=request.user)
                record(
                    initiative,
                    request.user,
                    _("Inviterede %(name)s i arbejdsgruppen") % {"name": form.user.display_name},
                )
        except IntegrityError:
            pass  # invited by another member a moment ago: the member is in, once
        messages.success(
            request, _("%(name)s er nu med i arbejdsgruppen.") % {"name": form.user.display_name}
        )
    else:
        for error in form.errors["email"]:
            messages.error(request, error)
    return redirect(initiative.get_absolute_url() + "#arbejdsgruppen")


@require_POST
def member_remove(request, pk, user_id):
    initiative = _initiative(request, pk, change=True)
    membership = get_object_or_404(initiative.memberships.select_related("user"), user_id=user_id)
    if initiative.memberships.count() == 1:
        messages.error(request, _("Arbejdsgruppen skal have mindst ét medlem."))
        return redirect(initiative.get_absolute_url() + "#arbejdsgruppen")
    with transaction.atomic():
        membership.delete()
        if initiative.anchor_person_id == user_id:
            Initiative.objects.filter(pk=initiative.pk).update(anchor_person=None)
        record(
            initiative,
            request.user,
            _("Tog %(name)s ud af arbejdsgruppen") % {"name": membership.user.display_name},
        )
    messages.success(
        request, _("%(name)s er ikke længere med i arbejdsgruppen.") % {"name": membership.user.display_name}
    )
    if user_id == request.user.pk:
        return redirect("initiatives:list")
    return redirect(initiative.get_absolute_url() + "#arbejdsgruppen")


def _add_child(request, pk, form_class, prefix, anchor, summary):
    initiative = _initiative(request, pk, change=True)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.initiative = initiative
            item.save()
            record(initiative, request.user, summary % {"name": item.name})
        messages.success(request, _("%(name)s er tilføjet.") % {"name": item.name})
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(initiative.get_absolute_url() + anchor)


@require_POST
def actor_add(request, pk):
    return _add_child(request, pk, ExternalActorForm, "actor", "#aktoerer", _("Tilføjede aktøren %(name)s"))


@require_POST
def platform_add(request, pk):
    return _add_child(
        request,
        pk,
        DevelopmentPlatformForm,
        "platform",
        "#platforme",
        _("Tilføjede udviklingsplatformen %(name)s"),
    )


@require_POST
def actor_remove(request, pk, actor_id):
    initiative = _initiative(request, pk, change=True)
    actor = get_object_or_404(initiative.actors, pk=actor_id)
    with transaction.atomic():
        actor.delete()
        record(initiative, request.user, _("Fjernede aktøren %(name)s") % {"name": actor.name})
    messages.success(request, _("%(name)s er fjernet.") % {"name": actor.name})
    return redirect(initiative.get_absolute_url() + "#aktoerer")


def goals(request, pk):
    initiative = _initiative(request, pk, change=request.method == "POST")
    baseline_form = BaselineForm(initiative=initiative, prefix="baseline")
    goal_form = GoalForm(initiative=initiative)
    if request.method == "POST":
        if request.POST.get("form") == "baseline":
            baseline_form = BaselineForm(request.POST, initiative=initiative, prefix="baseline")
            if baseline_form.is_valid():
                with transaction.atomic():
                    baseline = baseline_form.save(commit=False)
                    baseline.initiative, baseline.recorded_by = initiative, request.user
                    baseline.save()
                    record(
                        initiative,
                        request.user,
                        _("Beskrev en baseline fra %(date)s") % {"date": baseline.measured_on},
                    )
                messages.success(request, _("Baselinen er gemt."))
                return redirect(reverse("initiatives:goals", args=[initiative.pk]) + "#baseline")
        else:
            goal_form = GoalForm(request.POST, initiative=initiative)
            if goal_form.is_valid():
                with transaction.atomic():
                    goal = goal_form.save(commit=False)
                    goal.initiative, goal.created_by = initiative, request.user
                    goal.save()
                    record(
                        initiative,
                        request.user,
                        _("Satte %(kind)s: %(text)s")
                        % {"kind": goal.get_kind_display().lower(), "text": goal.text},
                    )
                messages.success(request, _("Målet er gemt."))
                return redirect("initiatives:goal", initiative.pk, goal.pk)
    goal_list = list(
        initiative.goals.select_related("platform", "baseline").annotate(
            measurement_count=Count("measurements")
        )
    )
    return render(
        request,
        "initiatives/goals.html",
        _context(
            initiative,
            baselines=initiative.baselines.select_related("platform"),
            process_goals=[g for g in goal_list if g.kind == Goal.Kind.PROCESS],
            effect_goals=[g for g in goal_list if g.kind == Goal.Kind.EFFECT],
            baseline_form=baseline_form,
            goal_form=goal_form,
        ),
        status=400 if request.method == "POST" else 200,
    )


def _goal(initiative, goal_id):
    return get_object_or_404(
        initiative.goals.select_related("platform", "baseline", "initiative"), pk=goal_id
    )


def goal_detail(request, pk, goal_id):
    initiative = _initiative(request, pk, change=request.method == "POST")
    goal = _goal(initiative, goal_id)
    measurement_form = MeasurementForm(goal=goal)
    adjust_form = GoalAdjustForm(instance=goal, initiative=initiative, prefix="adjust")
    status = 200
    if request.method == "POST":
        status = 400
        if request.POST.get("form") == "adjust":
            adjust_form = GoalAdjustForm(
                request.POST, instance=_goal(initiative, goal_id), initiative=initiative, prefix="adjust"
            )
            if adjust_form.is_valid():
                _adjust(initiative, goal, adjust_form, request.user)
                messages.success(request, _("Målet er justeret. Den tidligere version er gemt."))
                return redirect("initiatives:goal", initiative.pk, goal.pk)
        else:
            measurement_form = MeasurementForm(request.POST, goal=goal)
            if measurement_form.is_valid():
                with transaction.atomic():
                    measurement = measurement_form.save(commit=False)
                    measurement.goal, measurement.recorded_by = goal, request.user
                    measurement.save()
                    record(initiative, request.user, _("Målte på målet: %(text)s") % {"text": goal.text})
                messages.success(request, _("Målingen er gemt."))
                return redirect(reverse("initiatives:goal", args=[initiative.pk, goal.pk]) + "#maalinger")
    measurements = list(goal.measurements.select_related("recorded_by"))
    return render(
        request,
        "initiatives/goal_detail.html",
        _context(
            initiative,
            goal=goal,
            measurements=measurements,
            chart=chart.goal_chart(goal, measurements),
            revisions=goal.revisions.select_related("changed_by"),
            measurement_form=measurement_form,
            adjust_form=adjust_form,
        ),
        status=status,
    )


@transaction.atomic
def _adjust(initiative, goal, form, user):
    old = Goal.objects.select_for_update().get(pk=goal.pk)
    GoalRevision.objects.create(
        goal=old,
        version=old.version,
        kind=old.kind,
        measure=old.measure,
        text=old.text,
        indicator=old.indicator,
        target=old.target,
        unit=old.unit,
        reason=form.cleaned_data["reason"].strip(),
        changed_by=user,
    )
    adjusted = form.save(commit=False)
    adjusted.version = old.version + 1
    adjusted.save()
    record(initiative, user, _("Justerede målet: %(text)s") % {"text": adjusted.text})


def ripples(request, pk):
    initiative = _initiative(request, pk, change=request.method == "POST")
    form = RippleForm(initial={"noticed_by": request.user.display_name})
    if request.method == "POST":
        form = RippleForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                ripple = form.save(commit=False)
                ripple.initiative, ripple.recorded_by = initiative, request.user
                ripple.save()
                record(initiative, request.user, _("Noterede en ring i vandet"))
            messages.success(request, _("Ringen i vandet er noteret."))
            return redirect("initiatives:ripples", initiative.pk)
    return render(
        request,
        "initiatives/ripples.html",
        _context(initiative, ripples=initiative.ripples.select_related("recorded_by"), form=form),
        status=400 if request.method == "POST" else 200,
    )


def timeline_view(request, pk):
    initiative = _initiative(request, pk)
    return render(
        request,
        "initiatives/timeline.html",
        _context(
            initiative,
            events=timeline.events(initiative),
            changes=initiative.changes.select_related("user")[: timeline.CHANGES_SHOWN],
        ),
    )


def status_report(request, pk):
    initiative = _initiative(request, pk)
    return render(request, "initiatives/report.html", report.context(initiative))


def status_report_pdf(request, pk):
    initiative = _initiative(request, pk)
    response = HttpResponse(report.pdf(report.context(initiative)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="statusrapport-{initiative.pk}.pdf"'
    return response


@require_POST
def to_case(request, pk):
    """An editor drafts a catalogue case from the initiative (cases/drafts.py); the draft opens in
    the admin for review. Drafting again makes a new draft: the first stays as it was edited."""
    from cases.drafts import NoCaseIndex, create_case_draft

    from .to_case import case_draft_for

    initiative = _initiative(request, pk)
    if not is_editor(request.user):
        raise PermissionDenied
    try:
        with transaction.atomic():
            page = create_case_draft(case_draft_for(initiative), request.user)
            Initiative.objects.filter(pk=initiative.pk).update(case_draft=page)
            record(
                initiative,
                request.user,
                _("Lavede en casekladde i kataloget: %(title)s") % {"title": page.title},
            )
    except NoCaseIndex:
        messages.error(request, _("Kataloget har ingen caseoversigt at lægge kladden i."))
        return redirect(initiative.get_absolute_url())
    messages.success(request, _("Casekladden er lavet. Gennemse, ret og udgiv den her."))
    return redirect("wagtailadmin_pages:edit", page.pk)
