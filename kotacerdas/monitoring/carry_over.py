"""How the old free-text indicator fields of programmes become indicator records (used by migration 0002).

Before: `ProgrammeYear.output_indicator/target/unit/realisation` per year and
`Programme.outcome_indicator/outcome_baseline/outcome_target` per programme. After: one output
indicator per distinct (name, unit) of a programme's years with a target and a realised value per
year, and one outcome indicator with its baseline and a target in the programme's last year.
Nothing is lost: a value that is not a number keeps its text in a text indicator.

Pure functions on plain values, so the migration and its tests share them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kotacerdas.monitoring.values import NotANumber, parse_number

OUTPUT_NAME = "Indikator keluaran"
OUTCOME_NAME = "Indikator hasil"
MIGRATED_NOTE = "Dipindahkan dari isian tahunan program (sebelum pencatatan indikator)."
PERCENT_UNITS = {"%", "persen", "percent"}
_NUMBER_AND_UNIT = re.compile(r"^\s*([-+]?[\d.,]*\d)\s*(.*?)\s*$")


def _split(text: str) -> tuple[Decimal, str] | None:
    """`"40%"` → (40, "%"), `"120 unit"` → (120, "unit"), `"3,5"` → (3.5, ""); None when it is not a number."""
    match = _NUMBER_AND_UNIT.match(text or "")
    if not match:
        return None
    try:
        number, percent = parse_number(match.group(1))
    except NotANumber:
        return None
    return number, "%" if percent else match.group(2)


def output_indicators(years: list[dict]) -> list[dict]:
    """Output indicators from the yearly rows ({year, output_indicator, target, unit, realisation})."""
    groups: dict[tuple[str, str], dict] = {}
    for row in sorted(years, key=lambda r: r["year"]):
        name = (row.get("output_indicator") or "").strip()
        unit = (row.get("unit") or "").strip()
        if not name and row.get("target") is None and row.get("realisation") is None and not unit:
            continue
        group = groups.setdefault((name, unit), {"name": name or OUTPUT_NAME, "unit": unit, "targets": {}, "realisations": {}})
        if row.get("target") is not None:
            group["targets"][row["year"]] = (Decimal(row["target"]), "")
        if row.get("realisation") is not None:
            group["realisations"][row["year"]] = (Decimal(row["realisation"]), "")
    names = [g["name"] for g in groups.values()]
    out = []
    for order, group in enumerate(groups.values(), start=1):
        name = group["name"]
        if names.count(name) > 1 and group["unit"]:
            name = f"{name} ({group['unit']})"
        percentage = group["unit"].lower() in PERCENT_UNITS
        out.append(
            {
                "kind": "output",
                "name": name[:300],
                "value_type": "percentage" if percentage else "number",
                "unit": "" if percentage else group["unit"],
                "baseline_number": None,
                "baseline_text": "",
                "baseline_year": None,
                "order": order,
                "targets": group["targets"],
                "realisations": group["realisations"],
            }
        )
    return out


def outcome_indicator(programme: dict) -> dict | None:
    """The outcome indicator from {outcome_indicator, outcome_baseline, outcome_target, end_year}, if any was filled in."""
    name = (programme.get("outcome_indicator") or "").strip()
    baseline = (programme.get("outcome_baseline") or "").strip()
    target = (programme.get("outcome_target") or "").strip()
    if not (name or baseline or target):
        return None
    parsed = {key: _split(text) for key, text in (("baseline", baseline), ("target", target)) if text}
    numeric = bool(parsed) and all(value is not None for value in parsed.values())
    units = {unit for _, unit in parsed.values() if unit} if numeric else set()
    numeric = numeric and len(units) <= 1
    indicator = {
        "kind": "outcome",
        "name": (name or OUTCOME_NAME)[:300],
        "value_type": "text",
        "unit": "",
        "baseline_number": None,
        "baseline_text": baseline,
        "baseline_year": None,
        "order": 1,
        "targets": {},
        "realisations": {},
    }
    if numeric:
        unit = units.pop() if units else ""
        percentage = unit.lower() in PERCENT_UNITS
        indicator.update(value_type="percentage" if percentage else "number", unit="" if percentage else unit[:60], baseline_text="")
        if "baseline" in parsed:
            indicator["baseline_number"] = parsed["baseline"][0]
        if "target" in parsed:
            indicator["targets"][programme["end_year"]] = (parsed["target"][0], "")
    elif target:
        indicator["targets"][programme["end_year"]] = (None, target[:300])
    return indicator


def indicators_from_old(programme: dict, years: list[dict]) -> list[dict]:
    """Every indicator the old fields of one programme carried."""
    outcome = outcome_indicator(programme)
    return output_indicators(years) + ([outcome] if outcome else [])


def carry_over(apps, schema_editor) -> None:
    """The data migration: old fields → Indicator, Target, Realisation rows."""
    Programme = apps.get_model("programmes", "Programme")
    ProgrammeYear = apps.get_model("programmes", "ProgrammeYear")
    Indicator = apps.get_model("monitoring", "Indicator")
    Target = apps.get_model("monitoring", "Target")
    Realisation = apps.get_model("monitoring", "Realisation")
    years_of: dict[int, list[dict]] = {}
    for row in ProgrammeYear.objects.order_by("programme_id", "year").values(
        "programme_id", "year", "output_indicator", "target", "unit", "realisation"
    ):
        years_of.setdefault(row["programme_id"], []).append(row)
    for programme in Programme.objects.order_by("pk").values(
        "pk", "outcome_indicator", "outcome_baseline", "outcome_target", "start_year", "end_year"
    ):
        for spec in indicators_from_old(programme, years_of.get(programme["pk"], [])):
            targets, realisations = spec.pop("targets"), spec.pop("realisations")
            indicator = Indicator.objects.create(programme_id=programme["pk"], **spec)
            Target.objects.bulk_create(
                Target(indicator=indicator, year=year, value_number=number, value_text=text) for year, (number, text) in targets.items()
            )
            Realisation.objects.bulk_create(
                Realisation(indicator=indicator, year=year, value_number=number, value_text=text, note=MIGRATED_NOTE, status="entered")
                for year, (number, text) in realisations.items()
            )
