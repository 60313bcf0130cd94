"""An officer's own co-creation initiative, run on the catalogue's method.

The initiative stands in one of the toolbox's seven phases at a time; every move between phases is
a recorded decision (``PhaseMove``). Goals are set the catalogue's way (*Målsætning på en ny måde*):
a baseline, process and effect goals per development platform, measurements over time, and
adjustments that keep the old version. *Ringe i vandet* are logged beside the goals. Every change
a member makes is kept as a ``ChangeRecord`` (who, when, what).

All text here is plain text written by officers: templates escape it, nothing is marked safe."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cases.models import ActorType
from courses.models import Certificate
from home.models import optional_fk
from home.roles import is_editor
from toolbox.phases import Phase

FIRST_PHASE = Phase.STARTUP
LAST_PHASE = Phase.CLOSING
# The catalogue: "Denne fase indeholder ligeledes et Realitetstjek, som er en procesorienteret
# evaluering, der benyttes løbende i Fase 6 og 7." A decision taken in those phases carries one.
REALITY_CHECK_PHASES = (Phase.DEVELOPMENT, Phase.CLOSING)
SUPERUSER_TRACK = "superbruger"


def figure(value):
    """A stored figure as people write it: 27, 12.5 (not 27.00, nor 2E+1)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def superusers_of_district(user):
    """Whether ``user`` is a superbruger: holds a certificate of the superbruger track (the
    courses app issues it; read here, never written)."""
    return Certificate.objects.filter(user=user, track=SUPERUSER_TRACK)


def by_user():
    # Who did it: the row stays, without them, if their account is deleted.
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What ``user`` may open: initiatives whose working group they are in; every initiative of
        their district once they are a superbruger; all of them for editors (the method's
        co-creation specialists). Anyone else finds nothing, so an id of theirs gives a 404."""
        if not user.is_authenticated:
            return self.none()
        if is_editor(user):
            return self
        condition = Q(Exists(Membership.objects.filter(initiative=OuterRef("pk"), user=user)))
        if user.district_id:
            certified = superusers_of_district(user)
            condition |= Q(district_id=user.district_id) & Q(Exists(certified))
        return self.filter(condition)


class Initiative(index.Indexed, models.Model):
    name = models.CharField(_("navn"), max_length=200)
    district = models.ForeignKey(
        "home.District", verbose_name=_("politikreds"), on_delete=models.PROTECT, related_name="initiatives"
    )
    challenge = models.TextField(
        _("den fælles samlende udfordring"),
        help_text=_("Udfordringen som aktørerne samles om, formuleret som et spørgsmål."),
    )
    anchor_person = optional_fk(
        settings.AUTH_USER_MODEL, _("ankerperson"), related_name="anchored_initiatives"
    )
    tovholder = models.CharField(
        _("tovholder"),
        max_length=150,
        blank=True,
        help_text=_("Brobyggeren mellem udviklingsplatformene; ofte en af de eksterne aktører."),
    )
    phase = models.PositiveSmallIntegerField(_("fase"), choices=Phase.choices, default=FIRST_PHASE)
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Et demo-initiativ bygget på en case fra kataloget.")
    )
    case_draft = optional_fk("cases.CasePage", _("casekladde"))
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("challenge"),
        index.SearchField("tovholder"),
        index.RelatedFields("district", [index.SearchField("name")]),
        index.FilterField("district"),
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativer")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    @classmethod
    def searchable_for(cls, user):
        # Search lists an initiative only to those who may open it (search/registry.py). The
        # search backends filter on plain field lookups only (no EXISTS), so the ids go in as a list.
        return cls.objects.filter(pk__in=cls.visible_ids(user)).select_related("district")

    @classmethod
    def visible_ids(cls, user):
        """The sorted ids of the initiatives ``user`` may open. A search asks twice (for the key of
        its cached outcome and for its matches), so they are kept on the user object, which lives
        for one request."""
        ids = getattr(user, "_visible_initiative_ids", None)
        if ids is None:
            ids = tuple(sorted(cls.objects.visible_to(user).values_list("pk", flat=True)))
            if user.is_authenticated:
                user._visible_initiative_ids = ids
        return ids

    def search_meta(self):
        return {"kind": _("Initiativ"), "district": self.district.name, "phase": self.get_phase_display()}

    @property
    def next_phase(self):
        return self.phase + 1 if self.phase < LAST_PHASE else None


class Membership(models.Model):
    """A user in the initiative's working group (arbejdsgruppen)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_by = by_user()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="initiatives_membership_unique")
        ]
        ordering = ["added_at", "pk"]
        verbose_name = _("medlem af arbejdsgruppen")

    def __str__(self):
        return f"{self.user} – {self.initiative}"


