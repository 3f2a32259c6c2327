"""Writes to the masterplan record and its vision tree.

Every service checks permission first, then the data, then writes through `core.services`.
Update services take only the fields to change (`UNCHANGED` marks the others).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.cities.models import City, Stage
from kotacerdas.cities.services import city_reach_stage
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve_code
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import UNCHANGED, given, record_create, record_delete, record_update, required_text
from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.error_codes import MasterplanError
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Target

MAX_PERIOD_YEARS = 10


# --- the masterplan record ------------------------------------------------------------------


@transaction.atomic
def masterplan_create(*, actor, city: City, title: str, start_year: int, end_year: int, vision: str = "") -> Masterplan:
    """Open a new masterplan (5–10 years) for the city; it starts as a draft."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    title = required_text(title, "title", _("The masterplan needs a title."))
    _check_period(start_year, end_year)
    _check_unique_start(city, start_year, instance=None)
    return record_create(
        actor=actor,
        model=Masterplan,
        data={
            "city": city,
            "title": title,
            "start_year": start_year,
            "end_year": end_year,
            "vision": (vision or "").strip(),
        },
    )


@transaction.atomic
def masterplan_update(
    *,
    actor,
    masterplan: Masterplan,
    title=UNCHANGED,
    start_year=UNCHANGED,
    end_year=UNCHANGED,
    vision=UNCHANGED,
    status=UNCHANGED,
    regulation_number=UNCHANGED,
    regulation_date=UNCHANGED,
) -> Masterplan:
    """Change title, period, vision or status; legalising needs the regulation and advances the city."""
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    fields = given(
        title=title,
        start_year=start_year,
        end_year=end_year,
        vision=vision,
        status=status,
        regulation_number=regulation_number,
        regulation_date=regulation_date,
    )
    if "title" in fields:
        fields["title"] = required_text(fields["title"], "title", _("The masterplan needs a title."))
    for text_field in ("vision", "regulation_number"):
        if text_field in fields:
            fields[text_field] = (fields[text_field] or "").strip()
    start_year = fields.get("start_year", masterplan.start_year)
    end_year = fields.get("end_year", masterplan.end_year)
    _check_period(start_year, end_year)
    if start_year != masterplan.start_year:
        _check_unique_start(masterplan.city, start_year, instance=masterplan)
    _check_targets_inside(masterplan, start_year, end_year)
    _check_programmes_inside(masterplan, start_year, end_year)
    status = fields.get("status", masterplan.status)
    if status not in Masterplan.Status.values:
        raise ServiceError(CoreError.INVALID, _("Unknown masterplan status: %(status)s.") % {"status": status}, field="status")
    if status == Masterplan.Status.LEGALISED:
        number = fields.get("regulation_number", masterplan.regulation_number)
        date = fields.get("regulation_date", masterplan.regulation_date)
        if not number or date is None:
            raise ServiceError(
                MasterplanError.REGULATION_MISSING,
                _("A legalised masterplan needs the number and date of its regulation (Perwali/Perbup)."),
                field="regulation_number" if not number else "regulation_date",
            )
        if date > timezone.localdate():
            raise ServiceError(CoreError.DATE_IN_FUTURE, _("The regulation date cannot be in the future."), field="regulation_date")
    was_legalised = masterplan.status == Masterplan.Status.LEGALISED
    masterplan = record_update(actor=actor, instance=masterplan, data=fields)
    if masterplan.status == Masterplan.Status.LEGALISED and not was_legalised:
        city_reach_stage(
            actor=actor,
            city=masterplan.city,
            stage=Stage.LEGALISED,
            reached_on=masterplan.regulation_date,
            note=masterplan.regulation_number,
        )
    return masterplan


@transaction.atomic
def masterplan_legalise(*, actor, masterplan: Masterplan, regulation_number: str, regulation_date: datetime.date | None) -> Masterplan:
    """Record the regulation (Perwali/Perbup) that legalises the masterplan."""
    return masterplan_update(
        actor=actor,
        masterplan=masterplan,
        status=Masterplan.Status.LEGALISED,
        regulation_number=regulation_number or "",
        regulation_date=regulation_date,
    )


# --- missions -------------------------------------------------------------------------------


@transaction.atomic
def mission_create(*, actor, masterplan: Masterplan, text: str, order: int | None = None) -> Mission:
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    text = required_text(text, "text", _("The mission has no text."))
    if order is None:
        order = _next_order(masterplan.missions.all())
    return record_create(actor=actor, model=Mission, data={"masterplan": masterplan, "text": text, "order": order})


