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
from django.utils.translation import ngettext

from kotacerdas.cities.error_codes import CityError
from kotacerdas.cities.models import Body, BodyMember, City, Cohort, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve, resolve_code, resolve_national
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import check_editable, record_create, record_delete, record_update
from kotacerdas.framework.models import StakeholderType
from kotacerdas.regions.models import Level, Region

FIRST_COHORT = 2017
# The programme counts its stages one by one (2019 was its third): room to spare, no more.
MAX_STAGE_NUMBER = 99
# A cycle's work (bodies renewed, bimtek) starts at most this many years before its masterplan's first year
# (Ambon: bimtek 2019 for 2019–2024; the 2025–2029 masterplan drafted in 2024).
YEARS_BEFORE_PLAN = 2
CYCLE_STAGES = [s for s in Stage.values if Stage.of_cycle(s)]
CITY_FIELDS = {"cohort_id", "invited_on", "selected_on", "mou_number", "mou_date", "mou_signatories", "is_published"}


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
    city = record_create(actor=actor, model=City, data={"region": region, **_with_cohort(_stripped(fields))})
    city.refresh_from_db()
    return city


@transaction.atomic
def city_update(*, actor, city: City, **fields) -> City:
    """Change participation details (cohort, invitation, MoU …); the cohort only by the ministry, which selects it."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    check_editable(fields, CITY_FIELDS)
    if "cohort_id" in fields and fields["cohort_id"] != city.cohort_id:
        permissions.ensure(permissions.can_manage_cohorts(actor), "cohort.manage")
    return record_update(actor=actor, instance=city, data=_with_cohort(_stripped(fields)))


@transaction.atomic
def city_record_stage(
    *, actor, city: City, stage: str, reached_on: datetime.date, note: str = "", masterplan_id: int | None = None
) -> StageEvent:
    """Record that the city reached `stage` on a date, in a masterplan cycle for the stages of a cycle.

    The order of the stages is advice: a stage out of the usual order is accepted and shown as a
    warning on the timeline (`selectors.stage_warnings`). Refused: a date in the future, a date
    before the programme began, a stage of a cycle dated before that cycle's work could start.
    """
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_stage(stage)
    masterplan = _masterplan_of(city, masterplan_id) if masterplan_id is not None else None
    return city_reach_stage(actor=actor, city=city, stage=stage, reached_on=reached_on, note=note.strip(), masterplan=masterplan)


@transaction.atomic
def stage_event_delete(*, actor, event: StageEvent) -> None:
    """Remove a wrongly recorded stage; the city's current stage is derived again from what remains."""
    city = event.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    record_delete(actor=actor, instance=event, city=city)
    city_refresh_stage(actor=actor, city=city)


def _check_stage(stage: str) -> None:
    if stage not in Stage.values:
        raise ServiceError(CoreError.INVALID, _("Unknown lifecycle stage: %(stage)s.") % {"stage": stage}, field="stage")


def _masterplan_of(city: City, masterplan_id):
    """A masterplan (cycle) of this city; one of another city answers like one that does not exist."""
    masterplan = city.masterplans.filter(pk=masterplan_id).first() if isinstance(masterplan_id, int) else None
    if masterplan is None:
        raise ServiceError(
            CoreError.UNKNOWN_REFERENCE,
            _("%(city)s has no masterplan with id %(id)s.") % {"city": city.name, "id": str(masterplan_id)[:20]},
            field="masterplan_id",
        )
    return masterplan


def cycle_for(city: City, day: datetime.date):
    """The masterplan cycle a stage of a cycle reached on `day` belongs to, or None (none opened yet).

    The masterplan whose period holds the year, else the newest one whose work had started by then
    (its bimtek come up to `YEARS_BEFORE_PLAN` years before its first year).
    """
    plans = list(city.masterplans.order_by("-start_year"))
    return next((p for p in plans if p.start_year <= day.year <= p.end_year), None) or next(
        (p for p in plans if p.start_year - YEARS_BEFORE_PLAN <= day.year), None
    )


def check_stage_date(day: datetime.date, *, field: str, masterplan=None) -> None:
    """What no stage date may be: in the future, before the programme began (2017), or before its cycle's work could start."""
    if day > timezone.localdate():
        raise ServiceError(
            CoreError.DATE_IN_FUTURE,
            _("A stage can only be recorded once it has been reached: %(date)s is in the future.") % {"date": day.isoformat()},
            field=field,
        )
    if day.year < FIRST_COHORT:
        raise ServiceError(
            CityError.DATE_BEFORE_PROGRAMME,
            _("%(date)s is before the programme began (%(year)d): no city reached a stage then.")
            % {"date": day.isoformat(), "year": FIRST_COHORT},
            field=field,
        )
    if masterplan is not None and day.year < masterplan.start_year - YEARS_BEFORE_PLAN:
        raise ServiceError(
            CityError.DATE_BEFORE_CYCLE,
            _("%(date)s is too early for the masterplan %(start)d–%(end)d: its work starts at the earliest in %(from)d.")
            % {
                "date": day.isoformat(),
                "start": masterplan.start_year,
                "end": masterplan.end_year,
                "from": masterplan.start_year - YEARS_BEFORE_PLAN,
            },
            field=field,
        )


