"""Index updates that leave the request (run by the django-tasks backend: config/task_backend.py).

Where a broker is set, a worker runs them after the editor's transaction has committed; a search
made in between finds the page as it was, and its outcome is cached under the content version of
that moment. So once the index has the new text, the object's cache version moves on: the next search
asks the index again instead of serving the stale outcome for the cache's lifetime."""

from django.apps import apps
from django.db import transaction
from django_tasks import task
from modelsearch import index

from home import invalidation

from . import vocabulary


@task()
def index_and_add_words(app_label, model_name, pk):
    """Index one object and add its words to the vocabulary (which reads its index entry)."""
    obj = apps.get_model(app_label, model_name).objects.get(pk=pk)
    index.insert_or_update_object(obj)
    transaction.on_commit(lambda: _after_indexing(obj))


def _after_indexing(obj):
    vocabulary.add_object(obj)
    # The family the object's own save moved on (posts for an experience: not every page's cache).
    invalidation.changed.send(sender=type(obj))


def queue(task_function, obj):
    """Queue ``task_function`` (a task taking app label, model name and pk) for ``obj``."""
    task_function.enqueue(obj._meta.app_label, obj._meta.model_name, str(obj.pk))


@task()
def rebuild_vocabulary():
    """The vocabulary anew (search/vocabulary.py): after a view restriction was added or removed,
    so no correction spells out a word that only restricted pages have."""
    vocabulary.rebuild()
