"""Permission checks without database queries on every page.

Every page asks whether the user may open the Wagtail admin (the header link, Wagtail's user bar).
Django's ModelBackend answers with two queries per request. This backend keeps each user's
permission sets in the cache; any change to users' groups, groups' permissions, or a user's own
permissions moves the permissions version (home/invalidation.py), so no stale answer outlives the change."""

from django.contrib.auth.backends import ModelBackend

from . import cache_versions

TIMEOUT = 60 * 10


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return super()._get_permissions(user_obj, obj, from_name)
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            uncached = super()._get_permissions
            perms = cache_versions.cached(
                cache_versions.PERMISSIONS,
                "perms",
                user_obj.pk,
                int(user_obj.is_superuser),
                from_name,
                compute=lambda: uncached(user_obj, obj, from_name),
                timeout=TIMEOUT,
            )
            setattr(user_obj, attribute, perms)
        return getattr(user_obj, attribute)
