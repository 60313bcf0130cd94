import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    # The home page lives apart from the user model: Wagtail's own migrations depend on the user
    # model, so one migration holding both would be a circular dependency.
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name='HomePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduktion')),
            ],
            options={
                'verbose_name': 'forside',
            },
            bases=('wagtailcore.page',),
        ),
    ]
