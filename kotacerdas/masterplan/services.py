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
from kotacerdas.cities.services import check_stage_date, city_adopt_stages, city_reach_stage
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve_code
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import UNCHANGED, given, record_create, record_delete, record_update, required_text
from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.error_codes import MasterplanError
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Revision, Target

# The programme's masterplan covers 5–10 years (docs/domain.md §1); another period needs a stated reason.
MIN_PERIOD_YEARS = 5
MAX_PERIOD_YEARS = 10


# --- the masterplan record ------------------------------------------------------------------


@transaction.atomic
def masterplan_create(
    *, actor, city: City, title: str, start_year: int, end_year: int, vision: str = "", period_reason: str = ""
) -> Masterplan:
    """Open a new masterplan (a cycle of the city, 5–10 years unless `period_reason` says why not); it starts as a draft.

    Stages of a cycle the city recorded before any masterplan covered them join this one.
    """
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    title = required_text(title, "title", _("The masterplan needs a title."))
    period_reason = (period_reason or "").strip()
    _check_period(start_year, end_year, period_reason)
    _check_unique_start(city, start_year, instance=None)
    masterplan = record_create(
        actor=actor,
        model=Masterplan,
        data={
            "city": city,
            "title": title,
            "start_year": start_year,
            "end_year": end_year,
            "vision": (vision or "").strip(),
            "period_reason": period_reason,
        },
    )
    city_adopt_stages(actor=actor, city=city, masterplan=masterplan)
    return masterplan


@transaction.atomic
def masterplan_update(
    *,
    actor,
    masterplan: Masterplan,
    title=UNCHANGED,
    start_year=UNCHANGED,
    end_year=UNCHANGED,
    vision=UNCHANGED,
    period_reason=UNCHANGED,
    status=UNCHANGED,
    regulation_number=UNCHANGED,
    regulation_date=UNCHANGED,
) -> Masterplan:
    """Change title, period, vision or status; legalising needs the regulation and a complete plan, and advances its cycle.

    A legalised masterplan changes only while a revision is open (`revision_open`), and stays legalised.
    """
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    fields = given(
        title=title,
        start_year=start_year,
        end_year=end_year,
        vision=vision,
        period_reason=period_reason,
        status=status,
        regulation_number=regulation_number,
        regulation_date=regulation_date,
    )
    was_legalised = masterplan.status == Masterplan.Status.LEGALISED
    if was_legalised:
        check_changeable(masterplan)
        if fields.get("status", Masterplan.Status.LEGALISED) != Masterplan.Status.LEGALISED:
            raise ServiceError(
                MasterplanError.REVISION_REQUIRED,
                _("A legalised masterplan stays legalised: its changes are recorded in a revision."),
                field="status",
            )
    if "title" in fields:
        fields["title"] = required_text(fields["title"], "title", _("The masterplan needs a title."))
    for text_field in ("vision", "regulation_number", "period_reason"):
        if text_field in fields:
            fields[text_field] = (fields[text_field] or "").strip()
    start_year = fields.get("start_year", masterplan.start_year)
    end_year = fields.get("end_year", masterplan.end_year)
    reason = fields.get("period_reason", masterplan.period_reason)
    _check_period(start_year, end_year, reason)
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
        if not was_legalised:
            check_stage_date(date, field="regulation_date", masterplan=masterplan)
            _check_ready_to_legalise(masterplan, fields.get("vision", masterplan.vision), start_year, end_year, reason)
        elif date > timezone.localdate():
            raise ServiceError(CoreError.DATE_IN_FUTURE, _("The regulation date cannot be in the future."), field="regulation_date")
    masterplan = record_update(actor=actor, instance=masterplan, data=fields)
    if masterplan.status == Masterplan.Status.LEGALISED and not was_legalised:
        city_reach_stage(
            actor=actor,
            city=masterplan.city,
            stage=Stage.LEGALISED,
            reached_on=masterplan.regulation_date,
            note=masterplan.regulation_number,
            masterplan=masterplan,
            field="regulation_date",
        )
    return masterplan


