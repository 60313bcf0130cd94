from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _


def _domain_allowed(email):
    domain = email.rsplit("@", 1)[-1].lower()
    return domain in settings.SIGNUP_EMAIL_DOMAINS


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins create or invite users. SIGNUP_EMAIL_DOMAINS opens sign-up for
    addresses on those domains only (e.g. politi.dk)."""

    def is_open_for_signup(self, request):
        return bool(settings.SIGNUP_EMAIL_DOMAINS)

    def clean_email(self, email):
        email = super().clean_email(email)
        if not _domain_allowed(email):
            raise forms.ValidationError(
                _("Du kan kun oprette en konto med en e-mailadresse fra: %(domains)s")
                % {"domains": ", ".join(settings.SIGNUP_EMAIL_DOMAINS)}
            )
        return email


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on users get an account the first time they sign in: the identity provider
    (Entra ID) already decides who belongs to the police."""

    def is_open_for_signup(self, request, sociallogin):
        return True
