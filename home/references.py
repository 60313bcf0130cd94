"""Reverse links between apps without importing each other, from Wagtail's reference index.

Wagtail records every link a page makes (foreign keys, inline panels, page choosers inside
StreamFields) in ``wagtailcore_referenceindex``. A case page can therefore list the lessons that
use it, and a phase page the cases that point to it, without the linking app being imported."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex


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


def translated_pages_referencing(target, source_model):
    """Live pages of ``source_model`` in ``target``'s language that link to ``target`` or to one of
    its translations, by title, as a list (one query).

    Page choosers are synchronised across translations, so an English lesson still links to the
    Danish case or tool: the links are matched through translations on both sides, and each
    linking page is shown in the target's language."""
    return list(pages_referencing_any([target], target.locale_id, source_model).order_by("title"))


def pages_referencing_any(targets, locale_id, source_model):
    """Live pages of ``source_model`` in ``locale_id`` that link to any of ``targets`` or to their
    translations, as a queryset (one query when evaluated)."""
    # The reference index keeps object ids as text.
    target_ids = (
        Page.objects.filter(translation_key__in=[target.translation_key for target in targets])
        .annotate(text_id=Cast("pk", CharField()))
        .values("text_id")
    )
    source_ids = (
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(Page),
            to_object_id__in=target_ids,
            content_type=ContentType.objects.get_for_model(source_model),
        )
        .annotate(source_id=Cast("object_id", IntegerField()))
        .values("source_id")
    )
    source_keys = source_model.objects.filter(pk__in=source_ids).values("translation_key")
    return source_model.objects.live().filter(locale_id=locale_id, translation_key__in=source_keys)
