import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.defaults import page_not_found


class NulCharacterMiddleware:
    """Answers 400 with the site's own page when the path, a query parameter or a form field (its
    name or its value) holds a NUL character.

    PostgreSQL refuses NUL in text, so such a value reaching a query or a save raises DataError, a
    500, in whichever view used it (search, certificate verification, reflections, ...). Checked
    once here, before any view, instead of in every form and filter. A browser never sends NUL in
    text a person typed: it is a probe or a broken client, so a plain refusal is enough. A
    multipart body is parsed as Django parses it for the view anyway (files go to the upload
    handlers, large ones to temporary files); nothing else is read."""

    NUL = "\x00"
    TEMPLATE = "home/invalid_characters.html"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return render(request, self.TEMPLATE, status=400)
        return self.get_response(request)

    def _has_nul(self, request):
        if self.NUL in request.path:
            return True
        if self._in_query_dict(request.GET):
            return True
        # request.POST is only filled for POST with a form body (URL-encoded or multipart); any
        # other body is left unread, for the view to parse.
        if request.method == "POST":
            if self._in_query_dict(request.POST):
                return True
            # Uploaded files' own names need no check: Django drops non-printable characters.
            if any(self.NUL in key for key in request.FILES):
                return True
        return False

    def _in_query_dict(self, data):
        return any(
            self.NUL in key or any(self.NUL in value for value in values) for key, values in data.lists()
        )


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


class SiteNotFoundMiddleware:
    """With DEBUG on (``make run``), answers a missing page with the site's own 404 template, as
    production does, instead of Django's debug page that lists every URL pattern of the site.

    Django renders that debug page itself for an Http404 when DEBUG is on, with no setting to turn
    it off. This catches the Http404 a view raises (Wagtail's page routing, get_object_or_404) and
    the 404 of a URL that matched no pattern (no resolver match) before the debug page is used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            return self._site_404(request, Http404())
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return self._site_404(request, exception)
        return None

    def _site_404(self, request, exception):
        return page_not_found(request, exception)


class AdminAccessMiddleware:
    """A signed-in user who may not use Wagtail's admin gets a page saying so, under /admin/.

    Wagtail sends such a user to the login page, and the login page sends a signed-in user back
    to where they came from: /admin/ and /accounts/login/ redirect to each other until the
    browser gives up. That is what a learner, or an editor whose group was just removed, would
    see. Anonymous visitors still go to the login page (Wagtail's own redirect)."""

    PREFIX = "/admin/"
    LOGIN = "/admin/login/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(self.PREFIX)
            and not request.path.startswith(self.LOGIN)
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            # /admin/ has no language prefix, which the site reads as Danish: the reader's browser
            # language (or language cookie) decides here, as in Wagtail's own admin.
            with translation.override(translation.get_language_from_request(request)):
                return render(request, "home/admin_no_access.html", status=403)
        return self.get_response(request)
