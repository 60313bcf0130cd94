"""The background-work engine: Celery, with Redis as broker.

Workers and the scheduler load the same Django settings as the web servers:

    celery -A config worker --loglevel=INFO
    celery -A config beat --loglevel=INFO

Tasks live in each app's ``tasks.py`` (found by ``autodiscover_tasks``). Without a broker
(``make run``, the test suite) tasks run at once, in the calling process (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("cocreation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
