"""Writes of implementation monitoring: indicators, targets, realised values with evidence, verification, realised budget.

Who may do what (`core.permissions`):
- indicators, targets, realised values, their evidence and the realised budget: coordinators and
  the ministry for every programme, an OPD operator for the programmes their department leads
  (`can_edit_indicators`);
- verifying or returning a realised value: coordinators and the ministry (`can_verify_realisation`).

Lifecycle of a realised value: entered → verified, or entered → returned (with a reason) → entered
again (the department corrects it) → … A verified value is not changed; the coordinator returns it first.

Every service checks permission first, then validates everything, then writes (audited, one transaction).
"""

from __future__ import annotations

import os
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core import concurrency, permissions
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import given, record_create, record_delete, record_update, required_text
from kotacerdas.monitoring.error_codes import MonitoringError
from kotacerdas.monitoring.models import BudgetRealisation, Indicator, Realisation, RealisationEvidence, ReferenceIndicator, Target
from kotacerdas.monitoring.values import NotANumber, parse_number, parse_yes_no
from kotacerdas.programmes import files

MAX_VALUE = Decimal("9999999999999999")  # 16 digits before the point (the field holds 20 with 4 after it)


def _city(programme):
    return programme.masterplan.city


def _ensure_edit(actor, programme) -> None:
    permissions.ensure(permissions.can_edit_indicators(actor, programme), "monitoring.edit")


# --- values -------------------------------------------------------------------------------


