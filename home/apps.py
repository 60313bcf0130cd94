from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from . import backends, permissions, routing, signals  # noqa: F401
