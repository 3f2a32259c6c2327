"""API of a city's participation: the city, its lifecycle, departments, bodies, stakeholders, commitment.

Mounted at /api/v1/cities. Reads follow `selectors.city_or_404` (the public sees published
cities); writes go through cities.services, whose refusals map to `{code, message, errors}`.
"""
from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from kotacerdas.cities import selectors, services
from kotacerdas.cities.models import Body, City, Signatory, Stage
from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import StakeholderType

router = Router(tags=["cities"])


# --- schemas --------------------------------------------------------------------------------

class CityOut(Schema):
    code: str
    name: str
    province: str = Field(..., alias="region.parent.name")
    cohort_year: int | None
    stage: str
    stage_label: str
    is_published: bool
    is_demo: bool
    n_opds: int
    n_stakeholders: int
    n_signatories: int

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())


class StageEventOut(Schema):
    id: int
    stage: str
    stage_label: str
    reached_on: datetime.date
    note: str

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())


class Counts(Schema):
    opds: int
    bodies: int
    body_members: int
    stakeholders: int
    commitments: int
    signatories: int


class CityDetail(Schema):
    code: str
    name: str
    province: str
    cohort_year: int | None
    invited_on: datetime.date | None
    selected_on: datetime.date | None
    mou_number: str
    mou_date: datetime.date | None
    mou_signatories: str
    stage: str
    stage_label: str
    is_published: bool
    is_demo: bool
    stage_events: list[StageEventOut]
    counts: Counts


class CityIn(Schema):
    region_code: str = Field(..., examples=["81.71"])
    cohort_year: int
    invited_on: datetime.date | None = None
    selected_on: datetime.date | None = None
    mou_number: str = ""
    mou_date: datetime.date | None = None
    mou_signatories: str = ""
    is_published: bool = False


class CityPatch(Schema):
    cohort_year: int | None = None
    invited_on: datetime.date | None = None
    selected_on: datetime.date | None = None
    mou_number: str | None = None
    mou_date: datetime.date | None = None
    mou_signatories: str | None = None
    is_published: bool | None = None


class StageIn(Schema):
    stage: str = Field(..., examples=["mou"])
    reached_on: datetime.date
    note: str = ""


class OpdOut(Schema):
    id: int
    name: str
    short_name: str
    head_name: str
    head_title: str
    is_leading_sector: bool


class OpdIn(Schema):
    name: str
    short_name: str
    head_name: str = ""
    head_title: str = ""
    is_leading_sector: bool = False


class OpdPatch(Schema):
    name: str | None = None
    short_name: str | None = None
    head_name: str | None = None
    head_title: str | None = None
    is_leading_sector: bool | None = None


class MemberOut(Schema):
    id: int
    name: str
    role: str
    position: str
    organisation: str
    opd_id: int | None
    order: int


class MemberIn(Schema):
    name: str
    role: str
    position: str = ""
    organisation: str = ""
    opd_id: int | None = None
    order: int = 0


class MemberPatch(Schema):
    name: str | None = None
    role: str | None = None
    position: str | None = None
    organisation: str | None = None
    opd_id: int | None = None
    order: int | None = None


class BodyOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    decree_number: str
    decree_date: datetime.date | None
    n_members: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class BodyDetail(BodyOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_n_members(obj) -> int:
        return len(obj.members.all())

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.all())


class BodyIn(Schema):
    kind: Body.Kind
    name: str
    decree_number: str = ""
    decree_date: datetime.date | None = None


class BodyPatch(Schema):
    kind: Body.Kind | None = None
    name: str | None = None
    decree_number: str | None = None
    decree_date: datetime.date | None = None


class StakeholderOut(Schema):
    id: int
    name: str
    type: str = Field(..., alias="type.code")
    type_label: str
    contact_person: str
    email: str
    phone: str

    @staticmethod
    def resolve_type_label(obj) -> str:
        return str(obj.type)


class StakeholderIn(Schema):
    name: str
    type: str = Field(..., examples=["bumn"])
    contact_person: str = ""
    email: str = ""
    phone: str = ""


class StakeholderPatch(Schema):
    name: str | None = None
    type: str | None = None
    contact_person: str | None = None
    email: str | None = None
    phone: str | None = None


class SignatoryOut(Schema):
    id: int
    kind: str
    name: str
    role: str
    organisation: str
    on_behalf_of: str
    opd_id: int | None
    stakeholder_id: int | None
    order: int


class SignatoryIn(Schema):
    kind: Signatory.Kind
    name: str
    role: str
    organisation: str = ""
    on_behalf_of: str = ""
    opd_id: int | None = None
    stakeholder_id: int | None = None


