"""Permission checks without database queries on every page.

Every page asks whether the user may open the Wagtail admin (the header link, Wagtail's user bar).
Django's ModelBackend answers with two queries per request. This backend keeps each user's
permission sets in the cache; any change to users' groups, groups' permissions, or a user's own
permissions moves the permissions version (home/signals.py), so no stale answer outlives the change."""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from . import cache_versions

TIMEOUT = 60 * 10


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return super()._get_permissions(user_obj, obj, from_name)
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            version = cache_versions.current(cache_versions.PERMISSIONS)
            key = f"perms:{version}:{user_obj.pk}:{int(user_obj.is_superuser)}:{from_name}"
            perms = cache.get(key)
            if perms is None:
                perms = super()._get_permissions(user_obj, obj, from_name)
                cache.set(key, perms, TIMEOUT)
            setattr(user_obj, attribute, perms)
        return getattr(user_obj, attribute)
