from django.db import migrations


def source_to_share(apps, schema_editor):
    """Each year with a funding source becomes one share of that source with the year's whole budget."""
    ProgrammeYear = apps.get_model("programmes", "ProgrammeYear")
    ProgrammeFunding = apps.get_model("programmes", "ProgrammeFunding")
    ProgrammeFunding.objects.bulk_create(
        ProgrammeFunding(year_id=pk, source_id=source, amount=budget)
        for pk, source, budget in ProgrammeYear.objects.filter(funding_source__isnull=False).values_list("pk", "funding_source_id", "budget")
    )


def share_to_source(apps, schema_editor):
    """Back: a year keeps the source of its largest share (its other shares are lost with the model)."""
    ProgrammeYear = apps.get_model("programmes", "ProgrammeYear")
    ProgrammeFunding = apps.get_model("programmes", "ProgrammeFunding")
    for share in ProgrammeFunding.objects.order_by("year_id", "-amount", "pk"):
        ProgrammeYear.objects.filter(pk=share.year_id, funding_source__isnull=True).update(funding_source_id=share.source_id)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_year_status_and_funding_shares"),
    ]

    operations = [
        migrations.RunPython(source_to_share, share_to_source),
    ]
