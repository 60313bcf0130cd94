from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm


class SignupForm(AllauthSignupForm):
    """Sign-up (only open when SIGNUP_EMAIL_DOMAINS is set) for addresses on those domains."""

    def clean_email(self):
        email = super().clean_email()
        if email.rsplit("@", 1)[-1].lower() not in settings.SIGNUP_EMAIL_DOMAINS:
            raise forms.ValidationError(
                _("Du kan kun oprette en konto med en e-mailadresse fra: %(domains)s")
                % {"domains": ", ".join(settings.SIGNUP_EMAIL_DOMAINS)}
            )
        return email


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, saying the size limit before the upload. Wagtail checks
    WAGTAILDOCS_MAX_UPLOAD_SIZE (bytes) itself but only says it after a refused upload."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = _("Højst %(size)s. Tilladte filtyper: %(types)s.") % {
                "size": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE),
                "types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS),
            }
