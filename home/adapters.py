from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins create or invite users. SIGNUP_EMAIL_DOMAINS opens sign-up for
    addresses on those domains only (e.g. politi.dk)."""

    def is_open_for_signup(self, request):
        return bool(settings.SIGNUP_EMAIL_DOMAINS)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on users get an account the first time they sign in: the identity provider
    (Entra ID) already decides who belongs to the police."""

    def is_open_for_signup(self, request, sociallogin):
        return True