class SignatoryPatch(Schema):
    kind: Signatory.Kind | None = None
    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    on_behalf_of: str | None = None
    opd_id: int | None = None
    stakeholder_id: int | None = None
    order: int | None = None


class CommitmentOut(Schema):
    id: int
    signed_on: datetime.date
    place: str
    text: str
    n_signatories: int


class CommitmentDetail(CommitmentOut):
    signatories: list[SignatoryOut]

    @staticmethod
    def resolve_n_signatories(obj) -> int:
        return len(obj.signatories.all())

    @staticmethod
    def resolve_signatories(obj):
        return list(obj.signatories.all())


class CommitmentIn(Schema):
    signed_on: datetime.date
    place: str
    text: str
    signatories: list[SignatoryIn] = []


class CommitmentPatch(Schema):
    signed_on: datetime.date | None = None
    place: str | None = None
    text: str | None = None


# --- helpers --------------------------------------------------------------------------------

def _city(request, code: str) -> City:
    return selectors.city_or_404(user_of(request), code)


def _city_detail(city: City) -> dict:
    return {
        "code": city.code, "name": city.name, "province": city.region.parent.name,
        **{f: getattr(city, f) for f in ("cohort_year", "invited_on", "selected_on", "mou_number", "mou_date",
                                          "mou_signatories", "stage", "is_published", "is_demo")},
        "stage_label": str(city.get_stage_display()),
        "stage_events": list(city.stage_events.all()),
        "counts": selectors.city_counts(city),
    }


def _links(city: City, data: dict) -> dict:
    """Turn `opd_id` / `stakeholder_id` of a payload into the city's own records (400 if unknown)."""
    if "opd_id" in data:
        opd_id = data.pop("opd_id")
        data["opd"] = _own(city.opds, opd_id, "unknown_opd", _("The city has no department with id %(id)s.")) if opd_id else None
    if "stakeholder_id" in data:
        sid = data.pop("stakeholder_id")
        data["stakeholder"] = _own(city.stakeholders, sid, "unknown_stakeholder", _("The city has no stakeholder with id %(id)s.")) if sid else None
    return data


def _own(queryset, pk: int, code: str, message: str):
    record = queryset.filter(pk=pk).first()
    if record is None:
        raise ServiceError(code, message % {"id": pk}, field=code.removeprefix("unknown_") + "_id")
    return record


def _stakeholder_type(code: str) -> StakeholderType:
    found = StakeholderType.objects.filter(code=code).first()
    if found is None:
        raise ServiceError("unknown_stakeholder_type", _("Unknown stakeholder type: %(code)s.") % {"code": code}, field="type")
    return found


def _patch(payload: Schema) -> dict:
    return payload.dict(exclude_unset=True)


# --- cities and lifecycle -------------------------------------------------------------------

@router.get("", response={200: list[CityOut], **ERROR_RESPONSES}, summary="Cities the caller may see")
@paginate(LimitOffsetPagination)
def list_cities(request):
    return selectors.city_summaries(user_of(request))


@router.post("", response={201: CityDetail, **ERROR_RESPONSES}, summary="Enrol a regency or city (national admin)")
def create_city(request, payload: CityIn):
    data = payload.dict()
    city = services.city_create(actor=user_of(request), region_code=data.pop("region_code"), **data)
    return 201, _city_detail(_city(request, city.code))


@router.get("/{code}", response={200: CityDetail, **ERROR_RESPONSES}, summary="One city: participation, stage, counts")
def get_city(request, code: str):
    return _city_detail(_city(request, code))


@router.patch("/{code}", response={200: CityDetail, **ERROR_RESPONSES}, summary="Change participation details")
def update_city(request, code: str, payload: CityPatch):
    city = services.city_update(actor=user_of(request), city=_city(request, code), **_patch(payload))
    return _city_detail(city)


@router.get("/{code}/stages", response={200: list[StageEventOut], **ERROR_RESPONSES}, summary="Stages reached, in order")
def list_stages(request, code: str):
    return list(_city(request, code).stage_events.all())


@router.post("/{code}/stages", response={201: StageEventOut, **ERROR_RESPONSES}, summary="Record that a stage was reached")
def record_stage(request, code: str, payload: StageIn):
    return 201, services.city_record_stage(actor=user_of(request), city=_city(request, code), **payload.dict())


@router.delete("/{code}/stages/{stage}", response={204: None, **ERROR_RESPONSES}, summary="Remove a wrongly recorded stage")
def delete_stage(request, code: str, stage: Stage):
    city = _city(request, code)
    services.stage_event_delete(actor=user_of(request), event=get_object_or_404(city.stage_events, stage=stage))
    return 204, None


# --- departments ----------------------------------------------------------------------------

