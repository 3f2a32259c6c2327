"""Writes to a city's participation, departments, bodies, stakeholders and commitment."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.errors import Conflict, ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update
from kotacerdas.regions.models import Level, Region

FIRST_COHORT = 2017
CITY_FIELDS = {"cohort_year", "invited_on", "selected_on", "mou_number", "mou_date", "mou_signatories", "is_published"}


# --- participation -------------------------------------------------------------------------

@transaction.atomic
def city_create(*, actor, region_code: str, **fields) -> City:
    """Enrol a regency/city in the programme (national admins)."""
    permissions.ensure(permissions.can_manage_reference(actor), "reference.manage")
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise ServiceError("unknown_region", _("No region with code %(code)s.") % {"code": region_code}, field="region_code")
    if region.level != Level.REGENCY:
        raise ServiceError("not_a_regency", _("%(name)s is not a regency or city: only regencies and cities take part.") % {"name": region.name}, field="region_code")
    if City.objects.filter(region=region).exists():
        raise Conflict("duplicate_city", _("%(name)s already takes part in the programme.") % {"name": region.name}, field="region_code")
    _check_fields(fields, CITY_FIELDS | {"stage", "is_demo"})
    _check_cohort(fields.get("cohort_year"))
    city = record_create(actor=actor, model=City, data={"region": region, **fields})
    city.refresh_from_db()
    return city


@transaction.atomic
def city_update(*, actor, city: City, **fields) -> City:
    """Change participation details (cohort, invitation, MoU …)."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_fields(fields, CITY_FIELDS)
    _check_cohort(fields.get("cohort_year"))
    return record_update(actor=actor, instance=city, data=fields)


@transaction.atomic
def city_record_stage(*, actor, city: City, stage: str, reached_on: datetime.date, note: str = "") -> StageEvent:
    """Record that the city reached `stage` on a date; the current stage is the furthest reached."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    if stage not in Stage.values:
        raise ServiceError("unknown_stage", _("Unknown lifecycle stage: %(stage)s.") % {"stage": stage}, field="stage")
    if reached_on > timezone.localdate():
        raise ServiceError("stage_in_future", _("A stage can only be recorded once it has been reached: %(date)s is in the future.") % {"date": reached_on.isoformat()}, field="reached_on")
    _check_stage_order(city, stage, reached_on)
    return city_reach_stage(actor=actor, city=city, stage=stage, reached_on=reached_on, note=note)


@transaction.atomic
def stage_event_delete(*, actor, event: StageEvent) -> None:
    """Remove a wrongly recorded stage; the city's stage falls back to the furthest one still recorded."""
    city = event.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    record_delete(actor=actor, instance=event, city=city)
    remaining = set(city.stage_events.values_list("stage", flat=True))
    furthest = max(remaining, key=Stage.index, default=Stage.INVITED)
    if furthest != city.stage:
        record_update(actor=actor, instance=city, data={"stage": furthest})


def _check_stage_order(city: City, stage: str, reached_on: datetime.date) -> None:
    """An earlier stage cannot have been reached after a later one."""
    position = Stage.index(stage)
    for other in city.stage_events.exclude(stage=stage):
        earlier = Stage.index(other.stage) < position
        if (earlier and other.reached_on > reached_on) or (not earlier and other.reached_on < reached_on):
            raise ServiceError("stage_out_of_order", _(
                "“%(stage)s” on %(date)s does not fit the stage “%(other)s”, recorded on %(other_date)s."
            ) % {"stage": Stage(stage).label, "date": reached_on.isoformat(), "other": other.get_stage_display(),
                 "other_date": other.reached_on.isoformat()}, field="reached_on")


