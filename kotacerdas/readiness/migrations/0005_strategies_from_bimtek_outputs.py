"""The strategies recorded so far as bimtek outputs (kind "strategy", with a dimension) become strategies of their
masterplan, keeping where they came from: the masterplan book now reads the strategies, not the outputs."""

from django.db import migrations
from django.utils.text import Truncator

TITLE_LENGTH = 200


def adopt_strategy_outputs(apps, schema_editor):
    Output = apps.get_model("bimtek", "Output")
    Strategy = apps.get_model("readiness", "Strategy")
    order: dict[tuple, int] = {}
    outputs = Output.objects.filter(kind="strategy", dimension__isnull=False, strategies__isnull=True).select_related("workshop")
    for output in outputs.order_by("workshop__masterplan_id", "dimension_id", "workshop__number", "pk"):
        text = output.text.strip()
        key = (output.workshop.masterplan_id, output.dimension_id)
        order[key] = order.get(key, 0) + 1
        Strategy.objects.create(
            masterplan_id=output.workshop.masterplan_id,
            dimension_id=output.dimension_id,
            title=Truncator(text).chars(TITLE_LENGTH),
            text=text if len(text) > TITLE_LENGTH else "",
            order=order[key],
            origin=output,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("readiness", "0004_strategy"),
        ("bimtek", "0001_initial"),
    ]

    operations = [migrations.RunPython(adopt_strategy_outputs, migrations.RunPython.noop)]
