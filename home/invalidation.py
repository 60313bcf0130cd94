"""The one place that decides which changes make which cached values stale.

Cached values live under a family's version (home/cache_versions.py); this module alone moves the
versions on (a test checks that no other module calls ``bump``). Its receivers are connected at
``ready()`` with named senders: every page model, and the models listed below by label (so home
imports no other app's models). A change Django sends no signal for (a queryset ``update()``, a
bulk write, a search index entry rewritten) is reported by sending ``changed`` with the model as
sender: ``invalidation.changed.send(sender=ExperiencePost)``; the lists below decide its family
like a save's. Add a model here when a cache shows it."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Page
from wagtail.signals import post_page_move

from . import cache_versions

# Rows of ``sender`` (a model class) changed without post_save or post_delete.
changed = Signal()

# Besides every page: the site and locales, the view restrictions, the snippets and documents that
# cached pages, menus, the glossary and search outcomes show, and the words search suggests.
CONTENT_MODELS = [
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
]
# Written in bulk only, so connected to ``changed`` alone (a post_delete receiver would make their
# bulk deletes row by row): the words search suggests, replaced by ``search.vocabulary.rebuild``.
BULK_CONTENT_MODELS = ["search.vocabularyword"]
# What a cached permission answer or a user's cached groups depend on.
PERMISSION_MODELS = ["auth.group", "auth.permission"]
# What officers write: experience posts and the decisions on them, initiatives, who is a member
# and each recorded change (search outcomes list initiatives by name).
POST_MODELS = [
    "erfa.experiencepost",
    "initiatives.initiative",
    "initiatives.membership",
    "initiatives.changerecord",
]
# Links whose m2m_changed moves a family (auto-created through models).
LINKS = {
    "wagtailcore.pageviewrestriction_groups": cache_versions.CONTENT,
    "home.user_groups": cache_versions.PERMISSIONS,
    "home.user_user_permissions": cache_versions.PERMISSIONS,
    "auth.group_permissions": cache_versions.PERMISSIONS,
}


def families():
    """{model class: family} of every model whose changes move a family."""
    found = {model: cache_versions.CONTENT for model in apps.get_models() if issubclass(model, Page)}
    for family, labels in (
        (cache_versions.CONTENT, CONTENT_MODELS + BULK_CONTENT_MODELS),
        (cache_versions.PERMISSIONS, PERMISSION_MODELS),
        (cache_versions.POSTS, POST_MODELS),
    ):
        found.update((apps.get_model(label), family) for label in labels)
    return found


def _bumper(family):
    def receiver(sender, **kwargs):
        cache_versions.bump(family)

    return receiver


def _link_bumper(family):
    def receiver(sender, action, **kwargs):
        if action.startswith("post_"):  # once the links are written, not before as well
            cache_versions.bump(family)

    return receiver


# One receiver per family, kept here: signals hold their receivers weakly.
_BUMPERS = {
    family: _bumper(family)
    for family in (cache_versions.CONTENT, cache_versions.PERMISSIONS, cache_versions.POSTS)
}
_LINK_BUMPERS = {family: _link_bumper(family) for family in set(LINKS.values())}


def _user_changed(sender, instance, **kwargs):
    cache_versions.bump(cache_versions.user_family(instance.pk))


def connect():
    """Connect the receivers, each to its senders (called from HomeConfig.ready())."""
    user_model = apps.get_model("home.User")
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=user_model, dispatch_uid="invalidation-user")
    for model, family in families().items():
        signals = [post_save, post_delete, changed]
        if model._meta.label_lower in BULK_CONTENT_MODELS:
            signals = [changed]
        elif issubclass(model, Page):
            signals.append(post_page_move)
        for signal in signals:
            signal.connect(
                _BUMPERS[family], sender=model, dispatch_uid=f"invalidation-{model._meta.label_lower}"
            )
    for label, family in LINKS.items():
        m2m_changed.connect(
            _LINK_BUMPERS[family], sender=apps.get_model(label), dispatch_uid=f"invalidation-{label}"
        )
