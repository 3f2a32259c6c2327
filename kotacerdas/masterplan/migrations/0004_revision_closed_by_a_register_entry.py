"""A revision is closed on a date; its amending regulation's number and date move to the regulation
register (governance 0003, which runs first and links the entries). A revision closed before keeps
its regulation's date as the day it was closed."""

from django.db import migrations, models
from django.db.models import F


def closed_on_from_regulation(apps, schema_editor):
    apps.get_model("masterplan", "Revision").objects.filter(regulation_date__isnull=False).update(closed_on=F("regulation_date"))


def regulation_date_from_closed_on(apps, schema_editor):
    apps.get_model("masterplan", "Revision").objects.filter(closed_on__isnull=False).update(regulation_date=F("closed_on"))


class Migration(migrations.Migration):
    dependencies = [
        ("masterplan", "0003_merge_0002_period_reason_and_revisions_0002_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="closed_on",
            field=models.DateField(blank=True, null=True, verbose_name="closed on"),
        ),
        migrations.RemoveConstraint(
            model_name="revision",
            name="one_open_revision_per_masterplan",
        ),
        migrations.RunPython(closed_on_from_regulation, regulation_date_from_closed_on),
        migrations.RemoveField(
            model_name="revision",
            name="regulation_date",
        ),
        migrations.RemoveField(
            model_name="revision",
            name="regulation_number",
        ),
        migrations.AddConstraint(
            model_name="revision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("closed_on__isnull", True)),
                fields=("masterplan",),
                name="one_open_revision_per_masterplan",
                violation_error_code="revision_open",
                violation_error_message="This masterplan already has an open revision.",
            ),
        ),
    ]
