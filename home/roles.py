"""The three roles of the intranet, as Django groups (created by migration home.0002)."""

LEARNERS = "Kursister"  # every user: reads, learns, shares experiences
EDITORS = "Redaktører"  # method specialists: edit cases, toolbox and courses in the Wagtail admin
MODERATORS = "Moderatorer"  # approve ERFA posts, see learning reports


def is_editor(user):
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()
