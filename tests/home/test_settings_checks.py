"""Settings that cannot work stop the site at start (Django's system checks, home/checks.py)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_an_idle_timeout_below_the_activity_interval_is_refused_at_start(settings):
    settings.SESSION_ACTIVITY_WRITE_INTERVAL = 60
    settings.SESSION_IDLE_TIMEOUT = 30
    with pytest.raises(SystemCheckError, match="home.E001.*SESSION_IDLE_TIMEOUT"):
        call_command("check")


def test_an_idle_timeout_equal_to_the_interval_is_refused_too(settings):
    settings.SESSION_ACTIVITY_WRITE_INTERVAL = 60
    settings.SESSION_IDLE_TIMEOUT = 60
    with pytest.raises(SystemCheckError, match="home.E001"):
        call_command("check")


def test_the_default_settings_pass(settings):
    settings.SESSION_ACTIVITY_WRITE_INTERVAL = 60
    settings.SESSION_IDLE_TIMEOUT = 60 * 60 * 2
    call_command("check")  # raises SystemCheckError on any error
