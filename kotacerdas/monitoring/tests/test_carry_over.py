"""The data migration carries the programmes' old indicator fields into indicator records without loss."""

from decimal import Decimal

from kotacerdas.monitoring.carry_over import MIGRATED_NOTE, OUTPUT_NAME, indicators_from_old


def test_output_rows_become_one_indicator_per_name_and_unit():
    years = [
        {
            "year": 2021,
            "output_indicator": "Puskesmas terhubung",
            "target": Decimal("5.00"),
            "unit": "puskesmas",
            "realisation": Decimal("4.00"),
        },
        {"year": 2022, "output_indicator": "Puskesmas terhubung", "target": Decimal("10.00"), "unit": "puskesmas", "realisation": None},
        {"year": 2023, "output_indicator": "Cakupan", "target": Decimal("80"), "unit": "%", "realisation": Decimal("82.5")},
        {"year": 2024, "output_indicator": "", "target": None, "unit": "", "realisation": None},
    ]
    out = indicators_from_old({"outcome_indicator": "", "outcome_baseline": "", "outcome_target": "", "end_year": 2024}, years)
    assert [(i["name"], i["value_type"], i["unit"]) for i in out] == [
        ("Puskesmas terhubung", "number", "puskesmas"),
        ("Cakupan", "percentage", ""),
    ]
    assert out[0]["targets"] == {2021: (Decimal(5), ""), 2022: (Decimal(10), "")}
    assert out[0]["realisations"] == {2021: (Decimal(4), "")}
    assert out[1]["realisations"] == {2023: (Decimal("82.5"), "")}


def test_unnamed_values_are_kept_under_a_generic_name():
    years = [{"year": 2021, "output_indicator": "", "target": Decimal(3), "unit": "", "realisation": None}]
    out = indicators_from_old({"end_year": 2021}, years)
    assert out[0]["name"] == OUTPUT_NAME and out[0]["targets"] == {2021: (Decimal(3), "")}


def test_outcome_numbers_with_units_and_percentages():
    out = indicators_from_old(
        {"outcome_indicator": "Izin tepat waktu", "outcome_baseline": "40%", "outcome_target": "90%", "end_year": 2026}, []
    )
    assert out[0]["kind"] == "outcome" and out[0]["value_type"] == "percentage"
    assert out[0]["baseline_number"] == Decimal(40) and out[0]["targets"] == {2026: (Decimal(90), "")}
    out = indicators_from_old(
        {"outcome_indicator": "Layanan", "outcome_baseline": "0", "outcome_target": "60 layanan", "end_year": 2024}, []
    )
    assert (out[0]["value_type"], out[0]["unit"], out[0]["targets"]) == ("number", "layanan", {2024: (Decimal(60), "")})


def test_outcome_text_is_kept_verbatim():
    out = indicators_from_old(
        {"outcome_indicator": "Kepuasan warga", "outcome_baseline": "belum diukur", "outcome_target": "lihat lampiran", "end_year": 2024},
        [],
    )
    assert out[0]["value_type"] == "text" and out[0]["baseline_text"] == "belum diukur"
    assert out[0]["targets"] == {2024: (None, "lihat lampiran")}


class _OldRows:
    """Stands in for a historical model of the old schema: `.objects.order_by(...).values(...)` gives the rows."""

    def __init__(self, rows):
        self.objects = self
        self.rows = rows

    def order_by(self, *args):
        return self

    def values(self, *fields):
        return [{f: row.get(f) for f in fields} for row in self.rows]


class _Apps:
    def __init__(self, old):
        self.old = old

    def get_model(self, app, name):
        from django.apps import apps

        return self.old.get(name) or apps.get_model(app, name)


def test_migration_function_writes_the_records(health):
    """`carry_over` (migration 0002) on rows with the old fields: every value lands in an indicator record."""
    from kotacerdas.monitoring.carry_over import carry_over
    from kotacerdas.monitoring.models import Indicator, Realisation

    old_programme = {
        "pk": health.pk,
        "outcome_indicator": "Kepuasan pasien",
        "outcome_baseline": "70%",
        "outcome_target": "85%",
        "start_year": 2021,
        "end_year": 2023,
    }
    old_years = [
        {
            "programme_id": health.pk,
            "year": 2021,
            "output_indicator": "Puskesmas terhubung",
            "target": Decimal(5),
            "unit": "puskesmas",
            "realisation": Decimal(5),
        },
        {
            "programme_id": health.pk,
            "year": 2022,
            "output_indicator": "Puskesmas terhubung",
            "target": Decimal(10),
            "unit": "puskesmas",
            "realisation": Decimal("7.5"),
        },
    ]
    carry_over(_Apps({"Programme": _OldRows([old_programme]), "ProgrammeYear": _OldRows(old_years)}), None)
    output = Indicator.objects.get(programme=health, kind="output")
    assert (output.name, output.unit) == ("Puskesmas terhubung", "puskesmas")
    assert dict(output.targets.values_list("year", "value_number")) == {2021: Decimal(5), 2022: Decimal(10)}
    assert dict(output.realisations.values_list("year", "value_number")) == {2021: Decimal(5), 2022: Decimal("7.5")}
    assert set(Realisation.objects.values_list("status", "note")) == {("entered", MIGRATED_NOTE)}
    outcome = Indicator.objects.get(programme=health, kind="outcome")
    assert (outcome.value_type, outcome.baseline_number) == ("percentage", Decimal(70))
    assert dict(outcome.targets.values_list("year", "value_number")) == {2023: Decimal(85)}