@transaction.atomic
def masterplan_legalise(
    *, actor, masterplan: Masterplan, regulation_number: str, regulation_date: datetime.date | None, period_reason=UNCHANGED
) -> Masterplan:
    """Record the regulation (Perwali/Perbup) that legalises the masterplan (`period_reason`: why its period is not 5–10 years)."""
    return masterplan_update(
        actor=actor,
        masterplan=masterplan,
        status=Masterplan.Status.LEGALISED,
        regulation_number=regulation_number or "",
        regulation_date=regulation_date,
        period_reason=period_reason,
    )


def _check_ready_to_legalise(masterplan: Masterplan, vision: str, start_year: int, end_year: int, reason: str) -> None:
    """A masterplan is legalised with its vision, at least one programme and the commitment of its cycle."""
    missing = []
    if not (vision or "").strip():
        missing.append(_("a vision"))
    if not masterplan.programmes.exists():
        missing.append(_("a programme"))
    if not masterplan.stage_events.filter(stage=Stage.COMMITMENT).exists():
        missing.append(_("the signed commitment of its cycle"))
    if missing:
        raise ServiceError(
            MasterplanError.NOT_READY_TO_LEGALISE,
            _("%(plan)s cannot be legalised yet: it lacks %(missing)s.") % {"plan": masterplan, "missing": ", ".join(missing)},
            field="status",
        )
    years = end_year - start_year + 1
    if not MIN_PERIOD_YEARS <= years <= MAX_PERIOD_YEARS and not reason:
        raise ServiceError(
            MasterplanError.PERIOD_OUTSIDE_PROGRAMME,
            _("The programme's masterplan covers %(min)d to %(max)d years, this one %(n)d: say why in “why the period is not 5–10 years”.")
            % {"min": MIN_PERIOD_YEARS, "max": MAX_PERIOD_YEARS, "n": years},
            field="period_reason",
        )


# --- revisions of a legalised masterplan ----------------------------------------------------


def open_revision(masterplan: Masterplan) -> Revision | None:
    return masterplan.revisions.filter(closed_on__isnull=True).first()


def check_changeable(masterplan: Masterplan) -> None:
    """A legalised masterplan's content changes only while a revision is open."""
    if masterplan.status == Masterplan.Status.LEGALISED and open_revision(masterplan) is None:
        raise ServiceError(
            MasterplanError.REVISION_REQUIRED,
            _("%(plan)s is legalised: open a revision to change it (its changes are then recorded with the amending regulation).")
            % {"plan": masterplan},
        )