def parse_value(indicator: Indicator, raw, *, year: int | None = None, field: str = "value") -> tuple[Decimal | None, str]:
    """(number, text) of a value typed for `indicator`; a numeric indicator refuses anything but a number,
    naming the indicator and the year. A blank value is (None, "")."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    if indicator.value_type == Indicator.ValueType.TEXT:
        text = str(raw).strip()
        if len(text) > 300:
            raise ServiceError(CoreError.TOO_LONG, _("The value is longer than 300 characters."), field=field)
        return None, text
    try:
        if indicator.value_type == Indicator.ValueType.YES_NO:
            number = parse_yes_no(raw) if not isinstance(raw, Decimal | int) else Decimal(raw)
            if number not in (0, 1):
                raise NotANumber(raw)
        else:
            number, _percent = parse_number(raw)
    except NotANumber:
        where = {"value": str(raw)[:50], "indicator": indicator.name}
        if indicator.value_type == Indicator.ValueType.YES_NO:
            message = _("“%(value)s” is not yes or no: the indicator “%(indicator)s” takes “ya” or “tidak”") % where
        else:
            message = _("“%(value)s” is not a number: the indicator “%(indicator)s” takes numbers such as 1.234,5 or 75%%") % where
        if year is not None:
            message += " " + _("(year %(year)s).") % {"year": year}
        else:
            message += "."
        raise ServiceError(MonitoringError.NOT_A_NUMBER, message, field=field) from None
    if abs(number) > MAX_VALUE or number != number.quantize(Decimal("0.0001")):
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("“%(value)s” is too large or has more than four decimals (indicator “%(indicator)s”).")
            % {"value": str(raw)[:50], "indicator": indicator.name},
            field=field,
        )
    return number, ""


def _check_year(programme, year, field: str = "year") -> int:
    if not isinstance(year, int) or not programme.start_year <= year <= programme.end_year:
        raise ServiceError(
            MonitoringError.YEAR_OUTSIDE_PROGRAMME,
            _("%(year)s is outside the years of “%(programme)s” (%(start)s–%(end)s).")
            % {"year": year, "programme": programme.name, "start": programme.start_year, "end": programme.end_year},
            field=field,
        )
    return year


# --- indicators ---------------------------------------------------------------------------

INDICATOR_FIELDS = {"kind", "name", "value_type", "unit", "direction", "baseline", "baseline_year", "references", "order"}


def _indicator_data(programme, fields: dict, current: Indicator | None = None) -> tuple[dict, list | None]:
    data = {}
    if "name" in fields:
        data["name"] = required_text(fields["name"], "name", _("Name the indicator."))
    for key, choices in (("kind", Indicator.Kind), ("value_type", Indicator.ValueType), ("direction", Indicator.Direction)):
        if key in fields:
            if fields[key] not in choices.values:
                raise ServiceError(
                    CoreError.INVALID,
                    _("Unknown value “%(value)s”; use one of: %(values)s.")
                    % {"value": str(fields[key])[:40], "values": ", ".join(choices.values)},
                    field=key,
                )
            data[key] = fields[key]
    if "unit" in fields:
        data["unit"] = (fields["unit"] or "").strip()
    if "order" in fields:
        data["order"] = fields["order"] or 0
    if "baseline_year" in fields:
        year = fields["baseline_year"]
        if year is not None and not 1945 <= year <= programme.end_year:
            raise ServiceError(
                CoreError.OUT_OF_RANGE,
                _("The baseline year must lie between 1945 and the programme's last year (%(end)s).") % {"end": programme.end_year},
                field="baseline_year",
            )
        data["baseline_year"] = year
    probe = Indicator(programme=programme, name=data.get("name") or getattr(current, "name", ""))
    probe.value_type = data.get("value_type") or getattr(current, "value_type", Indicator.ValueType.NUMBER)
    if "baseline" in fields or (current is not None and "value_type" in data and data["value_type"] != current.value_type):
        raw = fields.get("baseline", _baseline_raw(current) if current else None)
        data["baseline_number"], data["baseline_text"] = parse_value(probe, raw, year=data.get("baseline_year"), field="baseline")
    references = fields.get("references")
    return data, (list(references) if references is not None else None)


def _baseline_raw(indicator: Indicator):
    return indicator.baseline_text if indicator.value_type == Indicator.ValueType.TEXT else indicator.baseline_number


def _check_unique(programme, kind, name, exclude=None) -> None:
    rows = Indicator.objects.filter(programme=programme, kind=kind, name__iexact=name)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    if rows.exists():
        raise ServiceError(CoreError.DUPLICATE, _("“%(name)s” is already an indicator of this programme.") % {"name": name}, field="name")


@transaction.atomic
def indicator_create(*, actor, programme, **fields) -> Indicator:
    """Add an output or outcome indicator to a programme (name required; typed; optional baseline and reference codes)."""
    _ensure_edit(actor, programme)
    extra = sorted(set(fields) - INDICATOR_FIELDS)
    if extra:
        raise ServiceError(CoreError.NOT_EDITABLE, _("These fields cannot be set here: %(fields)s.") % {"fields": ", ".join(extra)})
    fields.setdefault("name", "")
    data, references = _indicator_data(programme, fields)
    data.setdefault("kind", Indicator.Kind.OUTPUT)
    _check_unique(programme, data["kind"], data["name"])
    if "order" not in data:
        data["order"] = Indicator.objects.filter(programme=programme, kind=data["kind"]).count() + 1
    return record_create(
        actor=actor, model=Indicator, data={"programme": programme, **data}, m2m={"references": references or []}, city=_city(programme)
    )


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **fields) -> Indicator:
    """Change an indicator; a numeric type is refused while a target or realised value is text (and vice versa)."""
    programme = indicator.programme
    _ensure_edit(actor, programme)
    fields = given(**fields)
    extra = sorted(set(fields) - INDICATOR_FIELDS)
    if extra:
        raise ServiceError(CoreError.NOT_EDITABLE, _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)})
    data, references = _indicator_data(programme, fields, current=indicator)
    if "name" in data or "kind" in data:
        _check_unique(programme, data.get("kind", indicator.kind), data.get("name", indicator.name), exclude=indicator)
    new_type = data.get("value_type", indicator.value_type)
    switches = (new_type == Indicator.ValueType.TEXT) != (indicator.value_type == Indicator.ValueType.TEXT)
    if switches and (indicator.targets.exists() or indicator.realisations.exists()):
        raise ServiceError(
            CoreError.NOT_EDITABLE,
            _("The indicator already has targets or realised values: it cannot switch between text and numbers."),
            field="value_type",
        )
    m2m = {"references": references} if references is not None else None
    return record_update(actor=actor, instance=indicator, data=data, m2m=m2m, city=_city(programme))


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator and its targets; one with realised values is kept (409 `still_linked`)."""
    _ensure_edit(actor, indicator.programme)
    if indicator.realisations.exists():
        raise ServiceError(CoreError.STILL_LINKED, _("“%(name)s” has realised values and cannot be deleted.") % {"name": indicator.name})
    city = _city(indicator.programme)
    for target in indicator.targets.all():
        record_delete(actor=actor, instance=target, city=city)
    record_delete(actor=actor, instance=indicator, city=city)


