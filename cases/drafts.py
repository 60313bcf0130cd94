"""A new case drafted from outside the admin (an officer's initiative): a page under the catalogue's
case index that is saved but not published, so an editor reviews, completes and publishes it in
the Wagtail admin like any other case.

Other apps hand over plain values; this module alone knows how a case stores them."""

from dataclasses import dataclass, field

from django.utils.text import slugify
from wagtail.models import Locale

from .models import Actor, CaseActor, CaseGoal, CaseIndexPage, CasePage, CaseResult, CaseRippleEffect
from .models.pages import Status


@dataclass
class CaseDraft:
    title: str
    district: object
    place: str
    summary: str
    challenge: str
    phase_reached: int
    start_year: int | None = None
    anchor_person_name: str = ""
    anchor_person_role: str = ""
    # (name, actor type, role): an actor already in the catalogue keeps its type.
    actors: list = field(default_factory=list)
    results: list = field(default_factory=list)
    # (kind, measure, text) with CaseGoal's kinds and measures.
    goals: list = field(default_factory=list)
    ripples: list = field(default_factory=list)
    body_html: str = ""


class NoCaseIndex(Exception):
    """The catalogue has no case index in the default language to put the draft under."""


def _unique_slug(index, title):
    base = slugify(title)[:70] or "case"
    slug, n = base, 2
    taken = set(CasePage.objects.child_of(index).filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_case_draft(draft, user):
    """Save ``draft`` as an unpublished case page with a first revision by ``user``; returns the
    page. Nothing is published: the live catalogue does not change."""
    index = CaseIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise NoCaseIndex
    page = CasePage(
        title=draft.title,
        slug=_unique_slug(index, draft.title),
        district=draft.district,
        place=draft.place or draft.district.name,
        start_year=draft.start_year,
        status=Status.COMPLETED if draft.phase_reached == 7 else Status.ACTIVE,
        phase_reached=draft.phase_reached,
        summary=draft.summary,
        challenge=draft.challenge,
        anchor_person_name=draft.anchor_person_name,
        anchor_person_role=draft.anchor_person_role,
        live=False,
    )
    if draft.body_html:
        page.body = [("text", draft.body_html)]
    # Numbered as the initiative lists them: without a sort_order, Orderable's ordering leaves
    # the order to the database, and a baseline could come after the goals measured against it.
    case_actors = []
    for n, (name, actor_type, role) in enumerate(draft.actors):
        actor, _created = Actor.objects.get_or_create(name=name, defaults={"actor_type": actor_type})
        case_actors.append(CaseActor(actor=actor, role=role, sort_order=n))
    page.case_actors = case_actors
    page.results = [CaseResult(text=text, sort_order=n) for n, text in enumerate(draft.results)]
    page.goals = [
        CaseGoal(kind=kind, measure=measure, text=text, sort_order=n)
        for n, (kind, measure, text) in enumerate(draft.goals)
    ]
    page.ripple_effects = [CaseRippleEffect(text=text, sort_order=n) for n, text in enumerate(draft.ripples)]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
