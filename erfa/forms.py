from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from wagtail.models import Page

from erfa.models import ErfaDayPage, ExperiencePost
from erfa.models.posts import page_type_filter
from erfa.sanitise import visible_text
from home.routing import active_locale

MAX_TEXT_LENGTH = 10_000


class LinkedPageField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("Vælg en af siderne på listen.")}

    def label_from_instance(self, page):
        return page.title


class ExperiencePostForm(forms.ModelForm):
    """The participant's form. Linked pages are chosen among live pages of the right type in the
    reader's language; anything else sent in the request is refused as an invalid choice."""

    text = forms.CharField(
        label=_("Din erfaring"),
        widget=forms.Textarea(attrs={"rows": 12, "class": "form-input"}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_(
            "Almindelig tekst. En tom linje giver nyt afsnit. Du kan bruge <strong>fed</strong>, "
            "<em>kursiv</em>, lister og links (http, https, mailto). Højst 10.000 tegn."
        ),
        error_messages={
            "required": _("Skriv din erfaring – teksten er tom."),
            "max_length": _(
                "Teksten er for lang: højst %(limit_value)d tegn, du har skrevet %(show_value)d."
            ),
        },
    )
    tags = TagField(
        label=_("Emneord"),
        required=False,
        help_text=_("Adskil med komma, fx ankerperson, kortlægning"),
    )

    class Meta:
        model = ExperiencePost
        fields = ["title", "text", "case", "phase", "tool", "erfa_day", "tags"]
        labels = {
            "title": _("Overskrift"),
            "case": _("Case"),
            "phase": _("Fase i metoden"),
            "tool": _("Værktøj"),
            "erfa_day": _("Delt på ERFA-dagen"),
        }
        error_messages = {"title": {"required": _("Giv din erfaring en overskrift.")}}

    LINKED = ("case", "phase", "tool", "erfa_day")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = active_locale()
        for kind in ("case", "phase", "tool"):
            self.fields[kind] = LinkedPageField(
                queryset=Page.objects.live()
                .filter(locale=locale, **page_type_filter(kind))
                .order_by("path")
                .only("pk", "title"),
                required=False,
                label=self._meta.labels[kind],
                empty_label=_("(ingen)"),
            )
        self.fields["erfa_day"] = LinkedPageField(
            queryset=ErfaDayPage.objects.live()
            .filter(locale=locale)
            .order_by("-starts_at")
            .only("pk", "title"),
            required=False,
            label=self._meta.labels["erfa_day"],
            empty_label=_("(ingen)"),
        )
        for name, field in self.fields.items():
            # Django links the help text (id "<field id>_helptext") and marks errors aria-invalid.
            field.widget.attrs.setdefault("class", "form-select" if name in self.LINKED else "form-input")

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not visible_text(text):
            raise forms.ValidationError(_("Skriv din erfaring – teksten er tom, når formatering er fjernet."))
        return text

    def save(self, commit=True):
        post = super().save(commit=False)
        if not post.language:
            active = get_language() or settings.LANGUAGE_CODE
            post.language = active if active in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        if commit:
            post.save()
            self.save_m2m()
        return post


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Skriv en begrundelse til forfatteren.")},
    )
