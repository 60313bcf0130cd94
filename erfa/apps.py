from django.apps import AppConfig


class ErfaConfig(AppConfig):
    name = "erfa"

    def ready(self):
        from . import cache  # noqa: F401  (its signal receivers keep the cached post lists fresh)
