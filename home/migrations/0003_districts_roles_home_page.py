from django.db import migrations

DISTRICTS = [
    ("Nordjyllands Politi", "nordjylland"),
    ("Østjyllands Politi", "oestjylland"),
    ("Midt- og Vestjyllands Politi", "midt-og-vestjylland"),
    ("Sydøstjyllands Politi", "sydoestjylland"),
    ("Syd- og Sønderjyllands Politi", "syd-og-soenderjylland"),
    ("Fyns Politi", "fyn"),
    ("Sydsjællands og Lolland-Falsters Politi", "sydsjaelland-lolland-falster"),
    ("Midt- og Vestsjællands Politi", "midt-og-vestsjaelland"),
    ("Nordsjællands Politi", "nordsjaelland"),
    ("Københavns Vestegns Politi", "koebenhavns-vestegn"),
    ("Københavns Politi", "koebenhavn"),
    ("Bornholms Politi", "bornholm"),
]
ROLES = ["Kursister", "Redaktører", "Moderatorer"]


def forwards(apps, schema_editor):
    District = apps.get_model("home", "District")
    for order, (name, slug) in enumerate(DISTRICTS, start=1):
        District.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    District.objects.update_or_create(
        slug="rigspolitiet", defaults={"name": "Rigspolitiet", "is_national": True, "sort_order": 99}
    )

    Group = apps.get_model("auth", "Group")
    # Wagtail's generic default groups would sit confusingly beside the three roles.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    for name in ROLES:
        Group.objects.get_or_create(name=name)

    # Replace Wagtail's "Welcome" page with the Danish home page, and add the English locale.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    danish, _ = Locale.objects.get_or_create(language_code="da")
    Locale.objects.get_or_create(language_code="en")
    Page.objects.exclude(locale=danish).update(locale=danish)

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    home = HomePage.objects.create(
        title="Co+creation",
        draft_title="Co+creation",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=danish,
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Co+creation"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
