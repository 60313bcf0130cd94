"""Lists the Danish strings that have no English translation yet, grouped by page or snippet, so
editors (and whoever writes the content files' ``english:`` maps) see what the English site still
shows in Danish."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource


def missing_english(locale=None):
    """``[(source, [Danish string, ...]), ...]`` for every translation source with untranslated
    segments, in the order the sources were created."""
    locale = locale or Locale.objects.get(language_code="en")
    # A translation belongs to the string in one place (its context): the same Danish words
    # translated on another page do not count.
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string"), context=OuterRef("context"), locale=locale
    )
    missing = []
    for source in TranslationSource.objects.order_by("pk"):
        strings = (
            StringSegment.objects.filter(source=source)
            .exclude(Exists(translated))
            .order_by("order")
            .values_list("string__data", flat=True)
        )
        if strings:
            missing.append((source, list(dict.fromkeys(strings))))
    return missing


class Command(BaseCommand):
    help = "Lists the Danish strings without an English translation, grouped by page or snippet."

    def add_arguments(self, parser):
        parser.add_argument("--summary", action="store_true", help="Only the counts per page.")

    def handle(self, *args, summary=False, **options):
        total = StringSegment.objects.count()
        missing = missing_english()
        for source, strings in missing:
            instance = source.get_source_instance()
            self.stdout.write(f"## {instance._meta.verbose_name}: {instance} ({len(strings)} missing)")
            if not summary:
                for text in strings:
                    self.stdout.write(f"- {text}")
                self.stdout.write("")
        count = sum(len(strings) for _, strings in missing)
        self.stdout.write(f"{count} of {total} segments have no English, in {len(missing)} sources.")
