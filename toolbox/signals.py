from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import invalidate_toolbox
from .glossary import end_page, invalidate_glossary, start_page
from .models import GlossaryPage, GlossaryTerm, Source, ToolDocument

request_started.connect(start_page, dispatch_uid="toolbox_glossary_start_page")
request_finished.connect(end_page, dispatch_uid="toolbox_glossary_end_page")

post_save.connect(invalidate_glossary, sender=GlossaryTerm, dispatch_uid="toolbox_glossary_term_saved")
post_delete.connect(invalidate_glossary, sender=GlossaryTerm, dispatch_uid="toolbox_glossary_term_deleted")


@receiver(page_published, sender=GlossaryPage)
@receiver(page_unpublished, sender=GlossaryPage)
def _glossary_page_changed(sender, **kwargs):
    invalidate_glossary()


# The glossary's address is part of every cached link; moving any ancestor changes it.
post_page_move.connect(invalidate_glossary, dispatch_uid="toolbox_glossary_page_moved")


# The cached listings of the toolbox pages (toolbox/cache.py) may change whenever any page is
# published or leaves the tree (a case or lesson pointing here), or a template, term or source changes.
page_published.connect(invalidate_toolbox, dispatch_uid="toolbox_cache_page_published")
page_unpublished.connect(invalidate_toolbox, dispatch_uid="toolbox_cache_page_unpublished")
post_page_move.connect(invalidate_toolbox, dispatch_uid="toolbox_cache_page_moved")


@receiver(post_delete)
def _page_deleted(sender, **kwargs):
    if isinstance(sender, type) and issubclass(sender, Page):
        invalidate_toolbox()


for model in (ToolDocument, get_document_model(), GlossaryTerm, Source):
    post_save.connect(invalidate_toolbox, sender=model, dispatch_uid=f"toolbox_cache_saved_{model.__name__}")
    post_delete.connect(
        invalidate_toolbox, sender=model, dispatch_uid=f"toolbox_cache_deleted_{model.__name__}"
    )
