from django.apps import AppConfig


class ErfaConfig(AppConfig):
    name = "erfa"
