"""Keeps the three role groups' permissions in step with the models every app declares.

The groups themselves are created by migration (home.0002). Their permissions are granted after
every ``migrate`` by app label, so a new model in a content app is editable by Redaktører without a
hand-written data migration, and running it again changes nothing."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .roles import EDITORS, LEARNERS, MODERATORS, SPECIALISTS, SUPERBRUGERE

# Apps whose every model editors manage in the admin (snippets, quizzes, glossary, …).
EDITOR_APPS = ["cases", "toolbox", "courses", "home"]
# Apps whose models moderators manage (ERFA days' experience posts, sign-ups).
MODERATOR_APPS = ["erfa"]
# Codenames granted outside those apps, as "app_label.codename".
EXTRA = {
    EDITORS: ["wagtailadmin.access_admin", "erfa.view_experiencepost"],
    MODERATORS: ["wagtailadmin.access_admin", "courses.view_learning_reports", "courses.assign_course"],
    SUPERBRUGERE: ["courses.assign_course"],
    SPECIALISTS: ["wagtailadmin.access_admin"],
    LEARNERS: [],
}
# Editors write and submit; publishing is the specialists' approval (home.0005's workflow).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page", "unlock_page"],
    SPECIALISTS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
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

    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (LEARNERS, EDITORS, MODERATORS, SUPERBRUGERE, SPECIALISTS)
    }
    groups[EDITORS].permissions.add(*_app_permissions(EDITOR_APPS), *_extra_permissions(EXTRA[EDITORS]))
    groups[MODERATORS].permissions.add(
        *_app_permissions(MODERATOR_APPS), *_extra_permissions(EXTRA[MODERATORS])
    )
    groups[SUPERBRUGERE].permissions.add(*_extra_permissions(EXTRA[SUPERBRUGERE]))
    # Specialists review what editors wrote, so they can do what editors do.
    groups[SPECIALISTS].permissions.add(
        *_app_permissions(EDITOR_APPS), *_extra_permissions(EXTRA[SPECIALISTS])
    )

    root_page = Page.get_first_root_node()
    if root_page:
        for group_name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.filter(
                    content_type__app_label="wagtailcore", codename=codename
                ).first()
                if permission:
                    GroupPagePermission.objects.get_or_create(
                        group=groups[group_name], page=root_page, permission=permission
                    )
        # Granted to editors before the workflow came: taken back, so they submit instead.
        GroupPagePermission.objects.filter(
            group=groups[EDITORS], page=root_page, permission__codename="publish_page"
        ).delete()
    root_collection = Collection.get_first_root_node()
    if root_collection:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission:
                    for group_name in (EDITORS, SPECIALISTS):
                        GroupCollectionPermission.objects.get_or_create(
                            group=groups[group_name], collection=root_collection, permission=permission
                        )


@receiver(post_migrate)
def grant_role_permissions(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app, and each app's permissions exist only after its own turn:
    # syncing on every call (idempotent, a few queries) ends with all of them granted.
    if not Group.objects.filter(name=EDITORS).exists():
        return
    sync_role_permissions()
