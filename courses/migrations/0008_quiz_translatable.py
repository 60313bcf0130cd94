"""Quizzes, their questions and choices become translatable (wagtail-localize translates a quiz
with its questions and choices as inline children). Existing rows get the default locale."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations

from home.translatable_migration import make_translatable


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_merge_quiz_shuffle_questions_only"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *make_translatable("courses", ("quiz", "question", "choice"), lambda row, default: default.pk),
        migrations.AlterField(
            model_name="question",
            name="quiz",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="courses.quiz",
                verbose_name="quiz",
            ),
        ),
    ]
