"""Permission checks without database queries on every page.

Every page asks whether the user may open the Wagtail admin (the header link, Wagtail's user bar).
Django's ModelBackend answers with two queries per request. This backend keeps each user's
permission sets in the cache; any change to users' groups, groups' permissions, or a user's own
permissions moves a version number, so no stale answer outlives the change."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import cache_versions

TIMEOUT = 60 * 10


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return super()._get_permissions(user_obj, obj, from_name)
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            version = cache_versions.current("perms")
            key = f"perms:{version}:{user_obj.pk}:{int(user_obj.is_superuser)}:{from_name}"
            perms = cache.get(key)
            if perms is None:
                perms = super()._get_permissions(user_obj, obj, from_name)
                cache.set(key, perms, TIMEOUT)
            setattr(user_obj, attribute, perms)
        return getattr(user_obj, attribute)


def invalidate_permissions(**kwargs):
    cache_versions.bump("perms")


User = get_user_model()
for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(invalidate_permissions, sender=through, dispatch_uid=f"perms-{through.__name__}")
for model in (Group, Permission):
    post_save.connect(invalidate_permissions, sender=model, dispatch_uid=f"perms-save-{model.__name__}")
    post_delete.connect(invalidate_permissions, sender=model, dispatch_uid=f"perms-delete-{model.__name__}")