def city_reach_stage(*, actor, city: City, stage: str, reached_on: datetime.date, note: str = "") -> StageEvent:
    """Advance the lifecycle (also called by other services, e.g. when a bimtek is held).

    Idempotent per stage: reaching a stage again updates its date. Never moves the city backwards.
    """
    if stage not in Stage.values:
        raise ServiceError("unknown_stage", _("Unknown lifecycle stage: %(stage)s.") % {"stage": stage}, field="stage")
    existing = StageEvent.objects.filter(city=city, stage=stage).first()
    if existing:
        event = record_update(actor=actor, instance=existing, data={"reached_on": reached_on, "note": note or existing.note})
    else:
        event = record_create(actor=actor, model=StageEvent, data={"city": city, "stage": stage, "reached_on": reached_on, "note": note})
    if Stage.index(stage) > Stage.index(city.stage):
        record_update(actor=actor, instance=city, data={"stage": stage})
    return event


# --- departments (OPD) ----------------------------------------------------------------------

@transaction.atomic
def opd_create(*, actor, city: City, name: str, short_name: str, head_name: str = "", head_title: str = "", is_leading_sector: bool = False) -> Opd:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_opd_unique(city, name=name, short_name=short_name)
    return record_create(actor=actor, model=Opd, data={
        "city": city, "name": name.strip(), "short_name": short_name.strip(), "head_name": head_name.strip(),
        "head_title": head_title.strip(), "is_leading_sector": is_leading_sector,
    })


@transaction.atomic
def opd_update(*, actor, opd: Opd, **fields) -> Opd:
    """Coordinators change any department; an operator changes their own (not its leading-sector flag)."""
    permissions.ensure(permissions.can_edit_opd(actor, opd), "opd.edit")
    allowed = {"name", "short_name", "head_name", "head_title"}
    if permissions.can_manage_city(actor, opd.city):
        allowed.add("is_leading_sector")
    _check_fields(fields, allowed)
    _check_opd_unique(opd.city, name=fields.get("name"), short_name=fields.get("short_name"), exclude=opd)
    return record_update(actor=actor, instance=opd, data=_stripped(fields))


@transaction.atomic
def opd_delete(*, actor, opd: Opd) -> None:
    permissions.ensure(permissions.can_manage_city(actor, opd.city), "city.manage")
    record_delete(actor=actor, instance=opd)


# --- bodies ---------------------------------------------------------------------------------

@transaction.atomic
def body_create(*, actor, city: City, kind: str, name: str, decree_number: str = "", decree_date=None) -> Body:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_body_unique(city, kind=kind, name=name)
    return record_create(actor=actor, model=Body, data={
        "city": city, "kind": kind, "name": name.strip(), "decree_number": decree_number.strip(), "decree_date": decree_date,
    })


@transaction.atomic
def body_update(*, actor, body: Body, **fields) -> Body:
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    _check_fields(fields, {"kind", "name", "decree_number", "decree_date"})
    _check_body_unique(body.city, kind=fields.get("kind", body.kind), name=fields.get("name", body.name), exclude=body)
    return record_update(actor=actor, instance=body, data=_stripped(fields))


@transaction.atomic
def body_delete(*, actor, body: Body) -> None:
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    record_delete(actor=actor, instance=body)


@transaction.atomic
def body_member_add(*, actor, body: Body, name: str, role: str, position: str = "", organisation: str = "", opd: Opd | None = None, order: int = 0) -> BodyMember:
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    _same_city(opd, body.city)
    return record_create(actor=actor, model=BodyMember, city=body.city, data={
        "body": body, "name": name.strip(), "role": role.strip(), "position": position.strip(),
        "organisation": organisation.strip(), "opd": opd, "order": order,
    })


@transaction.atomic
def body_member_update(*, actor, member: BodyMember, **fields) -> BodyMember:
    permissions.ensure(permissions.can_manage_city(actor, member.body.city), "city.manage")
    _check_fields(fields, {"name", "role", "position", "organisation", "opd", "order"})
    _same_city(fields.get("opd"), member.body.city)
    return record_update(actor=actor, instance=member, data=_stripped(fields), city=member.body.city)


@transaction.atomic
def body_member_remove(*, actor, member: BodyMember) -> None:
    permissions.ensure(permissions.can_manage_city(actor, member.body.city), "city.manage")
    record_delete(actor=actor, instance=member, city=member.body.city)


