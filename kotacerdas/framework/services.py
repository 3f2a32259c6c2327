"""Writes to the national reference framework."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.core import audit, concurrency, permissions
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import ReferenceDataset
from kotacerdas.framework import models as m
from kotacerdas.framework.error_codes import FrameworkError

FRAMEWORK_FILE = settings.BASE_DIR / "data" / "framework" / "framework.json"


def _upsert(model, items: list[dict], **extra) -> dict[str, object]:
    out = {}
    for order, item in enumerate(items, start=1):
        fields = {k: v for k, v in item.items() if k not in {"code", "elements"}}
        obj, _created = model.objects.update_or_create(code=item["code"], defaults={"order": order, **fields, **extra})
        out[item["code"]] = obj
    return out


@transaction.atomic
def framework_load(*, path: Path = FRAMEWORK_FILE) -> None:
    """Load (or update) the national framework from its versioned JSON file; idempotent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    dimensions = _upsert(m.Dimension, data["dimensions"])
    for dim in data["dimensions"]:
        _upsert(m.Element, dim["elements"], dimension=dimensions[dim["code"]])
    eval_dims = _upsert(m.EvaluationDimension, data["evaluation_dimensions"])
    for year in data["evaluation_years"]:
        texts = {"source": year["source"], "source_en": year["source_en"], "note": year["note"], "note_en": year["note_en"]}
        ey, created = m.EvaluationYear.objects.get_or_create(year=year["year"], defaults=texts)
        if not created and (ey.source in OLD_DEFAULT_SOURCES or ey.source in {"", year["source"], year["source_en"]}):
            # The source is the loaded one (earlier loads wrote it in English only, or without citing the
            # years the weights were derived from), not the ministry's: refresh it in both languages.
            keep_note = ey.note and ey.note not in {year["note"], year["note_en"]}
            for field, value in texts.items():
                if not (keep_note and field.startswith("note")):
                    setattr(ey, field, value)
            ey.save(update_fields=list(texts))
        if year.get("weights") and not ey.weights.exists():
            for code, weight in data["default_weights"].items():
                m.EvaluationWeight.objects.create(year=ey, dimension=eval_dims[code], weight=Decimal(weight))
    _upsert(m.PublishedWeightSet, data["published_weight_sets"])
    _upsert(m.ReadinessLens, data["readiness_lenses"])
    for rating in data["readiness_ratings"]:
        m.ReadinessRating.objects.update_or_create(value=rating["value"], defaults=rating)
    _upsert(m.FundingSource, data["funding_sources"])
    _upsert(m.StakeholderType, data["stakeholder_types"])
    _upsert(m.ProgrammeStatus, data["programme_statuses"])
    _upsert(m.Horizon, data["horizons"])
    _upsert(m.QuickWinCriterion, data["quick_win_criteria"])
    _upsert(m.RegulationType, data["regulation_types"])
    _upsert(m.MeetingKind, data["meeting_kinds"])
    for number in data["advisory_numbers"]:
        # The value is the ministry's to change (admin); a reload keeps it and refreshes only the wording.
        fields = {k: v for k, v in number.items() if k not in {"code", "value"}}
        obj, created = m.AdvisoryNumber.objects.get_or_create(code=number["code"], defaults={**fields, "value": number["value"]})
        if not created:
            m.AdvisoryNumber.objects.filter(pk=obj.pk).update(**fields)
    ReferenceDataset.objects.update_or_create(
        name="smart-city-framework",
        defaults={
            "version": data["version"],
            "source": data["source"],
            "licence": "Public government information",
            "attribution": "",
            "row_count": m.Element.objects.count(),
        },
    )


YEAR_RANGE = (2017, 2100)
# Sources written by loads before the years cited what their weights were derived from.
OLD_DEFAULT_SOURCES = {"Official results (weights matching published indices)", "Default weights"}


def _as_decimal(value) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ServiceError(CoreError.INVALID, _("“%(value)s” is not a number.") % {"value": value}, field="weights")
    if number.normalize().as_tuple().exponent < -2:
        raise ServiceError(CoreError.INVALID, _("“%(value)s” has more than two decimals.") % {"value": value}, field="weights")
    return number


def _weights_of(year: m.EvaluationYear) -> dict:
    """What the audit trail keeps of a year: its source and each weight by evaluation dimension code."""
    return {"source": year.source, **{w.dimension.code: str(w.weight) for w in year.weights.select_related("dimension")}}


@transaction.atomic
def evaluation_weights_set(
    *,
    actor,
    year: int,
    weights: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
    source: str = "",
    new: bool = False,
) -> m.EvaluationYear:
    """Set the five evaluation weights of one year (they must add up to 100 %), as one audited change of the year.

    `weights` maps each evaluation dimension code to its weight (or lists `(code, weight)` pairs);
    `new` refuses a year that already has weights (409 `duplicate`) instead of changing it.
    """
    permissions.ensure(permissions.can_manage_reference(actor), "reference.manage")
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("The evaluation year must be between %(first)d and %(last)d.") % {"first": YEAR_RANGE[0], "last": YEAR_RANGE[1]},
            field="year",
        )
    if new and m.EvaluationYear.objects.filter(year=year).exists():
        raise ServiceError(
            CoreError.DUPLICATE, _("%(year)s already has weights: change them from the framework page.") % {"year": year}, field="year"
        )
    pairs = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
    codes = [code for code, _weight in pairs]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ServiceError(
            FrameworkError.WEIGHT_REPEATED, _("More than one weight for: %(codes)s.") % {"codes": ", ".join(repeated)}, field="weights"
        )
    dims = {d.code: d for d in m.EvaluationDimension.objects.all()}
    unknown = sorted(set(codes) - set(dims))
    if unknown:
        raise ServiceError(
            CoreError.UNKNOWN_CODE, _("Unknown evaluation dimension: %(codes)s.") % {"codes": ", ".join(unknown)}, field="weights"
        )
    missing = sorted(set(dims) - set(codes))
    if missing:
        raise ServiceError(CoreError.REQUIRED, _("A weight is missing for: %(codes)s.") % {"codes": ", ".join(missing)}, field="weights")
    values = {code: _as_decimal(weight) for code, weight in pairs}
    if any(w < 0 or w > 100 for w in values.values()):
        raise ServiceError(CoreError.OUT_OF_RANGE, _("Each weight must be between 0 and 100."), field="weights")
    total = sum(values.values())
    if total != Decimal(100):
        raise ServiceError(
            FrameworkError.WEIGHTS_NOT_100, _("The weights add up to %(total)s %%, not 100 %%.") % {"total": total}, field="weights"
        )
    ey, created = m.EvaluationYear.objects.get_or_create(year=year, defaults={"source": source})
    if not created:
        concurrency.lock(ey)  # its weights are replaced: a change based on another version is refused
    before = None if created else _weights_of(ey)
    if source:
        # The ministry writes the source once, in the language it chooses: it is shown in both.
        ey.source, ey.source_en = source, ""
    ey.full_clean()
    ey.save()
    for code, weight in values.items():
        m.EvaluationWeight.objects.update_or_create(year=ey, dimension=dims[code], defaults={"weight": weight})
    after = _weights_of(ey)
    if after != before:
        if not created:
            concurrency.bump(ey)
        audit.record(actor=actor, action="create" if created else "update", instance=ey, before=before, after=after)
    return ey
