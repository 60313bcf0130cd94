from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from home.models import District, User
from home.roles import EDITORS, LEARNERS, MODERATORS, SPECIALISTS

# Demo accounts for the one-command run. The password is printed by `make run`; never use these
# in production (the command refuses when DEBUG is off unless --allow-production is given).
DEMO_PASSWORD = "samskabelse-demo"
DEMO_USERS = [
    # email, first name, last name, job title, district slug, groups, superuser
    ("kursist@politi.dk", "Mette", "Holm", "Politiassistent", "nordjylland", [LEARNERS], False),
    (
        "anker@politi.dk",
        "Jonas",
        "Kjær",
        "Forebyggelseskoordinator",
        "sydsjaelland-lolland-falster",
        [LEARNERS],
        False,
    ),
    (
        "redaktoer@politi.dk",
        "Lea",
        "Dalgaard",
        "Metodespecialist",
        "rigspolitiet",
        [LEARNERS, EDITORS],
        False,
    ),
    (
        "specialist@politi.dk",
        "Karin",
        "Munk",
        "Co-creation specialist",
        "rigspolitiet",
        [LEARNERS, EDITORS, SPECIALISTS],
        False,
    ),
    (
        "moderator@politi.dk",
        "Bethina",
        "Røge",
        "Metodespecialist",
        "rigspolitiet",
        [LEARNERS, MODERATORS],
        False,
    ),
    (
        "admin@politi.dk",
        "Admin",
        "Co+creation",
        "Systemadministrator",
        "rigspolitiet",
        [LEARNERS, EDITORS, MODERATORS, SPECIALISTS],
        True,
    ),
]


class Command(BaseCommand):
    help = "Create the demo users (idempotent) and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        from django.conf import settings

        if not settings.DEBUG and not allow_production:
            self.stderr.write("Refusing to create demo users with DEBUG off (use --allow-production).")
            return
        for email, first, last, title, district_slug, groups, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "job_title": title,
                    "district": District.objects.filter(slug=district_slug).first(),
                    "is_superuser": superuser,
                    "is_staff": superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(*Group.objects.filter(name__in=groups))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, first, last, title, _, groups, _ in DEMO_USERS:
            self.stdout.write(f"  {email:<24} {first} {last}, {title} – {', '.join(groups)}")
