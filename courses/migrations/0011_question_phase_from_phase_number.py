"""A question's phase is its phase page (``Question.phase``); ``phase_number`` repeated it and goes
in 0012. Before that, a question with a number but no page gets the phase page of that number: in
its own language if there is one, else the first live one (the catalogue's choice)."""

from django.db import migrations


def fill_phase_from_number(apps, schema_editor):
    Question = apps.get_model("courses", "Question")
    PhasePage = apps.get_model("toolbox", "PhasePage")
    pages = {}
    # Live pages first, then the default (lowest) locale: the first page seen for a key is kept.
    for pk, number, locale_id in PhasePage.objects.order_by("-live", "locale_id", "pk").values_list(
        "pk", "number", "locale_id"
    ):
        pages.setdefault((number, locale_id), pk)
        pages.setdefault((number, None), pk)
    missing = Question.objects.filter(phase__isnull=True, phase_number__isnull=False)
    for pk, number, locale_id in missing.values_list("pk", "phase_number", "locale_id"):
        page_id = pages.get((number, locale_id)) or pages.get((number, None))
        if page_id:
            Question.objects.filter(pk=pk).update(phase_id=page_id)


def fill_number_from_phase(apps, schema_editor):
    Question = apps.get_model("courses", "Question")
    for pk, number in Question.objects.filter(phase__isnull=False).values_list("pk", "phase__number"):
        Question.objects.filter(pk=pk).update(phase_number=number)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0010_question_links_typed"),
        ("toolbox", "0003_phase_number_choices_from_phase"),
    ]

    operations = [migrations.RunPython(fill_phase_from_number, fill_number_from_phase)]