@transaction.atomic
def revision_open(*, actor, masterplan: Masterplan, reason: str) -> Revision:
    """Open a revision of a legalised masterplan (why); its content may change until the revision is closed."""
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    reason = required_text(reason, "reason", _("Say why the masterplan is revised."))
    if masterplan.status != Masterplan.Status.LEGALISED:
        raise ServiceError(
            MasterplanError.NOT_LEGALISED, _("Only a legalised masterplan is revised; a draft is simply edited."), field="reason"
        )
    if (current := open_revision(masterplan)) is not None:
        raise ServiceError(
            MasterplanError.REVISION_OPEN, _("%(revision)s is still open: close it first.") % {"revision": current}, field="reason"
        )
    number = (masterplan.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return record_create(
        actor=actor,
        model=Revision,
        city=masterplan.city,
        data={"masterplan": masterplan, "number": number, "reason": reason, "opened_on": timezone.localdate()},
    )


@transaction.atomic
def revision_close(*, actor, revision: Revision, regulation_date: datetime.date | None, field: str = "regulation_date") -> Revision:
    """Close a revision by its amending regulation of `regulation_date`: the masterplan is frozen again.

    The regulation itself is an entry of the city's register: `governance.services.amending_regulation_record`
    records or chooses it, calls this, then links it to the revision (`field`: the input that gave the date).
    """
    masterplan = revision.masterplan
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    if not revision.is_open:
        raise ServiceError(MasterplanError.REVISION_CLOSED, _("This revision is already closed."), field=field)
    if regulation_date is None:
        raise ServiceError(CoreError.REQUIRED, _("The amending regulation needs its date."), field=field)
    check_amending_date(masterplan, regulation_date, field=field)
    return record_update(actor=actor, instance=revision, city=masterplan.city, data={"closed_on": timezone.localdate()})


def check_amending_date(masterplan: Masterplan, regulation_date: datetime.date, field: str = "regulation_date") -> None:
    """An amending regulation is dated neither in the future nor before the regulation it amends."""
    if regulation_date > timezone.localdate():
        raise ServiceError(CoreError.DATE_IN_FUTURE, _("The regulation date cannot be in the future."), field=field)
    if masterplan.regulation_date and regulation_date < masterplan.regulation_date:
        raise ServiceError(
            CoreError.REVISION_BEFORE_ORIGINAL,
            _("The amending regulation (%(date)s) cannot predate the regulation it amends (%(original)s).")
            % {"date": regulation_date.isoformat(), "original": masterplan.regulation_date.isoformat()},
            field=field,
        )


# --- missions -------------------------------------------------------------------------------


@transaction.atomic
def mission_create(*, actor, masterplan: Masterplan, text: str, order: int | None = None) -> Mission:
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    check_changeable(masterplan)
    text = required_text(text, "text", _("The mission has no text."))
    if order is None:
        order = _next_order(masterplan.missions.all())
    return record_create(actor=actor, model=Mission, data={"masterplan": masterplan, "text": text, "order": order})


@transaction.atomic
def mission_update(*, actor, mission: Mission, text=UNCHANGED, order=UNCHANGED) -> Mission:
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    check_changeable(mission.masterplan)
    fields = given(text=text, order=order)
    if "text" in fields:
        fields["text"] = required_text(fields["text"], "text", _("The mission has no text."))
    return record_update(actor=actor, instance=mission, data=fields)


@transaction.atomic
def mission_delete(*, actor, mission: Mission) -> None:
    """Delete a mission with its objectives and targets (each audited)."""
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    check_changeable(mission.masterplan)
    for objective in mission.objectives.all():
        _objective_delete(actor, objective)
    record_delete(actor=actor, instance=mission)


@transaction.atomic
def mission_move(*, actor, mission: Mission, offset: int) -> Mission:
    """Move a mission up (-1) or down (+1) among the masterplan's missions."""
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    check_changeable(mission.masterplan)
    reorder(actor=actor, item=mission, siblings=mission.masterplan.missions.all(), offset=offset)
    return mission


# --- objectives -----------------------------------------------------------------------------


@transaction.atomic
def objective_create(*, actor, mission: Mission, text: str, dimension_codes=(), order: int | None = None) -> Objective:
    """A new objective of the mission, serving the smart-city dimensions given by their codes."""
    permissions.ensure(permissions.can_manage_city(actor, mission.masterplan.city), "city.manage")
    check_changeable(mission.masterplan)
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
    check_changeable(objective.mission.masterplan)
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
    check_changeable(objective.mission.masterplan)
    _objective_delete(actor, objective)


@transaction.atomic
def objective_move(*, actor, objective: Objective, offset: int) -> Objective:
    permissions.ensure(permissions.can_manage_city(actor, objective.mission.masterplan.city), "city.manage")
    check_changeable(objective.mission.masterplan)
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
    check_changeable(masterplan)
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
    check_changeable(masterplan)
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
    check_changeable(masterplan)
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


def _check_period(start_year: int, end_year: int, reason: str) -> None:
    if start_year > end_year:
        raise ServiceError(CoreError.RANGE_REVERSED, _("The first year must not be after the last year."), field="end_year")
    if end_year - start_year + 1 > MAX_PERIOD_YEARS and not reason:
        raise ServiceError(
            MasterplanError.PERIOD_TOO_LONG,
            _("A masterplan covers at most %(n)d years: say why this one is longer in “why the period is not 5–10 years”.")
            % {"n": MAX_PERIOD_YEARS},
            field="end_year",
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
