"""Carry the programmes' old indicator fields into indicator records (before programmes drops them)."""

from django.db import migrations

from kotacerdas.monitoring.carry_over import carry_over


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("programmes", "0002_evidence_private_files")]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
