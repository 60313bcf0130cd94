"""Reverse links between apps without importing each other, from Wagtail's reference index.

Wagtail records every link a page makes (foreign keys, inline panels, page choosers inside
StreamFields) in ``wagtailcore_referenceindex``. A case page can therefore list the lessons that
use it, and a phase page the cases that point to it, without the linking app being imported."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.models import ReferenceIndex


def pages_referencing(target, source_model):
    """Live pages of ``source_model`` that link to ``target``, as a queryset (one query)."""
    content_type = ContentType.objects.get_for_model(source_model)
    source_ids = (
        ReferenceIndex.get_references_to(target)
        .filter(content_type=content_type)
        .annotate(source_id=Cast("object_id", IntegerField()))
        .values("source_id")
    )
    return source_model.objects.live().filter(pk__in=source_ids)
