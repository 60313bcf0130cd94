"""Index updates in bulk: each object saved during a large write is indexed once, at its end.

Wagtail indexes an object on every save, and this site indexes a page again when it is published
and when one of its parts (a quote, an actor: ``search_parents()``) is saved. Loading the catalogue
saves each case page, its revisions, its translation and a few hundred parts, so the same page was
indexed ten times or more: about half of the loader's time. Inside ``deferred()`` the backends'
automatic updates are paused; the objects saved or deleted are noted, and when the block ends
without an error each is indexed (or removed) once, in one bulk call per model.

Use it inside the transaction of the write, so that the index entries exist when that transaction
commits (the vocabulary reads them then: search/signals.py)."""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from modelsearch.backends import get_search_backends_with_name
from modelsearch.conf import get_app_config
from modelsearch.index import Indexed, get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler

_depth = 0  # nested deferred() blocks share the outermost one's notes


@contextmanager
def deferred():
    global _depth
    if _depth:
        yield
        return
    touched = defaultdict(set)  # indexed model → primary keys saved or deleted
    indexed = set(get_indexed_models())

    def note(sender, instance, raw=False, **kwargs):
        if raw:
            return
        if sender in indexed:
            touched[sender].add(instance.pk)
        for parent in getattr(instance, "search_parents", lambda: [])():
            if isinstance(parent, Indexed):
                touched[type(parent)].add(parent.pk)

    backends = _auto_updating_backend_params()
    post_save.connect(note, weak=False, dispatch_uid="search-indexing-deferred-save")
    post_delete.connect(note, weak=False, dispatch_uid="search-indexing-deferred-delete")
    # Not even queued: with a broker, each save would otherwise send a worker an update of its own.
    paused = [model for model in indexed if post_save.disconnect(post_save_signal_handler, sender=model)]
    for params in backends:
        params["AUTO_UPDATE"] = False
    _depth += 1
    succeeded = False
    try:
        yield
        succeeded = True
    finally:
        _depth -= 1
        for params in backends:
            params.pop("AUTO_UPDATE", None)
        post_save.disconnect(dispatch_uid="search-indexing-deferred-save")
        post_delete.disconnect(dispatch_uid="search-indexing-deferred-delete")
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
    if succeeded:
        _index(touched)


def is_deferred():
    """Whether a ``deferred()`` block is open: it indexes what is saved meanwhile itself."""
    return _depth > 0


def _auto_updating_backend_params():
    # The settings' own dicts: the pause is process-wide, so deferred() is for commands (the
    # catalogue loader), not for requests served beside other requests.
    config = get_app_config().get_search_backend_config()
    return [params for params in config.values() if params.get("AUTO_UPDATE", True) is not False]


def _index(touched):
    backends = [backend for _name, backend in get_search_backends_with_name(with_auto_update=True)]
    for model, pks in touched.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        found = {obj.pk for obj in objects}
        for backend in backends:
            if objects:
                backend.add_bulk(model, objects)
            for pk in pks - found:  # deleted, or no longer indexable (e.g. unpublished)
                backend.delete(model(pk=pk))
