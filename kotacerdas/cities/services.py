"""Writes to a city's participation, departments, bodies, stakeholders and commitment.

Every service: permission first, then validation, then writes through `core.services.record_*`.
References to other records arrive as ids (`opd_id`, `stakeholder_id`) or codes (`type_code`,
`region_code`) and are resolved here, after the permission check, within the city: a record of
another city answers like one that does not exist.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.cities.error_codes import CityError
from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve, resolve_code
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import check_editable, record_create, record_delete, record_update
from kotacerdas.framework.models import StakeholderType
from kotacerdas.regions.models import Level, Region

FIRST_COHORT = 2017
CITY_FIELDS = {"cohort_year", "invited_on", "selected_on", "mou_number", "mou_date", "mou_signatories", "is_published"}


# --- participation -------------------------------------------------------------------------


@transaction.atomic
def city_create(*, actor, region_code: str, **fields) -> City:
    """Enrol a regency/city in the programme (national admins)."""
    permissions.ensure(permissions.can_manage_reference(actor), "reference.manage")
    check_editable(fields, CITY_FIELDS | {"stage", "is_demo"})
    region = resolve_code(Region, region_code, field="region_code")
    if region.level != Level.REGENCY:
        raise ServiceError(
            CityError.NOT_A_REGENCY,
            _("%(name)s is not a regency or city: only regencies and cities take part.") % {"name": region.name},
            field="region_code",
        )
    if City.objects.filter(region=region).exists():
        raise ServiceError(
            CoreError.DUPLICATE, _("%(name)s already takes part in the programme.") % {"name": region.name}, field="region_code"
        )
    _check_cohort(fields.get("cohort_year"))
    city = record_create(actor=actor, model=City, data={"region": region, **_stripped(fields)})
    city.refresh_from_db()
    return city


@transaction.atomic
def city_update(*, actor, city: City, **fields) -> City:
    """Change participation details (cohort, invitation, MoU …)."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    check_editable(fields, CITY_FIELDS)
    _check_cohort(fields.get("cohort_year"))
    return record_update(actor=actor, instance=city, data=_stripped(fields))


