"""Writes to the masterplan record and its vision tree."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.cities.models import City, Stage
from kotacerdas.cities.services import city_reach_stage
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import record_create, record_update
from kotacerdas.masterplan.models import Masterplan

MAX_PERIOD_YEARS = 10


@transaction.atomic
def masterplan_create(*, actor, city: City, title: str, start_year: int, end_year: int, vision: str = "") -> Masterplan:
    """Open a new masterplan (5–10 years) for the city; it starts as a draft."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_period(start_year, end_year)
    return record_create(actor=actor, model=Masterplan, data={
        "city": city, "title": title.strip(), "start_year": start_year, "end_year": end_year, "vision": vision.strip(),
    })


@transaction.atomic
def masterplan_update(*, actor, masterplan: Masterplan, **fields) -> Masterplan:
    """Change title, period, vision or status; legalising needs the regulation and advances the city."""
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    allowed = {"title", "start_year", "end_year", "vision", "status", "regulation_number", "regulation_date"}
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])
    _check_period(fields.get("start_year", masterplan.start_year), fields.get("end_year", masterplan.end_year))
    was_legalised = masterplan.status == Masterplan.Status.LEGALISED
    masterplan = record_update(actor=actor, instance=masterplan, data=fields)
    if masterplan.status == Masterplan.Status.LEGALISED and not was_legalised:
        city_reach_stage(actor=actor, city=masterplan.city, stage=Stage.LEGALISED, reached_on=masterplan.regulation_date)
    return masterplan


def _check_period(start_year: int, end_year: int) -> None:
    if start_year > end_year:
        raise ServiceError("years_reversed", _("The first year must not be after the last year."), field="end_year")
    if end_year - start_year + 1 > MAX_PERIOD_YEARS:
        raise ServiceError("period_too_long", _("A masterplan covers at most %(n)d years.") % {"n": MAX_PERIOD_YEARS}, field="end_year")
