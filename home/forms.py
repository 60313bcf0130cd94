from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _


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
