"""Keeps the three role groups' permissions in step with the models every app declares.

The groups themselves are created by migration (home.0002). Their permissions are granted after
every ``migrate`` by app label, so a new model in a content app is editable by Redaktører without a
hand-written data migration, and running it again changes nothing."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .roles import EDITORS, LEARNERS, MODERATORS

# Apps whose every model editors manage in the admin (snippets, quizzes, glossary, …).
EDITOR_APPS = ["cases", "toolbox", "courses", "home"]
# Apps whose models moderators manage (ERFA days' experience posts, sign-ups).
MODERATOR_APPS = ["erfa"]
# Codenames granted outside those apps, as "app_label.codename".
EXTRA = {
    EDITORS: ["wagtailadmin.access_admin", "erfa.view_experiencepost"],
    MODERATORS: ["wagtailadmin.access_admin", "courses.view_learning_reports"],
    LEARNERS: [],
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}
USER_APP_LABEL = "home"


def _app_permissions(app_labels):
    perms = Permission.objects.filter(content_type__app_label__in=app_labels)
    # Editors never manage user accounts, only content.
    return perms.exclude(content_type__model="user")


def _extra_permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return found


def sync_role_permissions():
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (LEARNERS, EDITORS, MODERATORS)}
    groups[EDITORS].permissions.add(*_app_permissions(EDITOR_APPS), *_extra_permissions(EXTRA[EDITORS]))
    groups[MODERATORS].permissions.add(
        *_app_permissions(MODERATOR_APPS), *_extra_permissions(EXTRA[MODERATORS])
    )

    root_page = Page.get_first_root_node()
    if root_page:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group=groups[EDITORS], page=root_page, permission=permission
                )
    root_collection = Collection.get_first_root_node()
    if root_collection:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[EDITORS], collection=root_collection, permission=permission
                    )


@receiver(post_migrate)
def grant_role_permissions(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app, and each app's permissions exist only after its own turn:
    # syncing on every call (idempotent, a few queries) ends with all of them granted.
    if not Group.objects.filter(name=EDITORS).exists():
        return
    sync_role_permissions()
