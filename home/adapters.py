from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from allauth.core.internal.ratelimit import respond_429
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError

RATE_LIMIT_APP = "allauth.account"


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins create or invite users. SIGNUP_EMAIL_DOMAINS opens sign-up for
    addresses on those domains only (e.g. politi.dk).

    Failed sign-ins are limited per account and address together (allauth's "login_failed",
    ACCOUNT_RATE_LIMITS): someone guessing one account's password is stopped after a few tries,
    and officers of a district who share one address behind a proxy are not locked out by one
    colleague's typos. A locked-out sign-in answers 429 Too Many Requests with the site's own page
    (site/templates/429.html), not the form again with 200.

    The address alone is never locked out. allauth's per-address part of "login_failed" refused
    every sign-in from an address once 30 had failed there in a minute, correct passwords
    included: one client guessing (or one broken script) shut out a whole district behind its
    proxy. Instead, an address with that many failed or refused sign-ins counts as busy
    (LOGIN_FAILED_LIMITS["address"]); while it is, an account gets one failed sign-in from it per
    quarter of an hour (LOGIN_FAILED_LIMITS["account_at_busy_address"]) instead of five per five
    minutes. So the guesser is slowed to one guess per account, also when spraying one password
    over many accounts, while a colleague whose account has not just failed there signs in as
    usual. A correct password does not lift the limit: it is checked only after the limits
    allowed the attempt (refusing only the wrong ones would tell the guesser when a guess was
    right, and let it in)."""

    def is_open_for_signup(self, request):
        return bool(settings.SIGNUP_EMAIL_DOMAINS)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's key for the per-key part of "login_failed" is the account alone.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        self._busy_address_usage = None
        try:
            super().pre_authenticate(request, **credentials)
            if self._address_is_busy(request):
                key = self._get_login_attempts_cache_key(request, **credentials)
                self._busy_address_usage = self._consume(request, "account_at_busy_address", key=key)
                if not self._busy_address_usage:
                    # Refused before the password was checked: not a failed attempt of the account.
                    super()._rollback_login_failed_rl_usage()
                    raise self.validation_error("too_many_login_attempts")
        except ValidationError as locked:
            if getattr(locked, "code", None) == "too_many_login_attempts":
                # A refused attempt tells as much about the address as a failed one.
                self._count_for_address(request)
                raise ImmediateHttpResponse(respond_429(request)) from locked
            raise

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        self._count_for_address(request)

    def _rollback_login_failed_rl_usage(self):
        # A successful sign-in gives back what its attempt used, as allauth does for its own limit.
        super()._rollback_login_failed_rl_usage()
        if getattr(self, "_busy_address_usage", None):
            self._busy_address_usage.rollback()

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # After a password reset the account starts afresh, at a busy address too.
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app=RATE_LIMIT_APP,
            action="account_at_busy_address",
            config=settings.LOGIN_FAILED_LIMITS,
            key=self._get_login_attempts_cache_key(request, **credentials),
        )

    def _address_is_busy(self, request):
        return not self._consume(request, "address", dry_run=True)

    def _count_for_address(self, request):
        self._consume(request, "address")

    def _consume(self, request, action, **kwargs):
        return ratelimit.consume(
            request, app=RATE_LIMIT_APP, action=action, config=settings.LOGIN_FAILED_LIMITS, **kwargs
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on users get an account the first time they sign in: the identity provider
    (Entra ID) already decides who belongs to the police."""

    def is_open_for_signup(self, request, sociallogin):
        return True