# --- targets ------------------------------------------------------------------------------


@transaction.atomic
def targets_set(*, actor, indicator: Indicator, targets: dict[int, object]) -> list[Target]:
    """Set the yearly targets given ({year: value}); a blank value removes that year's target. Years outside
    the programme's years are refused; a numeric indicator takes numbers only."""
    programme = indicator.programme
    _ensure_edit(actor, programme)
    parsed = {}
    for year, raw in targets.items():
        _check_year(programme, year, field=f"targets.{year}")
        parsed[year] = parse_value(indicator, raw, year=year, field=f"targets.{year}")
    city = _city(programme)
    concurrency.lock(indicator)  # its targets are replaced: a change based on another version of the indicator is refused
    existing = {t.year: t for t in indicator.targets.all()}
    changed = False
    for year, (number, text) in sorted(parsed.items()):
        current = existing.get(year)
        if number is None and not text:
            if current is not None:
                record_delete(actor=actor, instance=current, city=city)
                changed = True
        elif current is None:
            record_create(
                actor=actor,
                model=Target,
                city=city,
                data={"indicator": indicator, "year": year, "value_number": number, "value_text": text},
            )
            changed = True
        elif (current.value_number, current.value_text) != (number, text):
            record_update(actor=actor, instance=current, data={"value_number": number, "value_text": text}, city=city)
            changed = True
    if changed:
        concurrency.bump(indicator)
    return list(indicator.targets.all())


# --- realised values ----------------------------------------------------------------------


def _check_links(links) -> list[str]:
    out = []
    validate = URLValidator(schemes=["http", "https"])
    for link in links or []:
        link = (link or "").strip()
        if not link:
            continue
        try:
            validate(link)
        except ValidationError:
            raise ServiceError(
                CoreError.INVALID, _("“%(link)s” is not a web address (http or https).") % {"link": link[:80]}, field="links"
            ) from None
        if len(link) > 500:
            raise ServiceError(CoreError.TOO_LONG, _("A link is longer than 500 characters."), field="links")
        out.append(link)
    return out


