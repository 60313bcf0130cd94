"""The demo initiatives (``manage.py load_catalogue``, after the cases): one per demo learner,
built from a case of the catalogue and marked as an example. Idempotent: an example that exists
is left as the learner has made it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import CasePage
from home.catalogue import read_content
from home.models import User

from .changes import record
from .models import Baseline, ExternalActor, Goal, Initiative, Membership, Ripple

SOURCE = "Casekataloget 2021: %(case)s"


def load_demo_initiatives(ctx):
    for entry in read_content("initiatives", "demo"):
        user = User.objects.filter(email=entry["learner"]).first()
        case = CasePage.objects.filter(slug=entry["case"], live=True).select_related("district").first()
        if user is None or case is None:
            ctx.log(f"  skipped example for {entry['learner']}: no such user or case yet")
            continue
        if Initiative.objects.filter(is_example=True, created_by=user, name=entry["name"]).exists():
            ctx.count("examples kept")
            continue
        with transaction.atomic():
            _create_example(entry, user, case)
        ctx.count("examples created")


def _create_example(entry, user, case):
    source = SOURCE % {"case": case.title}
    today = timezone.localdate()
    initiative = Initiative.objects.create(
        name=entry["name"],
        district=case.district,
        challenge=" ".join(entry["challenge"].split()),
        anchor_person=user,
        phase=case.phase_reached,
        is_example=True,
        created_by=user,
    )
    Membership.objects.create(initiative=initiative, user=user)
    for case_actor in case.case_actors.select_related("actor"):
        ExternalActor.objects.create(
            initiative=initiative,
            name=case_actor.actor.name,
            actor_type=case_actor.actor.actor_type,
            role=case_actor.role or case_actor.units,
        )
    baseline = None
    for case_goal in case.goals.all():
        if case_goal.kind == "baseline":
            baseline = Baseline.objects.create(
                initiative=initiative, description=case_goal.text, measured_on=today, source=source
            )
    for case_goal in case.goals.exclude(kind="baseline"):
        Goal.objects.create(
            initiative=initiative,
            kind=case_goal.kind,
            measure=case_goal.measure,
            text=case_goal.text,
            indicator=entry["indicators"].get(case_goal.measure, ""),
            baseline=baseline,
        )
    for ripple in case.ripple_effects.all():
        Ripple.objects.create(
            initiative=initiative, noticed_on=today, noticed_by=source, description=ripple.text
        )
    record(
        initiative,
        None,
        gettext("Eksemplet er bygget på casen %(case)s fra kataloget") % {"case": case.title},
    )
