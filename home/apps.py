from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        # checks: settings that cannot work stop the site at start (system checks).
        from . import backends, checks, permissions, routing, signals  # noqa: F401
