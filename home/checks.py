"""Settings that cannot work are refused when the site starts (Django's system checks)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def idle_timeout_longer_than_activity_interval(app_configs, **kwargs):
    """IdleTimeoutMiddleware records a request's time at most once per
    SESSION_ACTIVITY_WRITE_INTERVAL seconds, and signs out when the recorded time is more than
    SESSION_IDLE_TIMEOUT seconds old. A person who keeps working is therefore up to the interval
    further from their recorded time than they really are: with a timeout no longer than the
    interval, someone busy on the site is signed out in the middle of their work."""
    timeout = settings.SESSION_IDLE_TIMEOUT
    interval = settings.SESSION_ACTIVITY_WRITE_INTERVAL
    if timeout > interval:
        return []
    return [
        Error(
            f"SESSION_IDLE_TIMEOUT ({timeout} s) must be longer than SESSION_ACTIVITY_WRITE_INTERVAL "
            f"({interval} s): activity is recorded only that often, so people who are active would "
            "be signed out.",
            hint="Raise SESSION_IDLE_TIMEOUT (the environment variable) or lower "
            "SESSION_ACTIVITY_WRITE_INTERVAL; an idle sign-out then comes between "
            "SESSION_IDLE_TIMEOUT minus the interval and SESSION_IDLE_TIMEOUT.",
            id="home.E001",
        )
    ]
