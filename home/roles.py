"""The roles of the intranet, as Django groups (created by migration; Superbrugere, added later, by
home.permissions after every migrate)."""

LEARNERS = "Kursister"  # every user: reads, learns, shares experiences
EDITORS = "Redaktører"  # method specialists: edit cases, toolbox and courses in the Wagtail admin
MODERATORS = "Moderatorer"  # approve ERFA posts, see learning reports, assign courses
# Method specialists who approve what editors submit (Wagtail's workflow "godkendelse", created by
# home.0005); only they publish pages. Usually Redaktører too.
SPECIALISTS = "Co-creation specialister"
# Local champions of the method in a district: assign courses to the people of their own district.
SUPERBRUGERE = "Superbrugere"


def is_editor(user):
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()