# --- stakeholders ---------------------------------------------------------------------------

@transaction.atomic
def stakeholder_create(*, actor, city: City, name: str, type, contact_person: str = "", email: str = "", phone: str = "") -> Stakeholder:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_stakeholder_unique(city, name)
    return record_create(actor=actor, model=Stakeholder, data={
        "city": city, "name": name.strip(), "type": type, "contact_person": contact_person.strip(),
        "email": email.strip(), "phone": phone.strip(),
    })


@transaction.atomic
def stakeholder_update(*, actor, stakeholder: Stakeholder, **fields) -> Stakeholder:
    """Coordinators change any stakeholder; a stakeholder account its own contact details."""
    permissions.ensure(permissions.can_edit_stakeholder(actor, stakeholder), "stakeholder.edit")
    allowed = {"contact_person", "email", "phone"}
    if permissions.can_manage_city(actor, stakeholder.city):
        allowed |= {"name", "type"}
    _check_fields(fields, allowed)
    _check_stakeholder_unique(stakeholder.city, fields.get("name"), exclude=stakeholder)
    return record_update(actor=actor, instance=stakeholder, data=_stripped(fields))


@transaction.atomic
def stakeholder_delete(*, actor, stakeholder: Stakeholder) -> None:
    permissions.ensure(permissions.can_manage_city(actor, stakeholder.city), "city.manage")
    record_delete(actor=actor, instance=stakeholder)


# --- commitment -----------------------------------------------------------------------------

@transaction.atomic
def commitment_create(*, actor, city: City, signed_on: datetime.date, place: str, text: str, signatories: list[dict] = ()) -> Commitment:
    """Record the signed commitment with its signatories; the city reaches the commitment stage.

    Each signatory: kind (official/opd/stakeholder), name, role, organisation, and optionally
    on_behalf_of, opd, stakeholder. All or nothing: one bad signatory writes none.
    """
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    commitment = record_create(actor=actor, model=Commitment, data={"city": city, "signed_on": signed_on, "place": place.strip(), "text": text.strip()})
    for order, signatory in enumerate(signatories, start=1):
        _signatory_create(actor=actor, commitment=commitment, order=order, **signatory)
    city_reach_stage(actor=actor, city=city, stage=Stage.COMMITMENT, reached_on=signed_on)
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, **fields) -> Commitment:
    permissions.ensure(permissions.can_manage_city(actor, commitment.city), "city.manage")
    _check_fields(fields, {"signed_on", "place", "text"})
    return record_update(actor=actor, instance=commitment, data=_stripped(fields))


@transaction.atomic
def commitment_delete(*, actor, commitment: Commitment) -> None:
    """Delete a commitment and its signatories (each signatory's removal is audited too)."""
    city = commitment.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    for signatory in commitment.signatories.all():
        record_delete(actor=actor, instance=signatory, city=city)
    record_delete(actor=actor, instance=commitment, city=city)


@transaction.atomic
def signatory_add(*, actor, commitment: Commitment, **fields) -> Signatory:
    permissions.ensure(permissions.can_manage_city(actor, commitment.city), "city.manage")
    order = fields.pop("order", None) or commitment.signatories.count() + 1
    return _signatory_create(actor=actor, commitment=commitment, order=order, **fields)


@transaction.atomic
def signatory_update(*, actor, signatory: Signatory, **fields) -> Signatory:
    city = signatory.commitment.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_fields(fields, {"kind", "name", "role", "organisation", "on_behalf_of", "opd", "stakeholder", "order"})
    if "name" in fields and not (fields["name"] or "").strip():
        raise ServiceError("signatory_without_name", _("Every signatory needs a name."), field="name")
    _same_city(fields.get("opd"), city)
    _same_city(fields.get("stakeholder"), city)
    return record_update(actor=actor, instance=signatory, data=_stripped(fields), city=city)


@transaction.atomic
def signatory_remove(*, actor, signatory: Signatory) -> None:
    permissions.ensure(permissions.can_manage_city(actor, signatory.commitment.city), "city.manage")
    record_delete(actor=actor, instance=signatory, city=signatory.commitment.city)