class ExternalActor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("navn"), max_length=200)
    actor_type = models.CharField(_("type"), max_length=20, choices=ActorType.choices)
    role = models.CharField(_("rolle i initiativet"), max_length=300, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("ekstern aktør")

    def __str__(self):
        return self.name


class DevelopmentPlatform(models.Model):
    """*Udviklingsplatform*: a smaller group of actors creating solutions for one focus area under
    the shared challenge."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="platforms")
    name = models.CharField(_("navn"), max_length=200)
    focus_area = models.TextField(_("fokusområde"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("udviklingsplatform")
        verbose_name_plural = _("udviklingsplatforme")

    def __str__(self):
        return self.name


class PhaseMove(models.Model):
    """A decision to move the initiative from one phase to another, forwards or back."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="phase_moves")
    from_phase = models.PositiveSmallIntegerField(_("fra fase"), choices=Phase.choices)
    to_phase = models.PositiveSmallIntegerField(_("til fase"), choices=Phase.choices)
    note = models.TextField(_("begrundelse"))
    reality_check = models.TextField(_("realitetstjek"), blank=True)
    moved_by = by_user()
    moved_on = models.DateField(_("dato"), default=timezone.localdate)
    moved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["moved_at", "pk"]
        verbose_name = _("faseskift")

    def __str__(self):
        return f"{self.get_from_phase_display()} → {self.get_to_phase_display()}"

    @property
    def is_back(self):
        return self.to_phase < self.from_phase


class Baseline(models.Model):
    """How things stood when the work started, with date and source: what later measurements are
    compared with."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="baselines")
    platform = optional_fk(DevelopmentPlatform, _("udviklingsplatform"), related_name="baselines")
    description = models.TextField(_("sådan ser det ud nu"))
    measured_on = models.DateField(_("dato"))
    source = models.CharField(_("kilde"), max_length=300)
    value = models.DecimalField(_("tal"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("enhed"), max_length=60, blank=True)
    recorded_by = by_user()

    class Meta:
        ordering = ["measured_on", "pk"]
        verbose_name = _("baseline")

    def __str__(self):
        return self.description[:80]


class Goal(models.Model):
    class Kind(models.TextChoices):
        PROCESS = "process", _("Procesmål")
        EFFECT = "effect", _("Effektmål")

    class Measure(models.TextChoices):
        QUALITATIVE = "qualitative", _("Kvalitativt")
        QUANTITATIVE = "quantitative", _("Kvantitativt")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="goals")
    platform = optional_fk(DevelopmentPlatform, _("udviklingsplatform"), related_name="goals")
    kind = models.CharField(_("slags mål"), max_length=10, choices=Kind.choices)
    measure = models.CharField(_("kvalitativt eller kvantitativt"), max_length=12, choices=Measure.choices)
    text = models.TextField(_("mål"))
    indicator = models.CharField(
        _("sådan måler vi det"),
        max_length=300,
        blank=True,
        help_text=_("Fx antal anmeldelser pr. kvartal eller de unges egne fortællinger i samtalesaloner."),
    )
    target = models.DecimalField(_("måltal"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("enhed"), max_length=60, blank=True)
    baseline = optional_fk(Baseline, _("baseline"), related_name="goals")
    version = models.PositiveSmallIntegerField(default=1)
    created_by = by_user()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self):
        return self.text[:80]

    @property
    def is_quantitative(self):
        return self.measure == self.Measure.QUANTITATIVE


class GoalRevision(models.Model):
    """A goal as it was before an adjustment, with the reason for changing it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Goal.Kind.choices)
    measure = models.CharField(max_length=12, choices=Goal.Measure.choices)
    text = models.TextField()
    indicator = models.CharField(max_length=300, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    reason = models.TextField(_("begrundelse for justeringen"))
    changed_by = by_user()
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "version"], name="initiatives_goal_revision_unique")
        ]

    def __str__(self):
        return f"{self.text[:60]} (version {self.version})"


class Recorded(models.Model):
    """Who wrote a row down, and when: what an initiative's history shows beside each entry."""

    recorded_by = by_user()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Measurement(Recorded):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("dato"))
    value = models.DecimalField(_("tal"), max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("hvad viser målingen"), blank=True)

    class Meta:
        ordering = ["measured_on", "pk"]
        verbose_name = _("måling")

    def __str__(self):
        return f"{self.measured_on}: {self.goal}"


class Ripple(Recorded):
    """*Ringe i vandet*: a bonus effect nobody set as a goal."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="ripples")
    noticed_on = models.DateField(_("dato"))
    noticed_by = models.CharField(_("hvem lagde mærke til det"), max_length=200)
    description = models.TextField(_("ringen i vandet"))
    led_to = models.TextField(_("hvad det førte til"), blank=True)

    class Meta:
        ordering = ["-noticed_on", "-pk"]
        verbose_name = _("ring i vandet")
        verbose_name_plural = _("ringe i vandet")

    def __str__(self):
        return self.description[:80]


class ChangeRecord(models.Model):
    """Who changed what, and when: one row for every change a member makes."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="changes")
    user = by_user()
    at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["initiative", "at"], name="initiatives_change_at")]

    def __str__(self):
        return self.summary
