from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from privacy.erasure import ErasureRefused, erase


class Command(BaseCommand):
    help = (
        "Slet en brugers persondata (GDPR): personlige rækker slettes eller gøres anonyme, "
        "rapporternes anonyme tal bevares. Spørger om bekræftelse, medmindre --yes er givet."
    )

    def add_arguments(self, parser):
        parser.add_argument("user", help="brugerens e-mailadresse eller id")
        parser.add_argument("--yes", action="store_true", help="bekræft uden at spørge")

    def handle(self, *args, user, yes, **options):
        users = get_user_model().objects
        person = users.filter(email__iexact=user).first() or (
            users.filter(pk=int(user)).first() if user.isdigit() else None
        )
        if person is None:
            raise CommandError(f"Ingen bruger med e-mail eller id '{user}'. Intet er slettet.")
        if not yes:
            answer = input(f"Skriv {person.email} for at slette {person.display_name}s persondata: ")
            if answer.strip().casefold() != person.email.casefold():
                raise CommandError("Ikke bekræftet. Intet er slettet.")
        name = person.display_name
        try:
            erasure = erase(person)
        except ErasureRefused as refused:
            raise CommandError(f"{refused} Intet er ændret.") from None
        counts = ", ".join(
            f"{key}: {value}" for part in erasure.summary.values() for key, value in part.items() if value
        )
        self.stdout.write(self.style.SUCCESS(f"{name} er slettet (bruger {person.pk}). {counts}"))