def city_reach_stage(
    *, actor, city: City, stage: str, reached_on: datetime.date, note: str = "", masterplan=None, field: str = "reached_on"
) -> StageEvent:
    """Record a stage reached (also called by other services: a bimtek held, a commitment, a legalisation).

    A stage of a cycle belongs to `masterplan` (given by the caller, e.g. the workshop's masterplan)
    or else to the cycle its date falls in (`cycle_for`); a participation stage to no cycle. The date
    is checked (`check_stage_date`; `field` names it in the caller's terms). Idempotent per stage and
    cycle: reaching it again corrects its date. The city's current stage is derived again.
    """
    _check_stage(stage)
    if not Stage.of_cycle(stage):
        masterplan = None
    elif masterplan is None:
        masterplan = cycle_for(city, reached_on)
    check_stage_date(reached_on, field=field, masterplan=masterplan)
    existing = StageEvent.objects.filter(city=city, stage=stage, masterplan=masterplan).first()
    if existing:
        event = record_update(actor=actor, instance=existing, data={"reached_on": reached_on, "note": note or existing.note})
    else:
        event = record_create(
            actor=actor,
            model=StageEvent,
            data={"city": city, "masterplan": masterplan, "stage": stage, "reached_on": reached_on, "note": note},
        )
    city_refresh_stage(actor=actor, city=city)
    return event


def city_adopt_stages(*, actor, city: City, masterplan) -> None:
    """A newly opened masterplan takes the city's unattached stages of a cycle dated within its reach."""
    for event in city.stage_events.filter(masterplan__isnull=True, stage__in=CYCLE_STAGES).order_by("reached_on"):
        if event.reached_on.year >= masterplan.start_year - YEARS_BEFORE_PLAN:
            record_update(actor=actor, instance=event, data={"masterplan": masterplan})
    city_refresh_stage(actor=actor, city=city)


def city_refresh_stage(*, actor, city: City) -> None:
    """Derive the city's current stage: the furthest stage reached in its newest cycle with a stage
    recorded (else the furthest participation stage). Audited when it changes."""
    events = list(city.stage_events.values_list("stage", "masterplan__start_year"))
    in_cycles = [(start, stage) for stage, start in events if start is not None]
    if in_cycles:
        newest = max(start for start, _stage in in_cycles)
        candidates = [stage for start, stage in in_cycles if start == newest]
    else:
        candidates = [stage for stage, _start in events]
    current = max(candidates, key=Stage.index, default=Stage.INVITED)
    if current != city.stage:
        record_update(actor=actor, instance=city, data={"stage": current})


# --- cohorts (national, kept by the ministry) -----------------------------------------------

# In the order the form shows them.
COHORT_FIELDS = ("year", "stage_number", "name", "invited_count", "assessed_count", "selected_count", "selection_criteria", "source_note")


@transaction.atomic
def cohort_create(*, actor, year: int, **fields) -> Cohort:
    """Record a selection of the programme (year, stage, published counts, criteria, source)."""
    permissions.ensure(permissions.can_manage_cohorts(actor), "cohort.manage")
    check_editable(fields, set(COHORT_FIELDS) - {"year"})
    data = _checked_cohort(None, {"year": year, **_stripped(fields)})
    return record_create(actor=actor, model=Cohort, data=data)


@transaction.atomic
def cohort_update(*, actor, cohort: Cohort, **fields) -> Cohort:
    """Change a cohort; the counts are checked together with those left as they are."""
    permissions.ensure(permissions.can_manage_cohorts(actor), "cohort.manage")
    check_editable(fields, set(COHORT_FIELDS))
    return record_update(actor=actor, instance=cohort, data=_checked_cohort(cohort, _stripped(fields)))


@transaction.atomic
def cohort_delete(*, actor, cohort: Cohort) -> None:
    """Delete a cohort no city is recorded in (refused, `still_linked`, while one is)."""
    permissions.ensure(permissions.can_manage_cohorts(actor), "cohort.manage")
    cities = cohort.cities.count()
    if cities:
        raise ServiceError(
            CoreError.STILL_LINKED,
            ngettext(
                "“%(cohort)s” cannot be deleted: %(count)d regency/city is recorded in it. Move it to another cohort first.",
                "“%(cohort)s” cannot be deleted: %(count)d regencies/cities are recorded in it. Move them to another cohort first.",
                cities,
            )
            % {"cohort": cohort.label, "count": cities},
        )
    record_delete(actor=actor, instance=cohort)


