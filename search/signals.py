"""Cached search outcomes (search/service.py) are forgotten when an editor changes a promotion:
promoted results are not content, so no content version moves for them. (Not on saves of
``Query``: a search for a new word creates one.)"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion

from home import cache_versions

from .service import SEARCH_VERSION


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
def _promotions_changed(**kwargs):
    cache_versions.bump(SEARCH_VERSION)
