from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .glossary import end_page, invalidate_glossary, start_page
from .models import GlossaryPage, GlossaryTerm

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
