"""Migration operations that make existing models translatable (``TranslatableMixin``): add
``locale`` and ``translation_key`` as nullable, give every existing row a locale and its own key,
then make both required and unique together. Adding them as required at once would give every
row the same key. Imported by migrations: keep the signature stable."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def _locale_field(**options):
    return models.ForeignKey(
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.locale",
        verbose_name="locale",
        **options,
    )


def make_translatable(app_label, model_names, locale_of):
    """The operations for ``model_names`` of ``app_label``; ``locale_of(row, default_locale)``
    returns the locale id an existing row gets."""

    def fill(apps, schema_editor):
        from django.conf import settings

        Locale = apps.get_model("wagtailcore", "Locale")
        default = (
            Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first() or Locale.objects.first()
        )
        if default is None:
            default = Locale.objects.create(language_code=settings.LANGUAGE_CODE)
        for name in model_names:
            model = apps.get_model(app_label, name)
            for row in model.objects.filter(translation_key__isnull=True):
                model.objects.filter(pk=row.pk).update(
                    translation_key=uuid.uuid4(), locale_id=locale_of(row, default)
                )

    operations = []
    for name in model_names:
        operations += [
            migrations.AddField(model_name=name, name="locale", field=_locale_field(null=True)),
            migrations.AddField(
                model_name=name, name="translation_key", field=models.UUIDField(null=True, editable=False)
            ),
        ]
    operations.append(migrations.RunPython(fill, migrations.RunPython.noop))
    for name in model_names:
        operations += [
            migrations.AlterField(model_name=name, name="locale", field=_locale_field()),
            migrations.AlterField(
                model_name=name,
                name="translation_key",
                field=models.UUIDField(default=uuid.uuid4, editable=False),
            ),
            migrations.AlterUniqueTogether(name=name, unique_together={("translation_key", "locale")}),
        ]
    return operations