@transaction.atomic
def mission_update(*, actor, mission: Mission, text=UNCHANGED, order=UNCHANGED) -> Mission:
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    fields = given(text=text, order=order)
    if "text" in fields:
        fields["text"] = required_text(fields["text"], "text", _("The mission has no text."))
    return record_update(actor=actor, instance=mission, data=fields)


@transaction.atomic
def mission_delete(*, actor, mission: Mission) -> None:
    """Delete a mission with its objectives and targets (each audited)."""
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    for objective in mission.objectives.all():
        _objective_delete(actor, objective)
    record_delete(actor=actor, instance=mission)


@transaction.atomic
def mission_move(*, actor, mission: Mission, offset: int) -> Mission:
    """Move a mission up (-1) or down (+1) among the masterplan's missions."""
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    reorder(actor=actor, item=mission, siblings=mission.masterplan.missions.all(), offset=offset)
    return mission


# --- objectives -----------------------------------------------------------------------------


@transaction.atomic
def objective_create(*, actor, mission: Mission, text: str, dimension_codes=(), order: int | None = None) -> Objective:
    """A new objective of the mission, serving the smart-city dimensions given by their codes."""
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    text = required_text(text, "text", _("The objective has no text."))
    dimensions = _dimensions(dimension_codes)
    if order is None:
        order = _next_order(mission.objectives.all())
    return record_create(
        actor=actor, model=Objective, data={"mission": mission, "text": text, "order": order}, m2m={"dimensions": dimensions}
    )


@transaction.atomic
def objective_update(
    *, actor, objective: Objective, text=UNCHANGED, order=UNCHANGED, mission=UNCHANGED, dimension_codes=UNCHANGED
) -> Objective:
    """Change the text, order or the dimensions served; moving to another mission of the same masterplan is allowed."""
    permissions.ensure(permissions.can_manage_city(actor, objective.mission.masterplan.city), "city.manage")
    fields = given(text=text, order=order, mission=mission)
    if "mission" in fields and fields["mission"].masterplan_id != objective.mission.masterplan_id:
        raise ServiceError(
            CoreError.UNKNOWN_REFERENCE, _("An objective can only move to a mission of the same masterplan."), field="mission_id"
        )
    if "text" in fields:
        fields["text"] = required_text(fields["text"], "text", _("The objective has no text."))
    m2m = {"dimensions": _dimensions(dimension_codes)} if dimension_codes is not UNCHANGED else None
    return record_update(actor=actor, instance=objective, data=fields, m2m=m2m)


@transaction.atomic
def objective_delete(*, actor, objective: Objective) -> None:
    permissions.ensure(permissions.can_manage_city(actor, objective.mission.masterplan.city), "city.manage")
    _objective_delete(actor, objective)


@transaction.atomic
def objective_move(*, actor, objective: Objective, offset: int) -> Objective:
    permissions.ensure(permissions.can_manage_city(actor, objective.mission.masterplan.city), "city.manage")
    reorder(actor=actor, item=objective, siblings=objective.mission.objectives.all(), offset=offset)
    return objective


def _objective_delete(actor, objective: Objective) -> None:
    city = objective.mission.masterplan.city
    for target in objective.targets.all():
        record_delete(actor=actor, instance=target, city=city)
    record_delete(actor=actor, instance=objective, city=city)


def _dimensions(codes) -> list[Dimension]:
    """The dimensions of these codes (each once, in the order given); an unknown code answers `unknown_code`."""
    codes = list(dict.fromkeys(codes or ()))
    found = {d.code: d for d in Dimension.objects.filter(code__in=[c for c in codes if isinstance(c, str)])}
    for code in codes:
        if code not in found:
            resolve_code(Dimension, code, field="dimension_codes")
    return [found[code] for code in codes]


# --- targets --------------------------------------------------------------------------------


@transaction.atomic
def target_create(*, actor, objective: Objective, indicator: str, value: str, unit: str = "", year: int | None = None) -> Target:
    masterplan = objective.mission.masterplan
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    indicator = required_text(indicator, "indicator", _("The target needs its indicator."))
    value = required_text(value, "value", _("The target needs its value."))
    _check_year(masterplan, year)
    return record_create(
        actor=actor,
        model=Target,
        city=masterplan.city,
        data={
            "objective": objective,
            "indicator": indicator,
            "value": value,
            "unit": (unit or "").strip(),
            "year": year,
        },
    )