@transaction.atomic
def realisation_enter(
    *, actor, indicator: Indicator, year: int, value, note: str = "", uploads=(), links=(), new: bool = False
) -> Realisation:
    """Record (or correct) what an indicator reached in a year, with evidence (uploaded files, links).

    A new or returned value becomes `entered` (waiting for the coordinator); a verified one is refused.
    With `new`, a year that already has a value is refused (409 `duplicate`).
    """
    programme = indicator.programme
    _ensure_edit(actor, programme)
    _check_year(programme, year)
    number, text = parse_value(indicator, value, year=year)
    if number is None and not text:
        raise ServiceError(
            CoreError.REQUIRED,
            _("Enter the realised value of “%(indicator)s” for %(year)s.") % {"indicator": indicator.name, "year": year},
            field="value",
        )
    checked = [(upload, files.checked_extension(upload)) for upload in uploads or []]
    links = _check_links(links)
    current = Realisation.objects.filter(indicator=indicator, year=year).first()
    if current is not None and new:
        raise ServiceError(
            CoreError.DUPLICATE,
            _("“%(indicator)s” already has a realised value for %(year)s; change that one.") % {"indicator": indicator.name, "year": year},
            field="year",
        )
    if current is not None and current.status == Realisation.Status.VERIFIED:
        raise ServiceError(
            MonitoringError.ALREADY_VERIFIED,
            _("The realised value of “%(indicator)s” for %(year)s is verified; the coordinator must return it before it changes.")
            % {"indicator": indicator.name, "year": year},
            field="value",
        )
    city = _city(programme)
    data = {
        "value_number": number,
        "value_text": text,
        "note": (note or "").strip(),
        "status": Realisation.Status.ENTERED,
        "entered_by": actor if getattr(actor, "pk", None) else None,
        "entered_at": timezone.now(),
    }
    if current is None:
        realisation = record_create(actor=actor, model=Realisation, city=city, data={"indicator": indicator, "year": year, **data})
    else:
        realisation = record_update(actor=actor, instance=current, data=data, city=city)
    for upload, extension in checked:
        _attach_file(actor, realisation, upload, extension, city)
    for link in links:
        record_create(
            actor=actor,
            model=RealisationEvidence,
            city=city,
            data={"realisation": realisation, "url": link, "uploaded_by": data["entered_by"]},
        )
    return realisation


def _attach_file(actor, realisation, upload, extension, city, description: str = "") -> RealisationEvidence:
    return record_create(
        actor=actor,
        model=RealisationEvidence,
        city=city,
        data={
            "realisation": realisation,
            "file": File(upload, name=f"upload.{extension}"),
            "original_name": _original_name(upload.name),
            "description": description,
            "uploaded_by": actor if getattr(actor, "pk", None) else None,
        },
    )


@transaction.atomic
def realisation_verify(*, actor, realisation: Realisation) -> Realisation:
    """The coordinator accepts an entered value."""
    city = _city(realisation.indicator.programme)
    permissions.ensure(permissions.can_verify_realisation(actor, city), "monitoring.verify")
    _check_waiting(realisation)
    return record_update(
        actor=actor,
        instance=realisation,
        data={"status": Realisation.Status.VERIFIED, "reviewed_by": actor, "reviewed_at": timezone.now(), "return_reason": ""},
        city=city,
    )


@transaction.atomic
def realisation_return(*, actor, realisation: Realisation, reason: str) -> Realisation:
    """The coordinator sends an entered (or verified) value back to the department, saying why."""
    city = _city(realisation.indicator.programme)
    permissions.ensure(permissions.can_verify_realisation(actor, city), "monitoring.verify")
    if realisation.status == Realisation.Status.RETURNED:
        _check_waiting(realisation)
    reason = required_text(reason, "reason", _("Say why the value is returned."))
    return record_update(
        actor=actor,
        instance=realisation,
        data={"status": Realisation.Status.RETURNED, "reviewed_by": actor, "reviewed_at": timezone.now(), "return_reason": reason},
        city=city,
    )


def _check_waiting(realisation) -> None:
    if realisation.status != Realisation.Status.ENTERED:
        raise ServiceError(
            MonitoringError.NOT_AWAITING_REVIEW,
            _("The realised value of “%(indicator)s” for %(year)s is %(status)s, not waiting for verification.")
            % {"indicator": realisation.indicator.name, "year": realisation.year, "status": realisation.get_status_display()},
        )


# --- evidence -----------------------------------------------------------------------------


