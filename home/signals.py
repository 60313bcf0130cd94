from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import post_page_move

from . import cache_versions
from .models import User
from .roles import LEARNERS


@receiver(post_save, sender=User)
def every_user_is_a_learner(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        group = Group.objects.filter(name=LEARNERS).first()
        if group:
            instance.groups.add(group)


# --- cache versions (home/cache_versions.py) -----------------------------------------------------
# The one place that says which changes make which cached answers stale. Models of other apps are
# named by label, so home imports none of them.

# Besides every page, the site and locales and the view restrictions: the snippets and documents
# that cached pages, menus, the glossary and search outcomes show.
CONTENT_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtaildocs.document",
    "wagtailsearchpromotions.searchpromotion",
    "home.district",
    "cases.actor",
    "cases.theme",
    "cases.quote",
    "toolbox.tooldocument",
    "toolbox.glossaryterm",
    "toolbox.source",
}
# What a cached permission answer or a user's cached groups depend on.
PERMISSION_MODELS = {"auth.group", "auth.permission"}
PERMISSION_LINKS = {"home.user_groups", "home.user_user_permissions", "auth.group_permissions"}
# What officers write: experience posts (and decisions on them, posts.py bumps for its queryset
# updates), their initiatives and who is a member (search outcomes list both).
POST_MODELS = {"erfa.experiencepost", "initiatives.initiative", "initiatives.membership"}


def family_of(model):
    """The cache-version family a change to ``model`` makes stale, or None."""
    label = model._meta.label_lower
    if label in CONTENT_MODELS or issubclass(model, Page):
        return cache_versions.CONTENT
    if label in PERMISSION_MODELS:
        return cache_versions.PERMISSIONS
    if label in POST_MODELS:
        return cache_versions.POSTS
    return None


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, **kwargs):
    # Every page type is its own sender, so the receivers take every sender and sort by label.
    family = family_of(sender)
    if family:
        cache_versions.bump(family)


@receiver(m2m_changed)
def _links_changed(sender, action, **kwargs):
    if not action.startswith("post_"):
        return  # once the links are written, not before as well
    label = sender._meta.label_lower
    if label == "wagtailcore.pageviewrestriction_groups":
        cache_versions.bump(cache_versions.CONTENT)
    elif label in PERMISSION_LINKS:
        cache_versions.bump(cache_versions.PERMISSIONS)


@receiver(post_page_move)
def _page_moved(**kwargs):
    cache_versions.bump(cache_versions.CONTENT)
