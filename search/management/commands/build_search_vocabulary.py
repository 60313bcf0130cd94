from django.core.management.base import BaseCommand

from search import vocabulary


class Command(BaseCommand):
    help = (
        "Rebuild the vocabulary search corrects typos against from the search index "
        "(after update_index, a restore from backup or a bulk import)."
    )

    def handle(self, *args, **options):
        size = vocabulary.rebuild()  # and moves cached search outcomes on (their suggestions)
        self.stdout.write(f"Search vocabulary: {size} words.")
