from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks
from wagtail.models import Site

from home.catalogue import CatalogueContext
from search import indexing as search_indexing


class Command(BaseCommand):
    help = (
        "Load the co-creation catalogue (cases, toolbox, courses, ERFA) from the content files. "
        "Idempotent; pages changed by an editor are kept unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Overwrite pages editors have changed.")

    def handle(self, *args, force=False, **options):
        site = Site.objects.get(is_default_site=True)
        ctx = CatalogueContext(home=site.root_page.specific, force=force, stdout=self.stdout)
        loaders = sorted(
            (loader() for loader in hooks.get_hooks("register_catalogue_loader")), key=lambda x: x["order"]
        )
        for loader in loaders:
            self.stdout.write(f"Loading {loader['name']} …")
            # Each object the loader saves is indexed once, before its transaction commits.
            with transaction.atomic(), search_indexing.deferred():
                loader["load"](ctx)
        summary = ", ".join(f"{what}: {n}" for what, n in sorted(ctx.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Catalogue loaded ({summary or 'nothing to do'})."))
