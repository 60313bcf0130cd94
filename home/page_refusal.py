"""A clear refusal for a signed-in reader outside a page's restriction.

Wagtail answers every failing login or group restriction with a redirect to its front-end login
URL (``check_view_restrictions``): a signed-in reader outside the group landed on a sign-in page
that does not exist here (404) and never learned why. Here, before Wagtail's check:

- an anonymous reader goes to the sign-in page (allauth's, ``LOGIN_URL``), and back afterwards;
- a signed-in reader the restriction keeps out gets a 403 page in the site's design that says the
  page is kept for a group and whom to ask: the page's responsible editor (``content_owner``,
  ``home.models.ContentReviewMixin``), else its owner, else "redaktørerne". It never shows the
  page's title or text: the reader would learn what they may not read.

The page's routable sub-routes (a lesson's ``gennemfoert/``) are served through the same hook, so
they refuse in the same way. ``home.access.may_open`` decides, as everywhere, so the English
translation of a restricted Danish page is refused too. A shared-password restriction (switched
off, ``WAGTAIL_PRIVATE_PAGE_OPTIONS``) left on a page is left to Wagtail, which shows its form."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.models import Locale, PageViewRestriction

from home.access import may_open

REFUSED_BY = {PageViewRestriction.LOGIN, PageViewRestriction.GROUPS}


def contact_for(page):
    """The person to ask for access to ``page``: its responsible editor or its owner, in its own
    language or else in the default language (an English copy may have neither); None if none is
    an active user."""
    candidates = [page]
    source = page.get_translation_or_none(Locale.get_default())
    if source is not None and source.pk != page.pk:
        candidates.append(source.specific)
    for candidate in candidates:
        for person in (getattr(candidate, "content_owner", None), candidate.owner):
            if person is not None and person.is_active:
                return person
    return None


# Wagtail's own check is an ``on_serve_page`` hook, which runs after every ``before_serve_page``
# hook; order=-1 also puts this one before the project's other ``before_serve_page`` hooks, so
# none of them does work for a page its reader is refused.
@hooks.register("before_serve_page", order=-1)
def refuse_clearly(page, request, serve_args, serve_kwargs):
    user = request.user
    if may_open(page, user):
        return None
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    failing = [r for r in page.get_view_restrictions() if not r.accept_request(request)]
    if not any(restriction.restriction_type in REFUSED_BY for restriction in failing):
        return None  # a leftover shared password: Wagtail's form
    response = render(request, "home/restricted_page.html", {"contact": contact_for(page)}, status=403)
    add_never_cache_headers(response)
    return response
