"""A migration operation run before a plain page link (``wagtailcore.Page``) is typed to the page
model it always meant (``toolbox.PhasePage``): a row pointing at a page of another type, possible
while any page was accepted, would make the new foreign key constraint fail. Such a link is
cleared when the field allows it, else its row (an inline link) is removed. Imported by
migrations: keep the signature stable."""

from django.db import migrations


def drop_links_to_other_page_types(model_label, field_name, target_label):
    def drop(apps, schema_editor):
        model = apps.get_model(model_label)
        target_ids = apps.get_model(target_label).objects.values("pk")
        stray = model.objects.filter(**{f"{field_name}__isnull": False}).exclude(
            **{f"{field_name}__in": target_ids}
        )
        if model._meta.get_field(field_name).null:
            changed = stray.update(**{field_name: None})
        else:
            changed, _ = stray.delete()
        if changed and schema_editor.connection.vendor == "postgresql":
            # Run the deferred constraint checks now: PostgreSQL refuses to ALTER a table that
            # still has pending trigger events in the same transaction.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    return migrations.RunPython(drop, migrations.RunPython.noop, elidable=True)