@router.get("/{code}/opds", response={200: list[OpdOut], **ERROR_RESPONSES}, summary="Departments (OPD)")
@paginate(LimitOffsetPagination)
def list_opds(request, code: str, q: str = ""):
    return selectors.opd_list(_city(request, code), q)


@router.post("/{code}/opds", response={201: OpdOut, **ERROR_RESPONSES}, summary="Add a department")
def create_opd(request, code: str, payload: OpdIn):
    return 201, services.opd_create(actor=user_of(request), city=_city(request, code), **payload.dict())


@router.get("/{code}/opds/{opd_id}", response={200: OpdOut, **ERROR_RESPONSES})
def get_opd(request, code: str, opd_id: int):
    return get_object_or_404(_city(request, code).opds, pk=opd_id)


@router.patch("/{code}/opds/{opd_id}", response={200: OpdOut, **ERROR_RESPONSES}, summary="Change a department (its operator: its own)")
def update_opd(request, code: str, opd_id: int, payload: OpdPatch):
    opd = get_object_or_404(_city(request, code).opds, pk=opd_id)
    return services.opd_update(actor=user_of(request), opd=opd, **_patch(payload))


@router.delete("/{code}/opds/{opd_id}", response={204: None, **ERROR_RESPONSES})
def delete_opd(request, code: str, opd_id: int):
    services.opd_delete(actor=user_of(request), opd=get_object_or_404(_city(request, code).opds, pk=opd_id))
    return 204, None


# --- bodies ---------------------------------------------------------------------------------

@router.get("/{code}/bodies", response={200: list[BodyOut], **ERROR_RESPONSES}, summary="Council, implementation team, forum")
@paginate(LimitOffsetPagination)
def list_bodies(request, code: str):
    return selectors.body_list(_city(request, code))


@router.post("/{code}/bodies", response={201: BodyDetail, **ERROR_RESPONSES})
def create_body(request, code: str, payload: BodyIn):
    city = _city(request, code)
    body = services.body_create(actor=user_of(request), city=city, **payload.dict())
    return 201, selectors.body_detail(city, body.pk)


@router.get("/{code}/bodies/{body_id}", response={200: BodyDetail, **ERROR_RESPONSES}, summary="A body with its members")
def get_body(request, code: str, body_id: int):
    return selectors.body_detail(_city(request, code), body_id)


@router.patch("/{code}/bodies/{body_id}", response={200: BodyDetail, **ERROR_RESPONSES})
def update_body(request, code: str, body_id: int, payload: BodyPatch):
    city = _city(request, code)
    services.body_update(actor=user_of(request), body=get_object_or_404(city.bodies, pk=body_id), **_patch(payload))
    return selectors.body_detail(city, body_id)


@router.delete("/{code}/bodies/{body_id}", response={204: None, **ERROR_RESPONSES})
def delete_body(request, code: str, body_id: int):
    services.body_delete(actor=user_of(request), body=get_object_or_404(_city(request, code).bodies, pk=body_id))
    return 204, None


@router.post("/{code}/bodies/{body_id}/members", response={201: MemberOut, **ERROR_RESPONSES})
def add_member(request, code: str, body_id: int, payload: MemberIn):
    city = _city(request, code)
    body = get_object_or_404(city.bodies, pk=body_id)
    return 201, services.body_member_add(actor=user_of(request), body=body, **_links(city, payload.dict()))


@router.patch("/{code}/bodies/{body_id}/members/{member_id}", response={200: MemberOut, **ERROR_RESPONSES})
def update_member(request, code: str, body_id: int, member_id: int, payload: MemberPatch):
    city = _city(request, code)
    member = get_object_or_404(get_object_or_404(city.bodies, pk=body_id).members, pk=member_id)
    return services.body_member_update(actor=user_of(request), member=member, **_links(city, _patch(payload)))


@router.delete("/{code}/bodies/{body_id}/members/{member_id}", response={204: None, **ERROR_RESPONSES})
def remove_member(request, code: str, body_id: int, member_id: int):
    member = get_object_or_404(get_object_or_404(_city(request, code).bodies, pk=body_id).members, pk=member_id)
    services.body_member_remove(actor=user_of(request), member=member)
    return 204, None


# --- stakeholders ---------------------------------------------------------------------------

@router.get("/{code}/stakeholders", response={200: list[StakeholderOut], **ERROR_RESPONSES}, summary="Stakeholders")
@paginate(LimitOffsetPagination)
def list_stakeholders(request, code: str, q: str = "", type: str = ""):
    return selectors.stakeholder_list(_city(request, code), q, type)


