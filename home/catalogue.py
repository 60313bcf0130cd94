"""Shared machinery for ``manage.py load_catalogue``: readable content files → pages and snippets.

Each app keeps its content in ``<app>/content/*.yaml`` (written from the seed catalogue) and
registers a loader with the ``register_catalogue_loader`` hook::

    @hooks.register("register_catalogue_loader")
    def cases_loader():
        return {"order": 20, "name": "cases", "load": load_cases}

``load(ctx)`` receives a ``CatalogueContext``. Loading is idempotent: pages are matched by slug
under their parent, snippets by a natural key. A page an editor has changed since the loader
last wrote it is left alone unless ``--force`` is given."""

import functools
import html
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from wagtail.models import Locale, Page


@dataclass
class CatalogueContext:
    home: Page
    force: bool = False
    stdout: object = None
    counts: dict = field(default_factory=dict)

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n


def read_content(app_label, name):
    """Read ``<app>/content/<name>.yaml``."""
    path = Path(apps.get_app_config(app_label).path) / "content" / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def edited_by_editor(page):
    """True when someone changed the page in the admin after the loader last saved it.

    The loader saves its revisions without a user; an editor's revision always has one."""
    revision = page.latest_revision
    return revision is not None and revision.user_id is not None


def upsert_page(ctx, parent, page_class, slug, fields, after_save=None):
    """Create or update the child of ``parent`` with this slug; publish it.

    ``fields`` are set as attributes (StreamField values as lists of dicts/tuples).
    ``after_save(page)`` sets relations that need a saved page (inline panels, M2M) before the
    revision is published. Returns the page, which is left as it is when an editor changed it."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None and edited_by_editor(existing) and not ctx.force:
        ctx.log(f"  skipped (changed by an editor): {existing.title}")
        ctx.count("skipped")
        return existing

    page = existing or page_class(slug=slug)
    for name, value in fields.items():
        setattr(page, name, value)
    if existing is None:
        parent.add_child(instance=page)
        ctx.count("created")
    else:
        ctx.count("updated")
    if after_save is not None:
        after_save(page)
    page.save_revision(user=None, log_action=False).publish(user=None, log_action=False)
    page.refresh_from_db()
    return page


@functools.cache
def english_dictionary(app_label):
    """Danish → English for every text of an app, from ``<app>/content/english/*.yaml``: one flat
    map per content file, written in the order the text appears on the page, so a translator
    works through a page from top to bottom. Read once per process."""
    folder = Path(apps.get_app_config(app_label).path) / "content" / "english"
    dictionary = {}
    for path in sorted(folder.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            entries = yaml.safe_load(handle) or {}
        dictionary.update({_normalise(danish): english for danish, english in entries.items()})
    return dictionary


def translate(instance, english=None):
    """Create or refresh the English translation of a page or translatable snippet through
    wagtail-localize, so translators keep working on it in Wagtail's translation editor.

    ``english`` maps Danish source strings to their English text (from the content files; white
    space is not significant) and takes precedence over the app's English dictionary
    (``english_dictionary``); strings in neither stay in Danish until a translator translates them."""
    from wagtail.models import DraftStateMixin
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    english_locale = Locale.objects.get(language_code="en")
    if instance.locale_id == english_locale.pk:
        return None
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=english_locale, defaults={"enabled": True}
    )
    english = {
        **english_dictionary(instance._meta.app_label),
        **{_normalise(danish): text for danish, text in (english or {}).items()},
    }
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = english.get(_normalise(segment.string.data))
        if segment.context.path == "slug":
            # English pages keep the Danish slug: /en/ plus the same path, so links and
            # bookmarks carry over between the languages.
            text = segment.string.data
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=english_locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    # wagtail-localize publishes a page translation on commit, from the page object as it is at
    # save time; children added under it before the commit (the loader runs in one transaction)
    # would then be lost from its child count and 404. So save a draft and publish it right away.
    is_draftable = isinstance(instance, DraftStateMixin)
    translation.save_target(user=None, publish=not is_draftable)
    target = instance.get_translation_or_none(english_locale)
    if is_draftable and target is not None and getattr(instance, "live", True):
        target.get_latest_revision().publish(user=None, log_action=False)
        target.refresh_from_db()
    return target


def _normalise(text):
    # Segments keep HTML entities (``&amp;``) where the content files have the plain character.
    return " ".join(html.unescape(str(text)).split())