def _checked_cohort(cohort: Cohort | None, data: dict) -> dict:
    """The cohort's fields after the change, checked: year, stage number, counts and their order, uniqueness."""
    merged = {f: getattr(cohort, f) for f in COHORT_FIELDS} if cohort else {}
    merged.update(data)
    last = timezone.localdate().year + 1
    if "year" in data and not (isinstance(data["year"], int) and FIRST_COHORT <= data["year"] <= last):
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("The cohort year must be between %(first)d and %(last)d.") % {"first": FIRST_COHORT, "last": last},
            field="year",
        )
    if data.get("stage_number") is not None and not 1 <= data["stage_number"] <= MAX_STAGE_NUMBER:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("The stage number must be between 1 and %(max)d.") % {"max": MAX_STAGE_NUMBER},
            field="stage_number",
        )
    for field in ("invited_count", "assessed_count", "selected_count"):
        if data.get(field) is not None and data[field] < 0:
            raise ServiceError(CoreError.OUT_OF_RANGE, _("A count cannot be negative."), field=field)
    invited, assessed, selected = (merged.get(f) for f in ("invited_count", "assessed_count", "selected_count"))
    for code, more, fewer, field, message in (
        (
            CityError.COHORT_MORE_SELECTED_THAN_ASSESSED,
            selected,
            assessed,
            "selected_count",
            _("%(more)d selected but only %(fewer)d assessed: no more can be selected than were assessed."),
        ),
        (
            CityError.COHORT_MORE_ASSESSED_THAN_INVITED,
            assessed,
            invited,
            "assessed_count",
            _("%(more)d assessed but only %(fewer)d invited: no more can be assessed than were invited."),
        ),
        (
            CityError.COHORT_MORE_SELECTED_THAN_INVITED,
            selected,
            invited,
            "selected_count",
            _("%(more)d selected but only %(fewer)d invited: no more can be selected than were invited."),
        ),
    ):
        if more is not None and fewer is not None and more > fewer:
            raise ServiceError(code, message % {"more": more, "fewer": fewer}, field=field)
    others = Cohort.objects.exclude(pk=cohort.pk) if cohort else Cohort.objects.all()
    if {"year", "stage_number"} & set(data) and others.filter(year=merged["year"], stage_number=merged.get("stage_number")).exists():
        same = Cohort(year=merged["year"], stage_number=merged.get("stage_number"))
        raise ServiceError(
            CoreError.DUPLICATE,
            _("%(cohort)s is already recorded.") % {"cohort": same.label},
            field="stage_number" if merged.get("stage_number") is not None else "year",
        )
    return data


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
def commitment_create(
    *,
    actor,
    city: City,
    signed_on: datetime.date,
    place: str,
    text: str,
    signatories: list[dict] = (),
    masterplan_id: int | None = None,
) -> Commitment:
    """Record the signed commitment with its signatories; its masterplan cycle reaches the commitment stage.

    The cycle is `masterplan_id` (a masterplan of the city) or else the one its date falls in.
    Each signatory: kind (official/opd/stakeholder), name, role, organisation, and optionally
    on_behalf_of, opd_id, stakeholder_id. All or nothing: one bad signatory writes none.
    """
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    masterplan = _masterplan_of(city, masterplan_id) if masterplan_id is not None else cycle_for(city, signed_on)
    check_stage_date(signed_on, field="signed_on", masterplan=masterplan)
    rows = [_signatory_data(city, index=i, prefix=f"signatories.{i}.", **signatory) for i, signatory in enumerate(signatories)]
    commitment = record_create(
        actor=actor, model=Commitment, data={"city": city, "signed_on": signed_on, "place": place.strip(), "text": text.strip()}
    )
    for order, row in enumerate(rows, start=1):
        record_create(actor=actor, model=Signatory, city=city, data={**row, "commitment": commitment, "order": order})
    city_reach_stage(actor=actor, city=city, stage=Stage.COMMITMENT, reached_on=signed_on, masterplan=masterplan, field="signed_on")
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, **fields) -> Commitment:
    """Correct a commitment's date, place or text (the date is checked like any stage date)."""
    permissions.ensure(permissions.can_manage_city(actor, commitment.city), "city.manage")
    check_editable(fields, {"signed_on", "place", "text"})
    if fields.get("signed_on") is not None:
        check_stage_date(fields["signed_on"], field="signed_on")
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


def _with_cohort(data: dict) -> dict:
    """`cohort_id` of a change turned into the cohort (`None` clears it)."""
    if "cohort_id" in data:
        pk = data.pop("cohort_id")
        data["cohort"] = resolve_national(Cohort, pk, field="cohort_id") if pk is not None else None
    return data


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