@transaction.atomic
def target_update(*, actor, target: Target, indicator=UNCHANGED, value=UNCHANGED, unit=UNCHANGED, year=UNCHANGED) -> Target:
    masterplan = target.objective.mission.masterplan
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    fields = given(indicator=indicator, value=value, unit=unit, year=year)
    if "indicator" in fields:
        fields["indicator"] = required_text(fields["indicator"], "indicator", _("The target needs its indicator."))
    if "value" in fields:
        fields["value"] = required_text(fields["value"], "value", _("The target needs its value."))
    if "unit" in fields:
        fields["unit"] = (fields["unit"] or "").strip()
    if "year" in fields:
        _check_year(masterplan, fields["year"])
    return record_update(actor=actor, instance=target, data=fields, city=masterplan.city)


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    masterplan = target.objective.mission.masterplan
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    record_delete(actor=actor, instance=target, city=masterplan.city)


# --- ordering (shared with the readiness SWOT lists) ------------------------------------------


def reorder(*, actor, item, siblings, offset: int) -> None:
    """Move `item` by `offset` places among `siblings` and number them 1…n (audited when changed).

    Callers check permissions. Moving past either end leaves the order as it is.
    """
    ordered = list(siblings.order_by("order", "id"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    new_index = min(max(index + offset, 0), len(ordered) - 1)
    ordered.insert(new_index, ordered.pop(index))
    for position, sibling in enumerate(ordered, start=1):
        if sibling.order != position:
            record_update(actor=actor, instance=sibling, data={"order": position})
            if sibling.pk == item.pk:
                item.order = position


def _next_order(queryset) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


# --- checks ---------------------------------------------------------------------------------


def _check_period(start_year: int, end_year: int) -> None:
    if start_year > end_year:
        raise ServiceError(CoreError.RANGE_REVERSED, _("The first year must not be after the last year."), field="end_year")
    if end_year - start_year + 1 > MAX_PERIOD_YEARS:
        raise ServiceError(
            MasterplanError.PERIOD_TOO_LONG, _("A masterplan covers at most %(n)d years.") % {"n": MAX_PERIOD_YEARS}, field="end_year"
        )


def _check_unique_start(city: City, start_year: int, *, instance: Masterplan | None) -> None:
    others = city.masterplans.filter(start_year=start_year)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    if others.exists():
        raise ServiceError(
            CoreError.DUPLICATE, _("This city already has a masterplan starting in %(year)s.") % {"year": start_year}, field="start_year"
        )


def _check_year(masterplan: Masterplan, year: int | None) -> None:
    if year is not None and not masterplan.start_year <= year <= masterplan.end_year:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("The year %(year)s is outside the masterplan's period %(start)s–%(end)s.")
            % {"year": year, "start": masterplan.start_year, "end": masterplan.end_year},
            field="year",
        )


def _check_programmes_inside(masterplan: Masterplan, start_year: int, end_year: int) -> None:
    """Shortening the period must not strand programmes outside it."""
    if masterplan.pk is None:
        return
    outside = masterplan.programmes.filter(Q(start_year__lt=start_year) | Q(end_year__gt=end_year)).count()
    if outside:
        raise ServiceError(
            MasterplanError.PROGRAMMES_OUTSIDE_PERIOD,
            _("%(count)d programme(s) would fall outside the period %(start)s–%(end)s: change their years first.")
            % {"count": outside, "start": start_year, "end": end_year},
            field="start_year",
        )


def _check_targets_inside(masterplan: Masterplan, start_year: int, end_year: int) -> None:
    """Shortening the period must not strand targets outside it."""
    if masterplan.pk is None:
        return
    outside = (
        Target.objects.filter(objective__mission__masterplan=masterplan, year__isnull=False)
        .exclude(year__gte=start_year, year__lte=end_year)
        .values_list("year", flat=True)
    )
    years = sorted(set(outside))
    if years:
        raise ServiceError(
            MasterplanError.TARGETS_OUTSIDE_PERIOD,
            _("Targets for %(years)s would fall outside the period %(start)s–%(end)s: change them first.")
            % {"years": ", ".join(map(str, years)), "start": start_year, "end": end_year},
            field="start_year",
        )