@transaction.atomic
def evidence_add(*, actor, realisation: Realisation, file=None, url: str = "", description: str = "") -> RealisationEvidence:
    """Add a file or a link as data dukung of a realised value not yet verified."""
    programme = realisation.indicator.programme
    _ensure_edit(actor, programme)
    if realisation.status == Realisation.Status.VERIFIED:
        raise ServiceError(
            MonitoringError.ALREADY_VERIFIED, _("The realised value is verified; its evidence no longer changes."), field="file"
        )
    description = (description or "").strip()
    if len(description) > 300:
        raise ServiceError(CoreError.TOO_LONG, _("The description is longer than 300 characters."), field="description")
    city = _city(programme)
    if file is not None:
        extension = files.checked_extension(file)
        return _attach_file(actor, realisation, file, extension, city, description)
    links = _check_links([url])
    if not links:
        raise ServiceError(CoreError.REQUIRED, _("Choose a file or give a link."), field="file")
    return record_create(
        actor=actor,
        model=RealisationEvidence,
        city=city,
        data={
            "realisation": realisation,
            "url": links[0],
            "description": description,
            "uploaded_by": actor if getattr(actor, "pk", None) else None,
        },
    )


@transaction.atomic
def evidence_delete(*, actor, evidence: RealisationEvidence) -> None:
    realisation = evidence.realisation
    _ensure_edit(actor, realisation.indicator.programme)
    if realisation.status == Realisation.Status.VERIFIED:
        raise ServiceError(MonitoringError.ALREADY_VERIFIED, _("The realised value is verified; its evidence no longer changes."))
    name = evidence.file.name
    record_delete(actor=actor, instance=evidence, city=_city(realisation.indicator.programme))
    if name:
        storage = RealisationEvidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))


def _original_name(name: str) -> str:
    name = os.path.basename(name or "") or "file"
    if len(name) <= 255:
        return name
    stem, extension = os.path.splitext(name)
    return stem[: 255 - len(extension)] + extension


# --- realised budget ----------------------------------------------------------------------


@transaction.atomic
def budget_realisation_set(*, actor, programme, year: int, amount, note: str = "") -> BudgetRealisation | None:
    """Record the budget spent in a programme year (whole Rupiah, ≥ 0); a blank amount removes it."""
    _ensure_edit(actor, programme)
    _check_year(programme, year)
    row = programme.years.filter(year=year).first()
    if row is None:
        raise ServiceError(
            MonitoringError.NO_PROGRAMME_YEAR,
            _("“%(programme)s” has no budget row for %(year)s; add the year's planned budget first.")
            % {"programme": programme.name, "year": year},
            field="year",
        )
    current = BudgetRealisation.objects.filter(programme_year=row).first()
    city = _city(programme)
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        if current is not None:
            record_delete(actor=actor, instance=current, city=city)
        return None
    try:
        value, _percent = parse_number(amount)
    except NotANumber:
        raise ServiceError(
            MonitoringError.NOT_A_NUMBER,
            _("“%(value)s” is not an amount in Rupiah (realised budget of %(year)s).") % {"value": str(amount)[:50], "year": year},
            field="amount",
        ) from None
    if value < 0 or value != value.quantize(Decimal(1)) or value >= Decimal(10) ** 18:
        raise ServiceError(CoreError.OUT_OF_RANGE, _("The realised budget is whole Rupiah, not negative."), field="amount")
    data = {"amount": value, "note": (note or "").strip()[:300], "entered_by": actor if getattr(actor, "pk", None) else None}
    if current is None:
        return record_create(actor=actor, model=BudgetRealisation, city=city, data={"programme_year": row, **data})
    return record_update(actor=actor, instance=current, data=data, city=city)


# --- reference data -----------------------------------------------------------------------


@transaction.atomic
def reference_indicators_load(path) -> int:
    """Load (or update) the reference indicator codes from their JSON file; idempotent. Returns the row count."""
    import json
    from pathlib import Path

    from kotacerdas.core.models import ReferenceDataset

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for item in data["indicators"]:
        ReferenceIndicator.objects.update_or_create(
            framework=item["framework"],
            code=item["code"],
            defaults={"name_id": item["name_id"], "name_en": item.get("name_en", ""), "source": item["source"]},
        )
    count = ReferenceIndicator.objects.count()
    ReferenceDataset.objects.update_or_create(
        name="indicator-codes",
        defaults={"version": data["version"], "source": data["source"], "licence": data["licence"], "attribution": "", "row_count": count},
    )
    return count
