from django.apps import AppConfig


class ToolboxConfig(AppConfig):
    name = "toolbox"
    verbose_name = "Værktøjskassen"

    def ready(self):
        from . import signals  # noqa: F401