def _signatory_create(*, actor, commitment: Commitment, order: int, kind: str, name: str, role: str, organisation: str = "",
                      on_behalf_of: str = "", opd: Opd | None = None, stakeholder: Stakeholder | None = None) -> Signatory:
    if not (name or "").strip():
        raise ServiceError("signatory_without_name", _("Signatory %(n)d has no name: every signatory needs a name.") % {"n": order}, field="signatories")
    if kind not in Signatory.Kind.values:
        raise ServiceError("unknown_signatory_kind", _("Signatory %(n)d: unknown kind “%(kind)s”.") % {"n": order, "kind": kind}, field="signatories")
    if not (role or "").strip():
        raise ServiceError("signatory_without_role", _("Signatory %(n)d (%(name)s) has no role.") % {"n": order, "name": name.strip()}, field="signatories")
    _same_city(opd, commitment.city)
    _same_city(stakeholder, commitment.city)
    organisation = (organisation or "").strip() or (opd.name if opd else stakeholder.name if stakeholder else "")
    if not organisation:
        raise ServiceError("signatory_without_organisation", _("Signatory %(n)d (%(name)s) has no organisation.") % {"n": order, "name": name.strip()}, field="signatories")
    return record_create(actor=actor, model=Signatory, city=commitment.city, data={
        "commitment": commitment, "kind": kind, "name": name.strip(), "role": role.strip(),
        "organisation": organisation, "on_behalf_of": (on_behalf_of or "").strip(), "opd": opd,
        "stakeholder": stakeholder, "order": order,
    })


# --- helpers --------------------------------------------------------------------------------

def _check_fields(fields: dict, allowed: set[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])


def _stripped(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _check_cohort(year) -> None:
    """Cohorts started in 2017; a cohort is at most announced for next year."""
    if year is not None and not FIRST_COHORT <= year <= timezone.localdate().year + 1:
        raise ServiceError("invalid_cohort_year", _("The cohort year must be between %(first)d and %(last)d.") % {
            "first": FIRST_COHORT, "last": timezone.localdate().year + 1}, field="cohort_year")


def _check_opd_unique(city: City, *, name: str | None, short_name: str | None, exclude: Opd | None = None) -> None:
    others = city.opds.exclude(pk=exclude.pk) if exclude else city.opds.all()
    if name is not None and (same := others.filter(name__iexact=name.strip()).first()):
        raise Conflict("duplicate_opd", _("%(city)s already has a department named “%(name)s”.") % {"city": city, "name": same.name}, field="name")
    if short_name is not None and (same := others.filter(short_name__iexact=short_name.strip()).first()):
        raise Conflict("duplicate_opd", _("%(city)s already has a department with the short name “%(short)s” (%(name)s).") % {
            "city": city, "short": same.short_name, "name": same.name}, field="short_name")


def _check_body_unique(city: City, *, kind: str, name: str, exclude: Body | None = None) -> None:
    others = city.bodies.exclude(pk=exclude.pk) if exclude else city.bodies.all()
    if same := others.filter(kind=kind, name__iexact=name.strip()).first():
        raise Conflict("duplicate_body", _("%(city)s already has a body named “%(name)s”.") % {"city": city, "name": same.name}, field="name")


def _check_stakeholder_unique(city: City, name: str | None, exclude: Stakeholder | None = None) -> None:
    others = city.stakeholders.exclude(pk=exclude.pk) if exclude else city.stakeholders.all()
    if name is not None and (same := others.filter(name__iexact=name.strip()).first()):
        raise Conflict("duplicate_stakeholder", _("%(city)s already has a stakeholder named “%(name)s”.") % {"city": city, "name": same.name}, field="name")


def _same_city(record, city: City) -> None:
    if record is not None and record.city_id != city.pk:
        raise ServiceError("other_city", _("%(record)s belongs to another city.") % {"record": record}, field=type(record).__name__.lower())
