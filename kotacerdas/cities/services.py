"""Writes to a city's participation, departments, bodies, stakeholders and commitment."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.errors import Conflict, ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update
from kotacerdas.regions.models import Level, Region

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
    city = record_create(actor=actor, model=City, data={"region": region, **fields})
    city.refresh_from_db()
    return city


@transaction.atomic
def city_update(*, actor, city: City, **fields) -> City:
    """Change participation details (cohort, invitation, MoU …)."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_fields(fields, CITY_FIELDS)
    return record_update(actor=actor, instance=city, data=fields)


@transaction.atomic
def city_record_stage(*, actor, city: City, stage: str, reached_on: datetime.date, note: str = "") -> StageEvent:
    """Record that the city reached `stage` on a date; the current stage is the furthest reached."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    return city_reach_stage(actor=actor, city=city, stage=stage, reached_on=reached_on, note=note)


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
    return record_update(actor=actor, instance=opd, data=fields)


@transaction.atomic
def opd_delete(*, actor, opd: Opd) -> None:
    permissions.ensure(permissions.can_manage_city(actor, opd.city), "city.manage")
    record_delete(actor=actor, instance=opd)


# --- bodies ---------------------------------------------------------------------------------

@transaction.atomic
def body_create(*, actor, city: City, kind: str, name: str, decree_number: str = "", decree_date=None) -> Body:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    return record_create(actor=actor, model=Body, data={
        "city": city, "kind": kind, "name": name.strip(), "decree_number": decree_number.strip(), "decree_date": decree_date,
    })


@transaction.atomic
def body_update(*, actor, body: Body, **fields) -> Body:
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    _check_fields(fields, {"kind", "name", "decree_number", "decree_date"})
    return record_update(actor=actor, instance=body, data=fields)


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
def body_member_remove(*, actor, member: BodyMember) -> None:
    permissions.ensure(permissions.can_manage_city(actor, member.body.city), "city.manage")
    record_delete(actor=actor, instance=member, city=member.body.city)


# --- stakeholders ---------------------------------------------------------------------------

@transaction.atomic
def stakeholder_create(*, actor, city: City, name: str, type, contact_person: str = "", email: str = "", phone: str = "") -> Stakeholder:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
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
    return record_update(actor=actor, instance=stakeholder, data=fields)


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
    return record_update(actor=actor, instance=commitment, data=fields)


@transaction.atomic
def signatory_add(*, actor, commitment: Commitment, **fields) -> Signatory:
    permissions.ensure(permissions.can_manage_city(actor, commitment.city), "city.manage")
    order = fields.pop("order", None) or commitment.signatories.count() + 1
    return _signatory_create(actor=actor, commitment=commitment, order=order, **fields)


@transaction.atomic
def signatory_remove(*, actor, signatory: Signatory) -> None:
    permissions.ensure(permissions.can_manage_city(actor, signatory.commitment.city), "city.manage")
    record_delete(actor=actor, instance=signatory, city=signatory.commitment.city)


def _signatory_create(*, actor, commitment: Commitment, order: int, kind: str, name: str, role: str, organisation: str = "",
                      on_behalf_of: str = "", opd: Opd | None = None, stakeholder: Stakeholder | None = None) -> Signatory:
    if not (name or "").strip():
        raise ServiceError("signatory_without_name", _("Signatory %(n)d has no name: every signatory needs a name.") % {"n": order}, field="signatories")
    _same_city(opd, commitment.city)
    _same_city(stakeholder, commitment.city)
    if not organisation:
        organisation = (opd.name if opd else stakeholder.name if stakeholder else "")
    return record_create(actor=actor, model=Signatory, city=commitment.city, data={
        "commitment": commitment, "kind": kind, "name": name.strip(), "role": (role or "").strip(),
        "organisation": organisation.strip(), "on_behalf_of": on_behalf_of.strip(), "opd": opd,
        "stakeholder": stakeholder, "order": order,
    })


# --- helpers --------------------------------------------------------------------------------

def _check_fields(fields: dict, allowed: set[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])


def _same_city(record, city: City) -> None:
    if record is not None and record.city_id != city.pk:
        raise ServiceError("other_city", _("%(record)s belongs to another city.") % {"record": record}, field=type(record).__name__.lower())
