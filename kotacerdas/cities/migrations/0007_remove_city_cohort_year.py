"""The bare cohort year goes: a city's year is its cohort's (carried over in 0006)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cities", "0006_cohorts_from_cohort_years")]

    operations = [migrations.RemoveField(model_name="city", name="cohort_year")]