@transaction.atomic
def city_record_stage(*, actor, city: City, stage: str, reached_on: datetime.date, note: str = "") -> StageEvent:
    """Record that the city reached `stage` on a date; the current stage is the furthest reached."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_stage(stage)
    if reached_on > timezone.localdate():
        raise ServiceError(
            CoreError.DATE_IN_FUTURE,
            _("A stage can only be recorded once it has been reached: %(date)s is in the future.") % {"date": reached_on.isoformat()},
            field="reached_on",
        )
    _check_stage_order(city, stage, reached_on)
    return city_reach_stage(actor=actor, city=city, stage=stage, reached_on=reached_on, note=note.strip())


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


def _check_stage(stage: str) -> None:
    if stage not in Stage.values:
        raise ServiceError(CoreError.INVALID, _("Unknown lifecycle stage: %(stage)s.") % {"stage": stage}, field="stage")


def _check_stage_order(city: City, stage: str, reached_on: datetime.date) -> None:
    """An earlier stage cannot have been reached after a later one."""
    position = Stage.index(stage)
    for other in city.stage_events.exclude(stage=stage):
        earlier = Stage.index(other.stage) < position
        if (earlier and other.reached_on > reached_on) or (not earlier and other.reached_on < reached_on):
            raise ServiceError(
                CityError.STAGE_OUT_OF_ORDER,
                _("“%(stage)s” on %(date)s does not fit the stage “%(other)s”, recorded on %(other_date)s.")
                % {
                    "stage": Stage(stage).label,
                    "date": reached_on.isoformat(),
                    "other": other.get_stage_display(),
                    "other_date": other.reached_on.isoformat(),
                },
                field="reached_on",
            )


def city_reach_stage(*, actor, city: City, stage: str, reached_on: datetime.date, note: str = "") -> StageEvent:
    """Advance the lifecycle (also called by other services, e.g. when a bimtek is held).

    Idempotent per stage: reaching a stage again updates its date. Never moves the city backwards.
    """
    _check_stage(stage)
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
def opd_create(
    *, actor, city: City, name: str, short_name: str, head_name: str = "", head_title: str = "", is_leading_sector: bool = False
) -> Opd:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_opd_unique(city, name=name, short_name=short_name)
    return record_create(
        actor=actor,
        model=Opd,
        data={
            "city": city,
            "name": name.strip(),
            "short_name": short_name.strip(),
            "head_name": head_name.strip(),
            "head_title": head_title.strip(),
            "is_leading_sector": is_leading_sector,
        },
    )


@transaction.atomic
def opd_update(*, actor, opd: Opd, **fields) -> Opd:
    """Coordinators change any department; an operator changes their own (not its leading-sector flag)."""
    permissions.ensure(permissions.can_edit_opd(actor, opd), "opd.edit")
    allowed = {"name", "short_name", "head_name", "head_title"}
    if permissions.can_manage_city(actor, opd.city):
        allowed.add("is_leading_sector")
    check_editable(fields, allowed)
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
    return record_create(
        actor=actor,
        model=Body,
        data={
            "city": city,
            "kind": kind,
            "name": name.strip(),
            "decree_number": decree_number.strip(),
            "decree_date": decree_date,
        },
    )


@transaction.atomic
def body_update(*, actor, body: Body, **fields) -> Body:
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    check_editable(fields, {"kind", "name", "decree_number", "decree_date"})
    _check_body_unique(body.city, kind=fields.get("kind", body.kind), name=fields.get("name", body.name), exclude=body)
    return record_update(actor=actor, instance=body, data=_stripped(fields))


@transaction.atomic
def body_delete(*, actor, body: Body) -> None:
    """Delete a body and its members (each member's removal is audited too)."""
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    for member in body.members.all():
        record_delete(actor=actor, instance=member, city=body.city)
    record_delete(actor=actor, instance=body)


@transaction.atomic
def body_member_add(
    *, actor, body: Body, name: str, role: str, position: str = "", organisation: str = "", opd_id: int | None = None, order: int = 0
) -> BodyMember:
    """Add a member to a body; `opd_id` (optional) names a department of the body's city."""
    permissions.ensure(permissions.can_manage_city(actor, body.city), "city.manage")
    opd = resolve(Opd, opd_id, city=body.city, field="opd_id") if opd_id is not None else None
    return record_create(
        actor=actor,
        model=BodyMember,
        city=body.city,
        data={
            "body": body,
            "name": name.strip(),
            "role": role.strip(),
            "position": position.strip(),
            "organisation": organisation.strip(),
            "opd": opd,
            "order": order,
        },
    )


@transaction.atomic
def body_member_update(*, actor, member: BodyMember, **fields) -> BodyMember:
    city = member.body.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    check_editable(fields, {"name", "role", "position", "organisation", "opd_id", "order"})
    data = _with_references(_stripped(fields), city)
    return record_update(actor=actor, instance=member, data=data, city=city)


@transaction.atomic
def body_member_remove(*, actor, member: BodyMember) -> None:
    permissions.ensure(permissions.can_manage_city(actor, member.body.city), "city.manage")
    record_delete(actor=actor, instance=member, city=member.body.city)


# --- stakeholders ---------------------------------------------------------------------------


@transaction.atomic
def stakeholder_create(
    *, actor, city: City, name: str, type_code: str, contact_person: str = "", email: str = "", phone: str = ""
) -> Stakeholder:
    """Add a stakeholder of a national type (`type_code`: bumn, academia …)."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    stakeholder_type = resolve_code(StakeholderType, type_code, field="type_code")
    _check_stakeholder_unique(city, name)
    return record_create(
        actor=actor,
        model=Stakeholder,
        data={
            "city": city,
            "name": name.strip(),
            "type": stakeholder_type,
            "contact_person": contact_person.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
        },
    )


@transaction.atomic
def stakeholder_update(*, actor, stakeholder: Stakeholder, **fields) -> Stakeholder:
    """Coordinators change any stakeholder; a stakeholder account its own contact details."""
    permissions.ensure(permissions.can_edit_stakeholder(actor, stakeholder), "stakeholder.edit")
    allowed = {"contact_person", "email", "phone"}
    if permissions.can_manage_city(actor, stakeholder.city):
        allowed |= {"name", "type_code"}
    check_editable(fields, allowed)
    data = _stripped(fields)
    if "type_code" in data:
        data["type"] = resolve_code(StakeholderType, data.pop("type_code"), field="type_code")
    _check_stakeholder_unique(stakeholder.city, data.get("name"), exclude=stakeholder)
    return record_update(actor=actor, instance=stakeholder, data=data)


@transaction.atomic
def stakeholder_delete(*, actor, stakeholder: Stakeholder) -> None:
    permissions.ensure(permissions.can_manage_city(actor, stakeholder.city), "city.manage")
    record_delete(actor=actor, instance=stakeholder)


# --- commitment -----------------------------------------------------------------------------


@transaction.atomic
def commitment_create(*, actor, city: City, signed_on: datetime.date, place: str, text: str, signatories: list[dict] = ()) -> Commitment:
    """Record the signed commitment with its signatories; the city reaches the commitment stage.

    Each signatory: kind (official/opd/stakeholder), name, role, organisation, and optionally
    on_behalf_of, opd_id, stakeholder_id. All or nothing: one bad signatory writes none.
    """
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    rows = [_signatory_data(city, index=i, prefix=f"signatories.{i}.", **signatory) for i, signatory in enumerate(signatories)]
    commitment = record_create(
        actor=actor, model=Commitment, data={"city": city, "signed_on": signed_on, "place": place.strip(), "text": text.strip()}
    )
    for order, row in enumerate(rows, start=1):
        record_create(actor=actor, model=Signatory, city=city, data={**row, "commitment": commitment, "order": order})
    city_reach_stage(actor=actor, city=city, stage=Stage.COMMITMENT, reached_on=signed_on)
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, **fields) -> Commitment:
    permissions.ensure(permissions.can_manage_city(actor, commitment.city), "city.manage")
    check_editable(fields, {"signed_on", "place", "text"})
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
def signatory_add(*, actor, commitment: Commitment, order: int | None = None, **fields) -> Signatory:
    """Add a signatory to a commitment, last unless `order` is given."""
    city = commitment.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    data = _signatory_data(city, **fields)
    order = order or commitment.signatories.count() + 1
    return record_create(actor=actor, model=Signatory, city=city, data={**data, "commitment": commitment, "order": order})


@transaction.atomic
def signatory_update(*, actor, signatory: Signatory, **fields) -> Signatory:
    city = signatory.commitment.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    check_editable(fields, {"kind", "name", "role", "organisation", "on_behalf_of", "opd_id", "stakeholder_id", "order"})
    data = _stripped(fields)
    for field, what in (
        ("name", _("Every signatory needs a name.")),
        ("role", _("Every signatory needs a role.")),
        ("organisation", _("Every signatory needs an organisation.")),
    ):
        if field in data and not data[field]:
            raise ServiceError(CoreError.REQUIRED, what, field=field)
    if "kind" in data:
        _check_signatory_kind(data["kind"], field="kind")
    return record_update(actor=actor, instance=signatory, data=_with_references(data, city), city=city)


@transaction.atomic
def signatory_remove(*, actor, signatory: Signatory) -> None:
    permissions.ensure(permissions.can_manage_city(actor, signatory.commitment.city), "city.manage")
    record_delete(actor=actor, instance=signatory, city=signatory.commitment.city)


def _signatory_data(
    city: City,
    *,
    kind: str,
    name: str,
    role: str,
    organisation: str = "",
    on_behalf_of: str = "",
    opd_id: int | None = None,
    stakeholder_id: int | None = None,
    index: int | None = None,
    prefix: str = "",
) -> dict:
    """A signatory's checked fields; `index` (0-based) and `prefix` name it among a commitment's signatories."""
    name, role = (name or "").strip(), (role or "").strip()
    which = _("Signatory %(n)d") % {"n": index + 1} if index is not None else _("The signatory")
    if not name:
        raise ServiceError(
            CoreError.REQUIRED, _("%(which)s has no name: every signatory needs a name.") % {"which": which}, field=f"{prefix}name"
        )
    _check_signatory_kind(kind, field=f"{prefix}kind")
    if not role:
        raise ServiceError(
            CoreError.REQUIRED, _("%(which)s (%(name)s) has no role.") % {"which": which, "name": name}, field=f"{prefix}role"
        )
    opd = resolve(Opd, opd_id, city=city, field=f"{prefix}opd_id") if opd_id is not None else None
    stakeholder = resolve(Stakeholder, stakeholder_id, city=city, field=f"{prefix}stakeholder_id") if stakeholder_id is not None else None
    organisation = (organisation or "").strip() or (opd.name if opd else stakeholder.name if stakeholder else "")
    if not organisation:
        raise ServiceError(
            CoreError.REQUIRED,
            _("%(which)s (%(name)s) has no organisation.") % {"which": which, "name": name},
            field=f"{prefix}organisation",
        )
    return {
        "kind": kind,
        "name": name,
        "role": role,
        "organisation": organisation,
        "on_behalf_of": (on_behalf_of or "").strip(),
        "opd": opd,
        "stakeholder": stakeholder,
    }


def _check_signatory_kind(kind: str, *, field: str) -> None:
    if kind not in Signatory.Kind.values:
        raise ServiceError(CoreError.INVALID, _("Unknown kind of signatory: “%(kind)s”.") % {"kind": kind}, field=field)


# --- helpers --------------------------------------------------------------------------------


def _stripped(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _with_references(data: dict, city: City) -> dict:
    """`opd_id` / `stakeholder_id` of a change turned into the city's records (`None` clears)."""
    for field, model in (("opd_id", Opd), ("stakeholder_id", Stakeholder)):
        if field in data:
            pk = data.pop(field)
            data[field.removesuffix("_id")] = resolve(model, pk, city=city, field=field) if pk is not None else None
    return data


def _check_cohort(year) -> None:
    """Cohorts started in 2017; a cohort is at most announced for next year."""
    if year is not None and not FIRST_COHORT <= year <= timezone.localdate().year + 1:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("The cohort year must be between %(first)d and %(last)d.") % {"first": FIRST_COHORT, "last": timezone.localdate().year + 1},
            field="cohort_year",
        )