@router.post("/{code}/stakeholders", response={201: StakeholderOut, **ERROR_RESPONSES})
def create_stakeholder(request, code: str, payload: StakeholderIn):
    data = payload.dict()
    data["type"] = _stakeholder_type(data["type"])
    return 201, services.stakeholder_create(actor=user_of(request), city=_city(request, code), **data)


@router.get("/{code}/stakeholders/{stakeholder_id}", response={200: StakeholderOut, **ERROR_RESPONSES})
def get_stakeholder(request, code: str, stakeholder_id: int):
    return get_object_or_404(_city(request, code).stakeholders.select_related("type"), pk=stakeholder_id)


@router.patch("/{code}/stakeholders/{stakeholder_id}", response={200: StakeholderOut, **ERROR_RESPONSES},
              summary="Change a stakeholder (a stakeholder account: its own contact details)")
def update_stakeholder(request, code: str, stakeholder_id: int, payload: StakeholderPatch):
    stakeholder = get_object_or_404(_city(request, code).stakeholders, pk=stakeholder_id)
    data = _patch(payload)
    if "type" in data:
        data["type"] = _stakeholder_type(data["type"])
    return services.stakeholder_update(actor=user_of(request), stakeholder=stakeholder, **data)


@router.delete("/{code}/stakeholders/{stakeholder_id}", response={204: None, **ERROR_RESPONSES})
def delete_stakeholder(request, code: str, stakeholder_id: int):
    stakeholder = get_object_or_404(_city(request, code).stakeholders, pk=stakeholder_id)
    services.stakeholder_delete(actor=user_of(request), stakeholder=stakeholder)
    return 204, None


# --- commitment -----------------------------------------------------------------------------

@router.get("/{code}/commitments", response={200: list[CommitmentOut], **ERROR_RESPONSES}, summary="Signed commitments")
@paginate(LimitOffsetPagination)
def list_commitments(request, code: str):
    return selectors.commitment_list(_city(request, code))


@router.post("/{code}/commitments", response={201: CommitmentDetail, **ERROR_RESPONSES},
             summary="Record the commitment with its signatories (all or nothing)")
def create_commitment(request, code: str, payload: CommitmentIn):
    city = _city(request, code)
    data = payload.dict()
    signatories = [_links(city, s) for s in data.pop("signatories")]
    commitment = services.commitment_create(actor=user_of(request), city=city, signatories=signatories, **data)
    return 201, selectors.commitment_detail(city, commitment.pk)


@router.get("/{code}/commitments/{commitment_id}", response={200: CommitmentDetail, **ERROR_RESPONSES})
def get_commitment(request, code: str, commitment_id: int):
    return selectors.commitment_detail(_city(request, code), commitment_id)


@router.patch("/{code}/commitments/{commitment_id}", response={200: CommitmentDetail, **ERROR_RESPONSES})
def update_commitment(request, code: str, commitment_id: int, payload: CommitmentPatch):
    city = _city(request, code)
    commitment = get_object_or_404(city.commitments, pk=commitment_id)
    services.commitment_update(actor=user_of(request), commitment=commitment, **_patch(payload))
    return selectors.commitment_detail(city, commitment_id)


@router.delete("/{code}/commitments/{commitment_id}", response={204: None, **ERROR_RESPONSES})
def delete_commitment(request, code: str, commitment_id: int):
    services.commitment_delete(actor=user_of(request), commitment=get_object_or_404(_city(request, code).commitments, pk=commitment_id))
    return 204, None


@router.post("/{code}/commitments/{commitment_id}/signatories", response={201: SignatoryOut, **ERROR_RESPONSES})
def add_signatory(request, code: str, commitment_id: int, payload: SignatoryIn):
    city = _city(request, code)
    commitment = get_object_or_404(city.commitments, pk=commitment_id)
    return 201, services.signatory_add(actor=user_of(request), commitment=commitment, **_links(city, payload.dict()))


@router.patch("/{code}/commitments/{commitment_id}/signatories/{signatory_id}", response={200: SignatoryOut, **ERROR_RESPONSES})
def update_signatory(request, code: str, commitment_id: int, signatory_id: int, payload: SignatoryPatch):
    city = _city(request, code)
    signatory = get_object_or_404(get_object_or_404(city.commitments, pk=commitment_id).signatories, pk=signatory_id)
    return services.signatory_update(actor=user_of(request), signatory=signatory, **_links(city, _patch(payload)))


@router.delete("/{code}/commitments/{commitment_id}/signatories/{signatory_id}", response={204: None, **ERROR_RESPONSES})
def remove_signatory(request, code: str, commitment_id: int, signatory_id: int):
    signatory = get_object_or_404(get_object_or_404(_city(request, code).commitments, pk=commitment_id).signatories, pk=signatory_id)
    services.signatory_remove(actor=user_of(request), signatory=signatory)
    return 204, None
