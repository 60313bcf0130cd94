from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from erfa.models import ExperiencePost
from erfa.sanitise import plain_text, visible_text
from home import cache_versions
from home.access import access_key, visible_to
from home.routing import active_locale

MAX_TEXT_LENGTH = 10_000


def page_options(name, queryset):
    """(id, "<option ...>") pairs for a select of the pages in ``queryset``, kept in the cache until
    the page tree changes (home/routing.py). The form lists every live case and tool, a thousand
    and more as the catalogue grows: read and written out per request, with Django's template per
    option, the empty form took 160 ms."""
    return cache_versions.cached(
        cache_versions.CONTENT,
        "page-options",
        name,
        compute=lambda: [
            (str(pk), format_html('<option value="{}">{}</option>', pk, title))
            for pk, title in queryset.values_list("pk", "title")
        ],
        timeout=60 * 60,
    )


class PageSelect(forms.Select):
    """A select whose options come ready-written from ``page_options``."""

    option_source = None  # set by LinkedPageField: a callable returning page_options(...)
    empty_label = ""

    def render(self, name, value, attrs=None, renderer=None):
        selected = str(value) if value not in (None, "") else ""
        options = [format_html('<option value="">{}</option>', self.empty_label)]
        for key, option in self.option_source():
            options.append(option.replace("<option ", "<option selected ", 1) if key == selected else option)
        attributes = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return format_html("<select{}>{}</select>", attributes, mark_safe("".join(options)))


class LinkedPageField(forms.ModelChoiceField):
    """A page among ``queryset``, offered by a PageSelect; what is sent back is checked against the
    queryset as usual."""

    widget = PageSelect
    default_error_messages = {"invalid_choice": _("Vælg en af siderne på listen.")}

    def __init__(self, queryset, cache_name, **kwargs):
        super().__init__(queryset, **kwargs)
        self.widget.option_source = lambda: page_options(cache_name, queryset)
        self.widget.empty_label = self.empty_label


class ExperiencePostForm(forms.ModelForm):
    """The participant's form. Linked pages are chosen among live pages of the right type in the
    reader's language; anything else sent in the request is refused as an invalid choice."""

    text = forms.CharField(
        label=_("Din erfaring"),
        widget=forms.Textarea(attrs={"rows": 12, "class": "form-input"}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_(
            "Almindelig tekst; en tom linje giver nyt afsnit. Formatering, der bevares: fed "
            "(<b>…</b>), kursiv (<i>…</i>), lister (<ul><li>…</li></ul>) og links "
            '(<a href="https://…">…</a>, også mailto). Anden formatering fjernes. Højst 10.000 tegn.'
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
        help_texts = {"title": _("Almindelig tekst uden formatering.")}

    LINKED = ("case", "phase", "tool", "erfa_day")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        locale = active_locale()
        # Only pages the author may open are offered (and accepted): the options are cached per
        # set of restrictions that hide pages (home/access.py).
        seen = access_key(user)
        for kind in self.LINKED:
            # The model form's own field holds the page type the post links to (CasePage, ...).
            pages = self.fields[kind].queryset.live().filter(locale=locale)
            self.fields[kind] = LinkedPageField(
                cache_name=f"{kind}:{locale.pk}:{seen}",
                queryset=visible_to(pages, user).order_by("-starts_at" if kind == "erfa_day" else "path"),
                required=False,
                label=self._meta.labels[kind],
                empty_label=_("(ingen)"),
            )
        for name, field in self.fields.items():
            # Django links the help text (id "<field id>_helptext") and marks errors aria-invalid.
            field.widget.attrs.setdefault("class", "form-select" if name in self.LINKED else "form-input")

    def clean_title(self):
        title = plain_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Giv din erfaring en overskrift."))
        return title

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
