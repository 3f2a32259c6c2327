"""Each distinct cohort year of the cities becomes one cohort (no stage number, no counts), and every
city with that year points at it; backwards, each city takes its cohort's year again. Nothing is lost."""

from django.db import migrations


def years_to_cohorts(apps, schema_editor):
    db = schema_editor.connection.alias
    City = apps.get_model("cities", "City")
    Cohort = apps.get_model("cities", "Cohort")
    years = City.objects.using(db).filter(cohort_year__isnull=False).order_by("cohort_year").values_list("cohort_year", flat=True)
    for year in sorted(set(years)):
        City.objects.using(db).filter(cohort_year=year).update(cohort=Cohort.objects.using(db).create(year=year))


def cohorts_to_years(apps, schema_editor):
    db = schema_editor.connection.alias
    City = apps.get_model("cities", "City")
    for city in City.objects.using(db).filter(cohort__isnull=False).select_related("cohort"):
        City.objects.using(db).filter(pk=city.pk).update(cohort_year=city.cohort.year)


class Migration(migrations.Migration):
    dependencies = [("cities", "0005_cohort_records")]

    operations = [migrations.RunPython(years_to_cohorts, cohorts_to_years)]
