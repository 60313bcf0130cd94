from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import District
from home.roles import is_moderator

from .assignments import assignable_users
from .models import CoursePage

MAX_EMAILS = 500


class AssignCourseForm(forms.Form):
    """Whom to assign a course to: any mix of e-mail addresses, one group and one district, all
    limited to the people the signed-in user may assign to (a superbruger: their own district)."""

    course = forms.ModelChoiceField(label=_("Kursus"), queryset=CoursePage.objects.none())
    due_date = forms.DateField(label=_("Frist"), widget=forms.DateInput(attrs={"type": "date"}))
    emails = forms.CharField(
        label=_("Kursister (e-mailadresser)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Én adresse pr. linje eller adskilt af komma."),
    )
    group = forms.ModelChoiceField(label=_("Gruppe"), queryset=Group.objects.order_by("name"), required=False)
    district = forms.ModelChoiceField(label=_("Politikreds"), queryset=District.objects.all(), required=False)

    def __init__(self, *args, actor, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["course"].queryset = CoursePage.objects.live().filter(locale=locale).order_by("path")
        if not is_moderator(actor):
            self.fields["district"].queryset = District.objects.filter(pk=actor.district_id)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-input")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise forms.ValidationError(_("Fristen kan ikke ligge før i dag."))
        return due_date

    def clean_emails(self):
        raw = self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n")
        emails = sorted({line.strip().lower() for line in raw.splitlines() if line.strip()})
        if len(emails) > MAX_EMAILS:
            raise forms.ValidationError(_("Højst %(n)s adresser ad gangen.") % {"n": MAX_EMAILS})
        known = set(assignable_users(self.actor).filter(email__in=emails).values_list("email", flat=True))
        unknown = [email for email in emails if email not in known]
        if unknown:
            raise forms.ValidationError(
                _("Disse adresser kender vi ikke, eller du kan ikke tildele dem kurser: %(emails)s")
                % {"emails": ", ".join(unknown)}
            )
        return emails

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("emails") or cleaned.get("group") or cleaned.get("district")):
            if not self.errors:
                raise forms.ValidationError(_("Vælg mindst én kursist, en gruppe eller en politikreds."))
        return cleaned

    def recipients(self):
        users = assignable_users(self.actor)
        data = self.cleaned_data
        selected = users.none()
        if data["emails"]:
            selected |= users.filter(email__in=data["emails"])
        if data["group"]:
            selected |= users.filter(groups=data["group"])
        if data["district"]:
            selected |= users.filter(district=data["district"])
        return users.filter(pk__in=selected.values("pk"))
