from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import get_ip, respond_429
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins create or invite users. SIGNUP_EMAIL_DOMAINS opens sign-up for
    addresses on those domains only (e.g. politi.dk).

    Failed sign-ins are counted per account and address together (and, more loosely, per
    address; ACCOUNT_RATE_LIMITS): officers of a district who share one address behind a proxy
    are not locked out by one colleague's typos, and someone guessing one account's password
    is stopped after a few tries. A locked-out sign-in answers 429 Too Many Requests with the
    site's own page (site/templates/429.html), not the form again with 200."""

    def is_open_for_signup(self, request):
        return bool(settings.SIGNUP_EMAIL_DOMAINS)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's key for the per-key part of "login_failed" is the account alone.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as locked:
            if getattr(locked, "code", None) == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from locked
            raise


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on users get an account the first time they sign in: the identity provider
    (Entra ID) already decides who belongs to the police."""

    def is_open_for_signup(self, request, sociallogin):
        return True
