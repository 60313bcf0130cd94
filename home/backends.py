"""The signed-in user and their permission checks without database queries on every page.

Every request loads the signed-in user (Django's ``get_user``: one query). ``CachedUserMixin``
keeps the user row in the cache under a version of that user's own, which every save or delete
of the user moves (home/invalidation.py): a deactivated account, a new password or a new name
reaches the next request, and a session whose password hash no longer matches is still ended
by Django, which compares it against the user as cached.

Every page asks whether the user may open the Wagtail admin (the header link, Wagtail's user bar).
Django's ModelBackend answers with two queries per request. This backend keeps each user's
permission sets in the cache; any change to users' groups, groups' permissions, or a user's own
permissions moves the permissions version (home/invalidation.py), so no stale answer outlives the change."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from . import cache_versions

TIMEOUT = 60 * 10


class CachedUserMixin:
    def get_user(self, user_id):
        uncached = super().get_user
        return cache_versions.cached(
            cache_versions.user_family(user_id),
            "user",
            user_id,
            compute=lambda: uncached(user_id),
            timeout=TIMEOUT,
        )


class CachedPermissionsBackend(CachedUserMixin, ModelBackend):
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


class EmailAuthenticationBackend(CachedUserMixin, AuthenticationBackend):
    """allauth's sign-in by e-mail; sessions it starts load their user from the cache too."""
