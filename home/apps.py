from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        # file_access and page_refusal register hooks: files follow the pages that use them; a
        # signed-in reader a page's restriction keeps out gets a clear 403.
        # checks: settings that cannot work stop the site at start (system checks).
        # invalidation: what moves the cache versions on (home/invalidation.py).
        from . import backends, checks, file_access, invalidation, page_refusal, permissions, routing, signals  # noqa: F401

        invalidation.connect()
