import time

from django.conf import settings
from django.contrib.auth import logout


class IdleTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request.

    The timestamp is written at most once per SESSION_ACTIVITY_WRITE_INTERVAL seconds, so a busy
    page does not save the session on every request."""

    KEY = "last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif now - last >= settings.SESSION_ACTIVITY_WRITE_INTERVAL or self.KEY not in request.session:
                request.session[self.KEY] = now
        return self.get_response(request)


class AdminContentSecurityPolicyMiddleware:
    """Loosens the content security policy for Wagtail's admin only.

    Wagtail 8's admin still writes inline ``<script>`` elements (InlinePanel, the date and time
    pickers, wagtail-localize's translation editor; Wagtail issue #1288), and its live preview is an
    iframe of an admin URL. Under ``/admin/`` inline scripts and same-origin framing are therefore
    allowed; every page learners see keeps the strict policy. Must sit after django-csp's
    middleware in MIDDLEWARE, so the response carries these changes when django-csp builds the
    header.

    A preview is the front-end page rendered through the whole middleware chain once more, so it
    arrives with the site's strict header already set (which django-csp leaves alone); there only
    the framing rule changes, its scripts stay as strict as on the live page."""

    PREFIX = "/admin/"
    HEADER = "Content-Security-Policy"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.PREFIX):
            if self.HEADER in response:
                response[self.HEADER] = response[self.HEADER].replace(
                    "frame-ancestors 'none'", "frame-ancestors 'self'"
                )
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response
