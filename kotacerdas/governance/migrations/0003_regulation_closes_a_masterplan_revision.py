"""A masterplan revision's amending regulation becomes an entry of the regulation register.

Each closed revision's own number and date (masterplan 0003) become the register entry linked to it:
an entry of the city with the same number and date is reused (its masterplan set when empty), else
a new enacted Perwali (a city) or Perbup (a regency) is recorded. Runs before masterplan 0004 drops
the revision's fields; going back (unapplying this migration, which unapplies masterplan 0004 first)
copies the linked entries' numbers and dates into them again.
"""

import django.db.models.deletion
from django.db import migrations, models

from kotacerdas.governance.models import head_regulation_type

MIGRATED_NOTE = "Dicatat dari revisi masterplan (sebelum revisi merujuk register regulasi)."
TYPE_NAMES = {
    "perwali": ("Peraturan Wali Kota (Perwali)", "Mayor's regulation (Perwali)"),
    "perbup": ("Peraturan Bupati (Perbup)", "Regent's regulation (Perbup)"),
}


def _same_number(a: str, b: str) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def forward(apps, schema_editor):
    Revision = apps.get_model("masterplan", "Revision")
    Regulation = apps.get_model("governance", "Regulation")
    RegulationType = apps.get_model("framework", "RegulationType")
    rows = Revision.objects.filter(regulation_date__isnull=False).values(
        "pk",
        "number",
        "regulation_number",
        "regulation_date",
        "masterplan_id",
        "masterplan__title",
        "masterplan__start_year",
        "masterplan__end_year",
        "masterplan__city_id",
        "masterplan__city__region__name",
    )
    for row in rows:
        city_id = row["masterplan__city_id"]
        same_day = Regulation.objects.filter(city_id=city_id, issued_on=row["regulation_date"], revision__isnull=True).order_by("pk")
        match = next((r for r in same_day if _same_number(r.number, row["regulation_number"])), None)
        if match is not None:
            match.revision_id = row["pk"]
            match.masterplan_id = match.masterplan_id or row["masterplan_id"]
            match.save(update_fields=["revision", "masterplan"])
            continue
        code = head_regulation_type(row["masterplan__city__region__name"])
        name_id, name_en = TYPE_NAMES[code]
        kind, _created = RegulationType.objects.get_or_create(code=code, defaults={"name_id": name_id, "name_en": name_en})
        Regulation.objects.create(
            city_id=city_id,
            type=kind,
            number=row["regulation_number"] or "",
            title=f"Perubahan {row['masterplan__title']} {row['masterplan__start_year']}–{row['masterplan__end_year']} "
            f"(revisi {row['number']})",
            issued_on=row["regulation_date"],
            status="enacted",
            masterplan_id=row["masterplan_id"],
            revision_id=row["pk"],
            note=MIGRATED_NOTE,
        )


def backward(apps, schema_editor):
    Revision = apps.get_model("masterplan", "Revision")
    Regulation = apps.get_model("governance", "Regulation")
    for regulation in Regulation.objects.filter(revision__isnull=False):
        Revision.objects.filter(pk=regulation.revision_id).update(
            regulation_number=regulation.number, regulation_date=regulation.issued_on
        )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_version"),
        ("framework", "0004_reference_texts_in_indonesian_and_english"),
        ("masterplan", "0003_merge_0002_period_reason_and_revisions_0002_version"),
    ]
    run_before = [("masterplan", "0004_revision_closed_by_a_register_entry")]

    operations = [
        migrations.AddField(
            model_name="regulation",
            name="revision",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="regulation",
                to="masterplan.revision",
                verbose_name="masterplan revision it closes",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
