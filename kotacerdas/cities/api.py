"""API of a city's participation: the city, its lifecycle, departments, bodies, stakeholders, commitment.

Mounted at /api/v1/cities; follows docs/api.md. Reads follow `selectors.city_or_404` (the public
sees published cities), every id in a path goes through `core.api.resolve`; each write is one
service call, which checks the permission before it resolves the ids and codes of the body.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kotacerdas.cities import selectors, services
from kotacerdas.cities.models import Body, BodyMember, City, Cohort, Commitment, Opd, Signatory, Stage, Stakeholder
from kotacerdas.core import concurrency
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, resolve, resolve_national, user_of

router = Router(tags=["cities"])
# The programme's cohorts (national, kept by the ministry), mounted at /cohorts.
cohort_router = Router(tags=["cohorts"])

ORDER = Field(0, ge=0, le=32767)
# Choices as inline enums of their stable values (no shared, unprefixed enum component).
StageValue = Literal[tuple(Stage.values)]
BodyKind = Literal[tuple(Body.Kind.values)]
SignatoryKind = Literal[tuple(Signatory.Kind.values)]


# --- schemas: cities and lifecycle ----------------------------------------------------------


class CityOut(Schema):
    """A city in a list, with key counts."""

    code: str
    name: str
    province_code: str
    province_name: str
    cohort_id: int | None
    cohort_name: str = Field(..., description="The cohort's label (its name, else “Tahap III (2019)”); empty without a cohort.")
    cohort_year: int | None = Field(..., description="The cohort's year (derived from `cohort_id`).")
    stage: StageValue
    stage_label: str
    is_published: bool
    is_demo: bool
    opd_count: int
    stakeholder_count: int
    signatory_count: int

    @staticmethod
    def resolve_province_code(obj) -> str:
        return obj.region.parent_id

    @staticmethod
    def resolve_province_name(obj) -> str:
        return obj.region.parent.name

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_cohort_name(obj) -> str:
        return obj.cohort.label if obj.cohort_id else ""

    @staticmethod
    def resolve_opd_count(obj) -> int:
        return obj.n_opds

    @staticmethod
    def resolve_stakeholder_count(obj) -> int:
        return obj.n_stakeholders

    @staticmethod
    def resolve_signatory_count(obj) -> int:
        return obj.n_signatories


class CityPage(Schema):
    count: int
    items: list[CityOut]


class CityFilters(Paging):
    cohort_id: Id | None = Field(None, description="Only the cities of this cohort.")


class CityStageEventOut(Schema):
    id: int
    stage: StageValue
    stage_label: str
    masterplan_id: int | None = Field(
        None,
        description="The masterplan cycle of a stage of a cycle; null for the participation stages (up to the MoU) and for a stage recorded before its cycle's masterplan was opened.",
    )
    reached_on: datetime.date
    note: str

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())


class CityStageEventPage(Schema):
    count: int
    items: list[CityStageEventOut]


class CityDetailOut(Schema):
    """One city: participation, lifecycle and the counts of its records."""

    code: str
    version: int
    name: str
    province_code: str
    province_name: str
    cohort_id: int | None
    cohort_name: str = Field(..., description="The cohort's label (its name, else “Tahap III (2019)”); empty without a cohort.")
    cohort_year: int | None = Field(..., description="The cohort's year (derived from `cohort_id`).")
    invited_on: datetime.date | None
    selected_on: datetime.date | None
    mou_number: str
    mou_date: datetime.date | None
    mou_signatories: str
    stage: StageValue
    stage_label: str
    is_published: bool
    is_demo: bool
    stage_events: list[CityStageEventOut]
    stage_warnings: list[str] = Field(
        ..., description="Advice on the current cycle's stages out of the usual order (accepted, never refused)."
    )
    opd_count: int
    body_count: int
    body_member_count: int
    stakeholder_count: int
    commitment_count: int
    signatory_count: int


class CityIn(Input):
    region_code: str = Field(..., max_length=13, examples=["81.71"])
    cohort_id: Id = Field(..., description="The cohort it was invited to (`GET /cohorts`).")
    invited_on: datetime.date | None = None
    selected_on: datetime.date | None = None
    mou_number: str = Field("", max_length=120)
    mou_date: datetime.date | None = None
    mou_signatories: str = ""
    is_published: bool = False


class CityPatch(Input):
    cohort_id: Id | None = absent()
    invited_on: datetime.date | None = absent()
    selected_on: datetime.date | None = absent()
    mou_number: str = absent(max_length=120)
    mou_date: datetime.date | None = absent()
    mou_signatories: str = absent()
    is_published: bool = absent()


class CityStageIn(Input):
    stage: StageValue = Field(..., examples=["mou"])
    reached_on: datetime.date
    masterplan_id: int | None = Field(
        None, description="The masterplan cycle (stages from `bodies` on); absent: the one whose period the date falls in."
    )
    note: str = Field("", max_length=300)


# --- schemas: departments, bodies, stakeholders ---------------------------------------------


class CityOpdOut(Schema):
    id: int
    version: int
    name: str
    short_name: str
    head_name: str
    head_title: str
    is_leading_sector: bool


class CityOpdPage(Schema):
    count: int
    items: list[CityOpdOut]


class CityOpdFilters(Paging):
    q: str = Field("", max_length=200, description="Text in the name, short name or head's name.")


class CityOpdIn(Input):
    name: str = Field(..., min_length=1, max_length=200)
    short_name: str = Field(..., min_length=1, max_length=40)
    head_name: str = Field("", max_length=150)
    head_title: str = Field("", max_length=150)
    is_leading_sector: bool = False


class CityOpdPatch(Input):
    name: str = absent(min_length=1, max_length=200)
    short_name: str = absent(min_length=1, max_length=40)
    head_name: str = absent(max_length=150)
    head_title: str = absent(max_length=150)
    is_leading_sector: bool = absent()


class CityBodyMemberOut(Schema):
    id: int
    version: int
    name: str
    role: str
    position: str
    organisation: str
    opd_id: int | None
    opd_name: str | None
    order: int

    @staticmethod
    def resolve_opd_name(obj) -> str | None:
        return obj.opd.name if obj.opd_id else None


class CityBodyMemberIn(Input):
    name: str = Field(..., min_length=1, max_length=150)
    role: str = Field(..., min_length=1, max_length=150)
    position: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)
    opd_id: Id | None = None
    order: int = ORDER


class CityBodyMemberPatch(Input):
    name: str = absent(min_length=1, max_length=150)
    role: str = absent(min_length=1, max_length=150)
    position: str = absent(max_length=200)
    organisation: str = absent(max_length=200)
    opd_id: Id | None = absent()
    order: int = absent(ge=0, le=32767)


class CityBodyOut(Schema):
    id: int
    version: int
    kind: BodyKind
    kind_label: str
    name: str
    decree_number: str
    decree_date: datetime.date | None
    member_count: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_member_count(obj) -> int:
        return obj.n_members


class CityBodyPage(Schema):
    count: int
    items: list[CityBodyOut]


class CityBodyDetailOut(CityBodyOut):
    members: list[CityBodyMemberOut]

    @staticmethod
    def resolve_member_count(obj) -> int:
        return len(obj.members.all())

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())


class CityBodyIn(Input):
    kind: BodyKind
    name: str = Field(..., min_length=1, max_length=200)
    decree_number: str = Field("", max_length=120)
    decree_date: datetime.date | None = None


class CityBodyPatch(Input):
    kind: BodyKind = absent()
    name: str = absent(min_length=1, max_length=200)
    decree_number: str = absent(max_length=120)
    decree_date: datetime.date | None = absent()


class CityStakeholderOut(Schema):
    id: int
    version: int
    name: str
    type_code: str
    type_name: str
    contact_person: str
    email: str
    phone: str

    @staticmethod
    def resolve_type_code(obj) -> str:
        return obj.type.code

    @staticmethod
    def resolve_type_name(obj) -> str:
        return obj.type.name


class CityStakeholderPage(Schema):
    count: int
    items: list[CityStakeholderOut]


class CityStakeholderFilters(Paging):
    q: str = Field("", max_length=200, description="Text in the name or the contact person.")
    type_code: str = Field("", max_length=40, description="A stakeholder type code (`/framework` lists them).")


class CityStakeholderIn(Input):
    name: str = Field(..., min_length=1, max_length=200)
    type_code: str = Field(..., max_length=40, examples=["bumn"])
    contact_person: str = Field("", max_length=150)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)


class CityStakeholderPatch(Input):
    name: str = absent(min_length=1, max_length=200)
    type_code: str = absent(max_length=40)
    contact_person: str = absent(max_length=150)
    email: str = absent(max_length=254)
    phone: str = absent(max_length=40)


# --- schemas: commitment --------------------------------------------------------------------


class CitySignatoryOut(Schema):
    id: int
    version: int
    kind: SignatoryKind
    kind_label: str
    name: str
    role: str
    organisation: str
    on_behalf_of: str
    opd_id: int | None
    opd_name: str | None
    stakeholder_id: int | None
    stakeholder_name: str | None
    order: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_opd_name(obj) -> str | None:
        return obj.opd.name if obj.opd_id else None

    @staticmethod
    def resolve_stakeholder_name(obj) -> str | None:
        return obj.stakeholder.name if obj.stakeholder_id else None


class CitySignatoryIn(Input):
    kind: SignatoryKind
    name: str = Field(..., max_length=150)
    role: str = Field(..., max_length=200)
    organisation: str = Field("", max_length=200, description="Empty: the name of the department or stakeholder.")
    on_behalf_of: str = Field("", max_length=200)
    opd_id: Id | None = None
    stakeholder_id: Id | None = None


class CitySignatoryPatch(Input):
    kind: SignatoryKind = absent()
    name: str = absent(max_length=150)
    role: str = absent(max_length=200)
    organisation: str = absent(max_length=200)
    on_behalf_of: str = absent(max_length=200)
    opd_id: Id | None = absent()
    stakeholder_id: Id | None = absent()
    order: int = absent(ge=0, le=32767)


class CityCommitmentOut(Schema):
    id: int
    version: int
    signed_on: datetime.date
    place: str
    text: str
    signatory_count: int

    @staticmethod
    def resolve_signatory_count(obj) -> int:
        return obj.n_signatories


class CityCommitmentPage(Schema):
    count: int
    items: list[CityCommitmentOut]


class CityCommitmentDetailOut(CityCommitmentOut):
    signatories: list[CitySignatoryOut]

    @staticmethod
    def resolve_signatory_count(obj) -> int:
        return len(obj.signatories.all())

    @staticmethod
    def resolve_signatories(obj):
        return list(obj.signatories.all())


class CityCommitmentIn(Input):
    signed_on: datetime.date
    masterplan_id: int | None = Field(
        None, description="The masterplan cycle it commits to; absent: the one whose period the date falls in."
    )
    place: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., min_length=1)
    signatories: list[CitySignatoryIn] = []


class CityCommitmentPatch(Input):
    signed_on: datetime.date = absent()
    place: str = absent(min_length=1, max_length=200)
    text: str = absent(min_length=1)


# --- schemas: cohorts -----------------------------------------------------------------------

COUNT = {"ge": 0, "le": 2**31 - 1}


class CityCohortOut(Schema):
    """One selection of the programme: the published figures and the cities recorded in it."""

    id: int
    version: int
    year: int
    stage_number: int | None = Field(..., description="The programme's stage (tahap), e.g. 3 for 2019; null when unknown.")
    name: str
    label: str = Field(..., description="Its name, else “Tahap III (2019)”, else the year.")
    invited_count: int | None = Field(..., description="Regencies/cities invited, as published; null when unknown.")
    assessed_count: int | None = Field(..., description="Regencies/cities assessed, as published; null when unknown.")
    selected_count: int | None = Field(..., description="Regencies/cities selected, as published; null when unknown.")
    selection_criteria: str
    source_note: str
    city_count: int = Field(..., description="Regencies/cities recorded in the cohort that the caller may see.")

    @staticmethod
    def resolve_city_count(obj) -> int:
        return obj.n_cities


class CityCohortPage(Schema):
    count: int
    items: list[CityCohortOut]


class CityCohortFilters(Paging):
    year: int | None = Field(None, ge=0, le=32767, description="Only the cohorts of this year.")


class CityCohortIn(Input):
    year: int = Field(..., ge=0, le=32767, examples=[2019])
    stage_number: int | None = Field(None, ge=0, le=32767, examples=[3])
    name: str = Field("", max_length=150)
    invited_count: int | None = Field(None, **COUNT)
    assessed_count: int | None = Field(None, **COUNT)
    selected_count: int | None = Field(None, **COUNT)
    selection_criteria: str = ""
    source_note: str = ""


class CityCohortPatch(Input):
    year: int = absent(ge=0, le=32767)
    stage_number: int | None = absent(ge=0, le=32767)
    name: str = absent(max_length=150)
    invited_count: int | None = absent(**COUNT)
    assessed_count: int | None = absent(**COUNT)
    selected_count: int | None = absent(**COUNT)
    selection_criteria: str = absent()
    source_note: str = absent()


# --- helpers --------------------------------------------------------------------------------


def _city(request, code: str) -> City:
    return selectors.city_or_404(user_of(request), code)


def _city_detail(city: City) -> dict:
    lifecycle = selectors.stage_cycles(city)
    return {
        "code": city.code,
        "version": city.version,
        "name": city.name,
        "province_code": city.region.parent_id,
        "province_name": city.region.parent.name,
        "cohort_name": city.cohort.label if city.cohort_id else "",
        **{
            f: getattr(city, f)
            for f in (
                "cohort_id",
                "cohort_year",
                "invited_on",
                "selected_on",
                "mou_number",
                "mou_date",
                "mou_signatories",
                "stage",
                "is_published",
                "is_demo",
            )
        },
        "stage_label": str(city.get_stage_display()),
        "stage_events": lifecycle["events"],
        "stage_warnings": lifecycle["current"]["warnings"] if lifecycle["current"] else [],
        **selectors.city_counts(city),
    }


# --- cities and lifecycle -------------------------------------------------------------------


@router.get("", response={200: CityPage, **ERROR_RESPONSES}, summary="Cities the caller may see, with key counts")
def list_cities(request, filters: Query[CityFilters]):
    return page(selectors.city_summaries(user_of(request), cohort_id=filters.cohort_id), filters)


@router.post("", response={201: CityDetailOut, **ERROR_RESPONSES}, summary="Enrol a regency or city (national admins)")
def create_city(request, payload: CityIn):
    data = payload.dict()
    city = services.city_create(actor=user_of(request), region_code=data.pop("region_code"), **data)
    return Status(201, _city_detail(_city(request, city.code)))


@router.get("/{code}", response={200: CityDetailOut, **ERROR_RESPONSES}, summary="One city: participation, stage, counts")
def get_city(request, code: str):
    return _city_detail(_city(request, code))


@router.patch("/{code}", response={200: CityDetailOut, **ERROR_RESPONSES}, summary="Change participation details")
def update_city(request, code: str, payload: CityPatch):
    city = _city(request, code)
    with concurrency.from_request(request, city):
        city = services.city_update(actor=user_of(request), city=city, **changes(payload))
    return _city_detail(city)


@router.get("/{code}/stages", response={200: CityStageEventPage, **ERROR_RESPONSES}, summary="Stages reached, in order")
def list_city_stages(request, code: str, paging: Query[Paging]):
    return page(_city(request, code).stage_events.all(), paging)


@router.post("/{code}/stages", response={201: CityStageEventOut, **ERROR_RESPONSES}, summary="Record that a stage was reached")
def record_city_stage(request, code: str, payload: CityStageIn):
    return Status(201, services.city_record_stage(actor=user_of(request), city=_city(request, code), **payload.dict()))


class CityStageWhich(Schema):
    masterplan_id: int | None = Field(None, description="The cycle of the stage; absent: the newest cycle that recorded it.")


@router.delete("/{code}/stages/{stage}", response={204: None, **ERROR_RESPONSES}, summary="Remove a wrongly recorded stage")
def delete_city_stage(request, code: str, stage: StageValue, which: Query[CityStageWhich]):
    events = _city(request, code).stage_events.filter(stage=stage).order_by(F("masterplan__start_year").desc(nulls_last=True))
    if which.masterplan_id is not None:
        events = events.filter(masterplan_id=which.masterplan_id)
    event = events.first()
    if event is None:
        raise Http404(_("The stage “%(stage)s” is not recorded for this city.") % {"stage": stage})
    services.stage_event_delete(actor=user_of(request), event=event)
    return Status(204, None)


# --- departments ----------------------------------------------------------------------------


@router.get("/{code}/opds", response={200: CityOpdPage, **ERROR_RESPONSES}, summary="Departments (OPD)")
def list_opds(request, code: str, filters: Query[CityOpdFilters]):
    return page(selectors.opd_list(_city(request, code), filters.q.strip()), filters)


@router.post("/{code}/opds", response={201: CityOpdOut, **ERROR_RESPONSES}, summary="Add a department")
def create_opd(request, code: str, payload: CityOpdIn):
    return Status(201, services.opd_create(actor=user_of(request), city=_city(request, code), **payload.dict()))


@router.get("/{code}/opds/{opd_id}", response={200: CityOpdOut, **ERROR_RESPONSES}, summary="One department")
def get_opd(request, code: str, opd_id: int):
    city = _city(request, code)
    return resolve(Opd, opd_id, city=city, queryset=city.opds.all())


@router.patch("/{code}/opds/{opd_id}", response={200: CityOpdOut, **ERROR_RESPONSES}, summary="Change a department (its operator: its own)")
def update_opd(request, code: str, opd_id: int, payload: CityOpdPatch):
    city = _city(request, code)
    opd = resolve(Opd, opd_id, city=city, queryset=city.opds.all())
    with concurrency.from_request(request, opd):
        return services.opd_update(actor=user_of(request), opd=opd, **changes(payload))


@router.delete("/{code}/opds/{opd_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a department no record uses")
def delete_opd(request, code: str, opd_id: int):
    city = _city(request, code)
    services.opd_delete(actor=user_of(request), opd=resolve(Opd, opd_id, city=city, queryset=city.opds.all()))
    return Status(204, None)


# --- bodies ---------------------------------------------------------------------------------


@router.get("/{code}/bodies", response={200: CityBodyPage, **ERROR_RESPONSES}, summary="Council, implementation team, forum")
def list_bodies(request, code: str, paging: Query[Paging]):
    return page(selectors.body_list(_city(request, code)), paging)


@router.post("/{code}/bodies", response={201: CityBodyDetailOut, **ERROR_RESPONSES}, summary="Add a body")
def create_body(request, code: str, payload: CityBodyIn):
    city = _city(request, code)
    body = services.body_create(actor=user_of(request), city=city, **payload.dict())
    return Status(201, selectors.body_detail(city, body.pk))


@router.get("/{code}/bodies/{body_id}", response={200: CityBodyDetailOut, **ERROR_RESPONSES}, summary="A body with its members")
def get_body(request, code: str, body_id: int):
    return selectors.body_detail(_city(request, code), body_id)


@router.patch("/{code}/bodies/{body_id}", response={200: CityBodyDetailOut, **ERROR_RESPONSES}, summary="Change a body")
def update_body(request, code: str, body_id: int, payload: CityBodyPatch):
    city = _city(request, code)
    body = resolve(Body, body_id, city=city, queryset=city.bodies.all())
    with concurrency.from_request(request, body):
        services.body_update(actor=user_of(request), body=body, **changes(payload))
    return selectors.body_detail(city, body_id)


@router.delete("/{code}/bodies/{body_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a body and its members")
def delete_body(request, code: str, body_id: int):
    city = _city(request, code)
    services.body_delete(actor=user_of(request), body=resolve(Body, body_id, city=city, queryset=city.bodies.all()))
    return Status(204, None)


def _member(request, code: str, body_id: int, member_id: int) -> BodyMember:
    city = _city(request, code)
    body = resolve(Body, body_id, city=city, queryset=city.bodies.all())
    return resolve(BodyMember, member_id, city=city, queryset=body.members.select_related("opd"))


@router.post("/{code}/bodies/{body_id}/members", response={201: CityBodyMemberOut, **ERROR_RESPONSES}, summary="Add a member to a body")
def add_body_member(request, code: str, body_id: int, payload: CityBodyMemberIn):
    city = _city(request, code)
    body = resolve(Body, body_id, city=city, queryset=city.bodies.all())
    return Status(201, services.body_member_add(actor=user_of(request), body=body, **payload.dict()))


@router.patch(
    "/{code}/bodies/{body_id}/members/{member_id}",
    response={200: CityBodyMemberOut, **ERROR_RESPONSES},
    summary="Change a member of a body",
)
def update_body_member(request, code: str, body_id: int, member_id: int, payload: CityBodyMemberPatch):
    member = _member(request, code, body_id, member_id)
    with concurrency.from_request(request, member):
        return services.body_member_update(actor=user_of(request), member=member, **changes(payload))


@router.delete(
    "/{code}/bodies/{body_id}/members/{member_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove a member from a body"
)
def remove_body_member(request, code: str, body_id: int, member_id: int):
    services.body_member_remove(actor=user_of(request), member=_member(request, code, body_id, member_id))
    return Status(204, None)


# --- stakeholders ---------------------------------------------------------------------------


@router.get("/{code}/stakeholders", response={200: CityStakeholderPage, **ERROR_RESPONSES}, summary="Stakeholders")
def list_stakeholders(request, code: str, filters: Query[CityStakeholderFilters]):
    return page(selectors.stakeholder_list(_city(request, code), filters.q.strip(), filters.type_code), filters)


@router.post("/{code}/stakeholders", response={201: CityStakeholderOut, **ERROR_RESPONSES}, summary="Add a stakeholder")
def create_stakeholder(request, code: str, payload: CityStakeholderIn):
    return Status(201, services.stakeholder_create(actor=user_of(request), city=_city(request, code), **payload.dict()))


@router.get("/{code}/stakeholders/{stakeholder_id}", response={200: CityStakeholderOut, **ERROR_RESPONSES}, summary="One stakeholder")
def get_stakeholder(request, code: str, stakeholder_id: int):
    city = _city(request, code)
    return resolve(Stakeholder, stakeholder_id, city=city, queryset=city.stakeholders.select_related("type"))


@router.patch(
    "/{code}/stakeholders/{stakeholder_id}",
    response={200: CityStakeholderOut, **ERROR_RESPONSES},
    summary="Change a stakeholder (a stakeholder account: its own contact details)",
)
def update_stakeholder(request, code: str, stakeholder_id: int, payload: CityStakeholderPatch):
    city = _city(request, code)
    stakeholder = resolve(Stakeholder, stakeholder_id, city=city, queryset=city.stakeholders.select_related("type"))
    with concurrency.from_request(request, stakeholder):
        return services.stakeholder_update(actor=user_of(request), stakeholder=stakeholder, **changes(payload))


@router.delete(
    "/{code}/stakeholders/{stakeholder_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a stakeholder no record uses"
)
def delete_stakeholder(request, code: str, stakeholder_id: int):
    city = _city(request, code)
    services.stakeholder_delete(
        actor=user_of(request), stakeholder=resolve(Stakeholder, stakeholder_id, city=city, queryset=city.stakeholders.all())
    )
    return Status(204, None)


# --- commitment -----------------------------------------------------------------------------


@router.get("/{code}/commitments", response={200: CityCommitmentPage, **ERROR_RESPONSES}, summary="Signed commitments")
def list_commitments(request, code: str, paging: Query[Paging]):
    return page(selectors.commitment_list(_city(request, code)), paging)


@router.post(
    "/{code}/commitments",
    response={201: CityCommitmentDetailOut, **ERROR_RESPONSES},
    summary="Record the commitment with its signatories (all or nothing)",
)
def create_commitment(request, code: str, payload: CityCommitmentIn):
    city = _city(request, code)
    commitment = services.commitment_create(actor=user_of(request), city=city, **payload.dict())
    return Status(201, selectors.commitment_detail(city, commitment.pk))


@router.get(
    "/{code}/commitments/{commitment_id}",
    response={200: CityCommitmentDetailOut, **ERROR_RESPONSES},
    summary="A commitment with its signatories",
)
def get_commitment(request, code: str, commitment_id: int):
    return selectors.commitment_detail(_city(request, code), commitment_id)


@router.patch(
    "/{code}/commitments/{commitment_id}",
    response={200: CityCommitmentDetailOut, **ERROR_RESPONSES},
    summary="Change a commitment's date, place or text",
)
def update_commitment(request, code: str, commitment_id: int, payload: CityCommitmentPatch):
    city = _city(request, code)
    commitment = resolve(Commitment, commitment_id, city=city, queryset=city.commitments.all())
    with concurrency.from_request(request, commitment):
        services.commitment_update(actor=user_of(request), commitment=commitment, **changes(payload))
    return selectors.commitment_detail(city, commitment_id)


@router.delete(
    "/{code}/commitments/{commitment_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a commitment and its signatories"
)
def delete_commitment(request, code: str, commitment_id: int):
    city = _city(request, code)
    services.commitment_delete(
        actor=user_of(request), commitment=resolve(Commitment, commitment_id, city=city, queryset=city.commitments.all())
    )
    return Status(204, None)


def _signatory(request, code: str, commitment_id: int, signatory_id: int) -> Signatory:
    city = _city(request, code)
    commitment = resolve(Commitment, commitment_id, city=city, queryset=city.commitments.all())
    return resolve(Signatory, signatory_id, city=city, queryset=commitment.signatories.select_related("opd", "stakeholder"))


@router.post(
    "/{code}/commitments/{commitment_id}/signatories",
    response={201: CitySignatoryOut, **ERROR_RESPONSES},
    summary="Add a signatory to a commitment",
)
def add_signatory(request, code: str, commitment_id: int, payload: CitySignatoryIn):
    city = _city(request, code)
    commitment = resolve(Commitment, commitment_id, city=city, queryset=city.commitments.all())
    return Status(201, services.signatory_add(actor=user_of(request), commitment=commitment, **payload.dict()))


@router.patch(
    "/{code}/commitments/{commitment_id}/signatories/{signatory_id}",
    response={200: CitySignatoryOut, **ERROR_RESPONSES},
    summary="Change a signatory",
)
def update_signatory(request, code: str, commitment_id: int, signatory_id: int, payload: CitySignatoryPatch):
    signatory = _signatory(request, code, commitment_id, signatory_id)
    with concurrency.from_request(request, signatory):
        return services.signatory_update(actor=user_of(request), signatory=signatory, **changes(payload))


@router.delete(
    "/{code}/commitments/{commitment_id}/signatories/{signatory_id}",
    response={204: None, **ERROR_RESPONSES},
    summary="Remove a signatory from a commitment",
)
def remove_signatory(request, code: str, commitment_id: int, signatory_id: int):
    services.signatory_remove(actor=user_of(request), signatory=_signatory(request, code, commitment_id, signatory_id))
    return Status(204, None)


# --- cohorts (/cohorts) -----------------------------------------------------------------------


def _cohort(request, cohort_id) -> Cohort:
    return resolve_national(Cohort, cohort_id, queryset=selectors.cohort_list(user_of(request)))


@cohort_router.get("", response={200: CityCohortPage, **ERROR_RESPONSES}, summary="The programme's cohorts, oldest first")
def list_cohorts(request, filters: Query[CityCohortFilters]):
    rows = selectors.cohort_list(user_of(request))
    return page(rows if filters.year is None else rows.filter(year=filters.year), filters)


@cohort_router.get("/{cohort_id}", response={200: CityCohortOut, **ERROR_RESPONSES}, summary="One cohort")
def get_cohort(request, cohort_id: Id):
    return _cohort(request, cohort_id)


@cohort_router.post("", response={201: CityCohortOut, **ERROR_RESPONSES}, summary="Record a cohort (the ministry)")
def create_cohort(request, payload: CityCohortIn):
    cohort = services.cohort_create(actor=user_of(request), **payload.dict())
    return Status(201, _cohort(request, cohort.pk))


@cohort_router.patch("/{cohort_id}", response={200: CityCohortOut, **ERROR_RESPONSES}, summary="Change a cohort (the ministry)")
def update_cohort(request, cohort_id: Id, payload: CityCohortPatch):
    cohort = _cohort(request, cohort_id)
    with concurrency.from_request(request, cohort):
        services.cohort_update(actor=user_of(request), cohort=cohort, **changes(payload))
    return _cohort(request, cohort_id)


@cohort_router.delete("/{cohort_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a cohort no city is recorded in")
def delete_cohort(request, cohort_id: Id):
    services.cohort_delete(actor=user_of(request), cohort=_cohort(request, cohort_id))
    return Status(204, None)
