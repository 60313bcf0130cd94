"""What the initiatives hold about an officer. An initiative is the working group's, not one
person's: on erasure the person leaves every working group and stops being anchor person; what
they recorded (moves, goals, measurements, ripples) stays with the initiative under the anonymous
account; their name goes from the history and from the fields others type names in."""

import re

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from privacy.erasure import ANONYMOUS_NAME
from privacy.registry import Dataset, PersonalData, register

from .models import Baseline, ChangeRecord, Goal, Initiative, Measurement, Membership, PhaseMove, Ripple


def _initiative_rows(queryset, columns):
    return [{key: getter(row) for key, getter in columns.items()} for row in queryset]


@register
class InitiativeData(PersonalData):
    key = "initiatives"
    title = _("Mine initiativer")
    order = 30

    def export(self, user):
        name = {"initiative": lambda row: row.initiative.name}
        memberships = Membership.objects.filter(user=user).select_related("initiative__district")
        created = Initiative.objects.filter(Q(created_by=user) | Q(anchor_person=user)).select_related(
            "district"
        )
        moves = PhaseMove.objects.filter(moved_by=user).select_related("initiative")
        baselines = Baseline.objects.filter(recorded_by=user).select_related("initiative")
        goals = Goal.objects.filter(created_by=user).select_related("initiative")
        measurements = Measurement.objects.filter(recorded_by=user).select_related("goal__initiative")
        ripples = Ripple.objects.filter(recorded_by=user).select_related("initiative")
        changes = ChangeRecord.objects.filter(user=user).select_related("initiative")
        return [
            Dataset(
                "memberships",
                _("Arbejdsgrupper, du er med i"),
                [
                    ("initiative", _("Initiativ")),
                    ("district", _("Politikreds")),
                    ("added_at", _("Med siden")),
                ],
                _initiative_rows(
                    memberships,
                    {
                        **name,
                        "district": lambda row: row.initiative.district.name,
                        "added_at": lambda row: row.added_at,
                    },
                ),
            ),
            Dataset(
                "initiatives",
                _("Initiativer, du har oprettet eller er ankerperson for"),
                [
                    ("name", _("Navn")),
                    ("challenge", _("Udfordring")),
                    ("role", _("Din rolle")),
                    ("created_at", _("Oprettet")),
                ],
                [
                    {
                        "name": row.name,
                        "challenge": row.challenge,
                        "role": [
                            str(label)
                            for label, holds in (
                                (_("oprettet af dig"), row.created_by_id == user.pk),
                                (_("ankerperson"), row.anchor_person_id == user.pk),
                            )
                            if holds
                        ],
                        "created_at": row.created_at,
                    }
                    for row in created
                ],
            ),
            Dataset(
                "phase_moves",
                _("Faseskift, du har besluttet"),
                [
                    ("initiative", _("Initiativ")),
                    ("move", _("Skift")),
                    ("note", _("Begrundelse")),
                    ("reality_check", _("Realitetstjek")),
                    ("moved_on", _("Dato")),
                ],
                _initiative_rows(
                    moves,
                    {
                        **name,
                        "move": str,
                        "note": lambda row: row.note,
                        "reality_check": lambda row: row.reality_check,
                        "moved_on": lambda row: row.moved_on,
                    },
                ),
            ),
            Dataset(
                "baselines",
                _("Baselines, du har registreret"),
                [
                    ("initiative", _("Initiativ")),
                    ("description", _("Beskrivelse")),
                    ("measured_on", _("Dato")),
                ],
                _initiative_rows(
                    baselines,
                    {
                        **name,
                        "description": lambda row: row.description,
                        "measured_on": lambda row: row.measured_on,
                    },
                ),
            ),
            Dataset(
                "goals",
                _("Mål, du har sat"),
                [("initiative", _("Initiativ")), ("kind", _("Slags")), ("text", _("Mål"))],
                _initiative_rows(
                    goals, {**name, "kind": lambda row: row.get_kind_display(), "text": lambda row: row.text}
                ),
            ),
            Dataset(
                "measurements",
                _("Målinger, du har registreret"),
                [
                    ("initiative", _("Initiativ")),
                    ("goal", _("Mål")),
                    ("measured_on", _("Dato")),
                    ("value", _("Tal")),
                    ("note", _("Note")),
                ],
                _initiative_rows(
                    measurements,
                    {
                        "initiative": lambda row: row.goal.initiative.name,
                        "goal": lambda row: row.goal.text,
                        "measured_on": lambda row: row.measured_on,
                        "value": lambda row: str(row.value) if row.value is not None else None,
                        "note": lambda row: row.note,
                    },
                ),
            ),
            Dataset(
                "ripples",
                _("Ringe i vandet, du har noteret"),
                [
                    ("initiative", _("Initiativ")),
                    ("noticed_on", _("Dato")),
                    ("noticed_by", _("Hvem lagde mærke til det")),
                    ("description", _("Ringen i vandet")),
                ],
                _initiative_rows(
                    ripples,
                    {
                        **name,
                        "noticed_on": lambda row: row.noticed_on,
                        "noticed_by": lambda row: row.noticed_by,
                        "description": lambda row: row.description,
                    },
                ),
            ),
            Dataset(
                "changes",
                _("Dine ændringer i initiativerne"),
                [("initiative", _("Initiativ")), ("at", _("Tidspunkt")), ("summary", _("Ændring"))],
                _initiative_rows(
                    changes, {**name, "at": lambda row: row.at, "summary": lambda row: row.summary}
                ),
            ),
        ]

    def erase(self, user):
        memberships, _detail = Membership.objects.filter(user=user).delete()
        anchored = Initiative.objects.filter(anchor_person=user).update(anchor_person=None)
        # Others wrote the person's name into the history ("Inviterede … i arbejdsgruppen") and into
        # free-text name fields; every full name and address the account has had (a colleague may
        # have written the name before a rename) is replaced wherever it stands.
        names = user.names_carried()
        changed_initiatives = set()
        scrubbed = 0
        for model, fields in (
            (ChangeRecord, ["summary"]),
            (Initiative, ["tovholder"]),
            (Ripple, ["noticed_by"]),
        ):
            for field in fields:
                mentions = Q()
                for name in names:
                    mentions |= Q(**{f"{field}__icontains": name})
                for row in model.objects.filter(mentions):
                    setattr(row, field, _replace(getattr(row, field), names))
                    row.save(update_fields=[field])
                    scrubbed += 1
                    changed_initiatives.add(row.pk if model is Initiative else row.initiative_id)
        for initiative in Initiative.objects.filter(pk__in=changed_initiatives):
            index.insert_or_update_object(initiative)
        return {
            "memberships_deleted": memberships,
            "anchor_person_removed": anchored,
            "names_replaced": scrubbed,
        }


def _replace(text, names):
    # Longest first, so a longer name is not left half replaced by a shorter one inside it.
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), ANONYMOUS_NAME, text, flags=re.IGNORECASE)
    return text
