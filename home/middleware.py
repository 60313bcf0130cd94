import time

from django.conf import settings
from django.contrib.auth import logout


class IdleTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request.

    The timestamp is written at most once a minute, so a busy page does not save the session on
    every request."""

    KEY = "last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif now - last >= 60 or self.KEY not in request.session:
                request.session[self.KEY] = now
        return self.get_response(request)
