"""A case's actors, results, goals and ripple effects become translatable inline children of the
case page, so wagtail-localize translates them with it. Existing rows get their case's locale."""

from django.db import migrations

from home.translatable_migration import make_translatable


def case_locale(row, default):
    return row.case.locale_id if row.case_id else default.pk


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_content_owner_and_review_dates"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = make_translatable(
        "cases", ("caseactor", "caseresult", "caserippleeffect", "casegoal"), case_locale
    )
