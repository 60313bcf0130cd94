"""What keeps search current beyond Wagtail's own index updates.

- Cached search outcomes (search/service.py) are keyed by the content version, which a changed
  promotion moves too (home/invalidation.py). (Not saves of ``Query``: a search for a new word creates
  one.)
- A model whose text is indexed as part of other objects (a quote on its case page, an actor's
  name on the cases it takes part in) declares them with ``search_parents()``; saving or deleting
  it reindexes them, as Wagtail only reindexes the object saved.
- A published page is indexed again once its inline children are saved (see ``_page_published``).
- The vocabulary (search/vocabulary.py) gains the words of each page published and each glossary
  term or experience saved, once its index entry is written, and is built anew when a view
  restriction is added or removed (it holds only what everyone may find).

Each of these updates is a task (search/tasks.py): where a broker is set, a worker runs it after
the transaction commits, not the editor's request. Inside ``indexing.deferred()`` (the catalogue
loader) none is queued: the block indexes what it saved itself, in bulk."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from . import indexing, tasks, vocabulary

# Models indexed inside other objects (``search_parents()``), as "app.Model".
PARTS_OF_PAGES = ["cases.Quote", "cases.Actor"]


def _reindex_parents(sender, instance, **kwargs):
    if indexing.is_deferred():
        return
    for parent in instance.search_parents():
        tasks.queue(insert_or_update_object_task, parent)


def _index_and_add_words(instance):
    if indexing.is_deferred():
        # The block indexes ``instance`` before it ends, inside the transaction; the words are
        # read from that entry once the transaction has committed.
        transaction.on_commit(lambda: vocabulary.add_object(instance))
    else:
        tasks.queue(tasks.index_and_add_words, instance)


@receiver(page_published)
def _page_published(sender, instance, **kwargs):
    # Wagtail indexes a page on its post_save, before the page's inline children (a tool's
    # worksheets, a case's actors and results) are written: index it again now that they are.
    _index_and_add_words(instance.specific)


def _object_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _index_and_add_words(instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        tasks.rebuild_vocabulary.enqueue()  # the backend sends it once the transaction commits


def connect():
    """Connect the receivers for the models of the apps installed here (called from ready())."""
    from .registry import available_types

    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-words-restricted"
    )
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="vocabulary-opened")
    for label in PARTS_OF_PAGES:
        model = apps.get_model(label)
        post_save.connect(_reindex_parents, sender=model, dispatch_uid=f"search-parents-save-{label}")
        post_delete.connect(_reindex_parents, sender=model, dispatch_uid=f"search-parents-delete-{label}")
    for search_type in available_types():
        if not search_type.is_page:
            # The task indexes it again before reading its words: Wagtail's own update on save is
            # a task of its own, which a worker may run before or after ours.
            post_save.connect(
                _object_saved, sender=search_type.model, dispatch_uid=f"search-words-{search_type.key}"
            )