def _check_opd_unique(city: City, *, name: str | None, short_name: str | None, exclude: Opd | None = None) -> None:
    others = city.opds.exclude(pk=exclude.pk) if exclude else city.opds.all()
    if name is not None and (same := others.filter(name__iexact=name.strip()).first()):
        raise ServiceError(
            CoreError.DUPLICATE, _("%(city)s already has a department named “%(name)s”.") % {"city": city, "name": same.name}, field="name"
        )
    if short_name is not None and (same := others.filter(short_name__iexact=short_name.strip()).first()):
        raise ServiceError(
            CoreError.DUPLICATE,
            _("%(city)s already has a department with the short name “%(short)s” (%(name)s).")
            % {"city": city, "short": same.short_name, "name": same.name},
            field="short_name",
        )


def _check_body_unique(city: City, *, kind: str, name: str, exclude: Body | None = None) -> None:
    others = city.bodies.exclude(pk=exclude.pk) if exclude else city.bodies.all()
    if same := others.filter(kind=kind, name__iexact=name.strip()).first():
        raise ServiceError(
            CoreError.DUPLICATE, _("%(city)s already has a body named “%(name)s”.") % {"city": city, "name": same.name}, field="name"
        )


def _check_stakeholder_unique(city: City, name: str | None, exclude: Stakeholder | None = None) -> None:
    others = city.stakeholders.exclude(pk=exclude.pk) if exclude else city.stakeholders.all()
    if name is not None and (same := others.filter(name__iexact=name.strip()).first()):
        raise ServiceError(
            CoreError.DUPLICATE, _("%(city)s already has a stakeholder named “%(name)s”.") % {"city": city, "name": same.name}, field="name"
        )
