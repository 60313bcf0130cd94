from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = "Persondata"

    def ready(self):
        # Each app says what it holds about a person in its own ``personal_data`` module, so this
        # app never imports their models and a new app's data cannot be forgotten by the export
        # and the erasure at once: both read the same registration.
        autodiscover_modules("personal_data")
