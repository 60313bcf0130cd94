"""The initiative's forms. Every rule is checked here, on the server, with a message that says what
to do; the browser's own checks are only a convenience."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from home.models import District, User
from toolbox.phases import Phase

from .models import (
    LAST_PHASE,
    REALITY_CHECK_PHASES,
    Baseline,
    DevelopmentPlatform,
    ExternalActor,
    Goal,
    Initiative,
    Measurement,
    Ripple,
)

TEXT_LIMIT = 5000


def _input(widget):
    widget.attrs.setdefault("class", "form-input")
    return widget


class StyledForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select | forms.Textarea | forms.TextInput | forms.DateInput):
                _input(field.widget)
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)
                field.max_length = field.max_length or TEXT_LIMIT
                field.widget.attrs.setdefault("maxlength", TEXT_LIMIT)


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": _("Skriv datoen som åååå-mm-dd.")}

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Datoen ligger i fremtiden. Skriv den dato, det skete."))


class InitiativeForm(StyledForm):
    district = forms.ModelChoiceField(District.objects.all(), label=_("Politikreds"))

    class Meta:
        model = Initiative
        fields = ["name", "district", "challenge", "anchor_person", "tovholder"]
        labels = {"name": _("Navn på initiativet")}

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The Ankerperson represents the police in the initiative: one of its working group.
        self.fields["anchor_person"].queryset = User.objects.filter(
            pk__in=[user.pk for user in members or []]
        )
        self.fields["anchor_person"].empty_label = _("Ikke udpeget endnu")
        self.fields["challenge"].widget.attrs["rows"] = 3

    def clean_challenge(self):
        challenge = " ".join(self.cleaned_data["challenge"].split())
        if not challenge.endswith("?"):
            raise forms.ValidationError(
                _(
                    "Formulér den fælles samlende udfordring som et spørgsmål, der slutter med et "
                    "spørgsmålstegn."
                )
            )
        return challenge


class MemberInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadresse"),
        help_text=_("Kollegaen skal have en bruger på sitet."),
        widget=forms.EmailInput(attrs={"class": "form-input", "autocomplete": "off"}),
        error_messages={
            "required": _("Skriv kollegaens e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse."),
        },
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "Der er ingen bruger med e-mailadressen %(email)s på sitet. Kollegaen skal "
                    "oprette sig først."
                )
                % {"email": email}
            )
        if self.initiative.memberships.filter(user=user).exists():
            raise forms.ValidationError(
                _("%(name)s er allerede med i arbejdsgruppen.") % {"name": user.display_name}
            )
        self.user = user
        return email


class ExternalActorForm(StyledForm):
    class Meta:
        model = ExternalActor
        fields = ["name", "actor_type", "role"]


class DevelopmentPlatformForm(StyledForm):
    class Meta:
        model = DevelopmentPlatform
        fields = ["name", "focus_area"]


class PhaseMoveForm(forms.Form):
    """The decision to move. ``from_phase`` is the phase the member saw when deciding: if the
    initiative has moved since, the move is refused instead of being applied twice."""

    from_phase = forms.TypedChoiceField(choices=Phase.choices, coerce=int, widget=forms.HiddenInput)
    to_phase = forms.TypedChoiceField(
        label=_("Flyt til"),
        choices=Phase.choices,
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Et initiativ går videre én fase ad gangen eller tilbage til en tidligere fase."
            )
        },
    )
    note = forms.CharField(
        label=_("Begrundelse"),
        max_length=TEXT_LIMIT,
        help_text=_("Hvad har I nået, og hvorfor flytter I nu? Beslutningen gemmes med dato og dit navn."),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input", "maxlength": TEXT_LIMIT}),
        error_messages={
            "required": _(
                "Skriv en kort begrundelse for faseskiftet. Et faseskift er en beslutning, "
                "som skal kunne læses bagefter."
            )
        },
    )
    reality_check = forms.CharField(
        label=_("Realitetstjek"),
        required=False,
        max_length=TEXT_LIMIT,
        help_text=_(
            "Fremdrift, forhindringer, ejerskab og ligeværd på udviklingsplatformene, "
            "og aftalerne om næste skridt."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-input", "maxlength": TEXT_LIMIT}),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["from_phase"].initial = initiative.phase
        allowed = [number for number, _label in Phase.choices if number < initiative.phase]
        if initiative.phase < LAST_PHASE:
            allowed.append(initiative.phase + 1)
        # The select offers the moves from the phase shown now; the check below goes by the phase
        # the member saw (``from_phase``), so a decision made on an outdated page reaches the
        # conditional UPDATE and is refused there as "already moved", not as a strange choice.
        self.fields["to_phase"].widget.choices = [(n, label) for n, label in Phase.choices if n in allowed]
        self.fields["to_phase"].initial = initiative.next_phase
        self.fields["to_phase"].widget.attrs["class"] = "form-select"
        self.offers_reality_check = initiative.phase in REALITY_CHECK_PHASES

    def clean(self):
        cleaned = super().clean()
        from_phase, to_phase = cleaned.get("from_phase"), cleaned.get("to_phase")
        if from_phase is None or to_phase is None:
            return cleaned
        if to_phase > from_phase + 1:
            self.add_error(
                "to_phase", self.fields["to_phase"].error_messages["invalid_choice"] % {"value": to_phase}
            )
        if to_phase == from_phase:
            self.add_error("to_phase", _("Initiativet står allerede i den fase."))
        if (
            from_phase == Phase.DEVELOPMENT
            and to_phase == Phase.CLOSING
            and not cleaned.get("reality_check", "").strip()
        ):
            self.add_error(
                "reality_check",
                _("Lav et realitetstjek, før initiativet går til Afslutning: skriv, hvad det viste."),
            )
        return cleaned


class BaselineForm(StyledForm):
    measured_on = DateField(label=_("Dato"), help_text=_("Hvornår stod det sådan til?"))

    class Meta:
        model = Baseline
        fields = ["platform", "description", "measured_on", "source", "value", "unit"]
        help_texts = {"source": _("Fx døgnrapporter, en tryghedsmåling eller interviews i kortlægningen.")}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = initiative.platforms.all()
        self.fields["platform"].empty_label = _("Hele initiativet")


class GoalForm(StyledForm):
    class Meta:
        model = Goal
        fields = ["kind", "measure", "platform", "text", "indicator", "target", "unit", "baseline"]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = initiative.platforms.all()
        self.fields["platform"].empty_label = _("Hele initiativet")
        self.fields["baseline"].queryset = initiative.baselines.all()
        self.fields["baseline"].empty_label = _("Ingen baseline")
        self.fields["kind"].widget = forms.RadioSelect(choices=Goal.Kind.choices)
        self.fields["measure"].widget = forms.RadioSelect(choices=Goal.Measure.choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Goal.Kind.EFFECT and not cleaned.get("indicator", "").strip():
            self.add_error(
                "indicator",
                _(
                    "Et effektmål skal kunne måles: skriv, hvordan I måler det "
                    "(fx antal anmeldelser pr. kvartal)."
                ),
            )
        baseline = cleaned.get("baseline")
        if (
            baseline
            and cleaned.get("platform")
            and baseline.platform_id not in (None, cleaned["platform"].pk)
        ):
            self.add_error("baseline", _("Baselinen hører til en anden udviklingsplatform."))
        return cleaned


class GoalAdjustForm(GoalForm):
    reason = forms.CharField(
        label=_("Hvorfor justerer I målet?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input", "maxlength": TEXT_LIMIT}),
        help_text=_("Den gamle version gemmes sammen med begrundelsen."),
        error_messages={
            "required": _("Skriv, hvorfor målet justeres. Den gamle version gemmes med begrundelsen.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.has_changed_besides_reason():
            raise forms.ValidationError(_("Målet er uændret. Ret målet, før I gemmer en justering."))
        return cleaned

    def has_changed_besides_reason(self):
        return any(name != "reason" for name in self.changed_data)


class MeasurementForm(StyledForm):
    measured_on = DateField(label=_("Dato"))

    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        if goal.is_quantitative:
            self.fields["value"].label = _("Tal") + (f" ({goal.unit})" if goal.unit else "")
        else:
            del self.fields["value"]

    def clean(self):
        cleaned = super().clean()
        measured_on = cleaned.get("measured_on")
        baseline_date = self.baseline_date()
        if measured_on and baseline_date and measured_on < baseline_date:
            self.add_error(
                "measured_on",
                _("Målingen kan ikke ligge før baselinen fra %(date)s. Ret datoen.")
                % {"date": date_format(baseline_date, "j. F Y")},
            )
        if self.goal.is_quantitative and cleaned.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Skriv det tal, I har målt."))
        if not self.goal.is_quantitative and not cleaned.get("note", "").strip():
            self.add_error("note", _("Beskriv, hvad I har set: et kvalitativt mål måles i ord."))
        return cleaned

    def baseline_date(self):
        """The goal's own baseline, else the initiative's first one: measuring starts from there."""
        if self.goal.baseline_id:
            return self.goal.baseline.measured_on
        first = self.goal.initiative.baselines.order_by("measured_on").first()
        return first.measured_on if first else None


class RippleForm(StyledForm):
    noticed_on = DateField(label=_("Dato"))

    class Meta:
        model = Ripple
        fields = ["noticed_on", "noticed_by", "description", "led_to"]
        help_texts = {
            "description": _(
                "En bonuseffekt, ingen satte som mål – fx en ny faglig relation "
                "eller en idé, andre kan bruge."
            )
        }
