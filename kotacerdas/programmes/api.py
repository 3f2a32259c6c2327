"""The programme registry API (a public contract, docs/api.md): programmes, their summary by
dimension, quick wins and evidence files.

Bodies refer to national reference data by code (`dimension_code`, `element_code`,
`horizon_code`, `status_code`, a year's `status_code`, a funding share's `source_code`), to regions
by Kemendagri code (`district_code`, `village_code`) and to the city's records by id (`lead_opd_id`,
`supporting_opd_ids`, `origin_output_id`, partners' and funding shares' `stakeholder_id`).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from kotacerdas.bimtek.models import Output
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities.models import Opd, Stakeholder
from kotacerdas.core import concurrency, permissions
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, resolve, resolve_code, resolve_many, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.masterplan.selectors import masterplan_or_404
from kotacerdas.programmes import files, selectors, services
from kotacerdas.programmes.models import Evidence, Programme, ProgrammeStakeholder, QuickWin
from kotacerdas.regions.models import Region

router = Router(tags=["programmes"])

QuickWinStage = Literal[tuple(QuickWin.Stage.values)]
PartnerRole = Literal[tuple(ProgrammeStakeholder.Role.values)]


# --- schemas: answers ---------------------------------------------------------------------


class ProgrammeOut(Schema):
    id: int
    version: int
    name: str
    dimension_code: str
    dimension_name: str
    element_code: str
    element_name: str
    lead_opd_id: int | None
    lead_opd_name: str | None
    horizon_code: str
    horizon_name: str
    start_year: int
    end_year: int
    status_code: str
    status_name: str
    is_quick_win: bool
    budget_total: int


class ProgrammeFundingOut(Schema):
    source_code: str
    source_name: str
    amount: int
    stakeholder_id: int | None
    stakeholder_name: str | None


class ProgrammeYearOut(Schema):
    year: int
    budget: int
    status_code: str | None
    status_name: str | None
    funding: list[ProgrammeFundingOut]


class ProgrammePartnerOut(Schema):
    stakeholder_id: int
    stakeholder_name: str
    role: str
    role_label: str


class ProgrammeStepOut(Schema):
    id: int
    year: int
    description: str
    milestone: str
    opd_id: int | None
    opd_name: str | None


class ProgrammeQuickWinOut(Schema):
    programme_id: int
    programme_name: str
    stage: str
    stage_label: str
    problem: str
    innovation: str
    benefit: str
    partners: str
    risks: str
    timeline: str
    scores: dict[str, int]
    total_score: int


class ProgrammeEvidenceOut(Schema):
    id: int
    description: str
    year: int | None
    file_name: str
    content_type: str
    uploaded_by_name: str | None
    uploaded_at: datetime
    download_url: str


class ProgrammeDetailOut(ProgrammeOut):
    description: str
    problem: str
    person_in_charge: str
    supporting_opd_ids: list[int]
    supporting_opd_names: list[str]
    district_code: str | None
    district_name: str | None
    village_code: str | None
    village_name: str | None
    origin_output_id: int | None
    origin_output_name: str | None
    origin_bimtek_number: int | None
    origin_proposer_name: str | None
    years: list[ProgrammeYearOut]
    partners: list[ProgrammePartnerOut]
    steps: list[ProgrammeStepOut]
    quick_win: ProgrammeQuickWinOut | None
    evidence: list[ProgrammeEvidenceOut]


class ProgrammePage(Schema):
    count: int
    items: list[ProgrammeOut]


class ProgrammeQuickWinPage(Schema):
    count: int
    items: list[ProgrammeQuickWinOut]


class ProgrammeDimensionSummaryOut(Schema):
    dimension_code: str
    dimension_name: str
    programme_count: int
    realised_programme_count: int
    budget: int
    realisation_ratio: float | None


class ProgrammeDimensionSummaryPage(Schema):
    count: int
    items: list[ProgrammeDimensionSummaryOut]


# --- schemas: bodies and filters ----------------------------------------------------------


class ProgrammeFundingIn(Input):
    source_code: str
    amount: int
    stakeholder_id: Id | None = None


class ProgrammeYearIn(Input):
    year: int
    budget: int = 0
    status_code: str | None = None
    funding: list[ProgrammeFundingIn] = Field(
        [], description="The year's funding shares; together they make the budget (400 `funding_not_matching_budget`)."
    )


class ProgrammePartnerIn(Input):
    stakeholder_id: Id
    role: PartnerRole


class ProgrammeStepIn(Input):
    year: int
    description: str
    milestone: str = ""
    opd_id: Id | None = None


class ProgrammeIn(Input):
    name: str
    dimension_code: str
    element_code: str
    horizon_code: str
    status_code: str
    start_year: int
    end_year: int
    description: str = ""
    problem: str = ""
    lead_opd_id: Id | None = None
    supporting_opd_ids: list[Id] = []
    person_in_charge: str = ""
    district_code: str | None = None
    village_code: str | None = None
    is_quick_win: bool = False
    origin_output_id: Id | None = None
    years: list[ProgrammeYearIn] = []
    partners: list[ProgrammePartnerIn] = []
    steps: list[ProgrammeStepIn] = []


class ProgrammePatch(Input):
    name: str = absent()
    dimension_code: str = absent()
    element_code: str = absent()
    horizon_code: str = absent()
    status_code: str = absent()
    start_year: int = absent()
    end_year: int = absent()
    description: str = absent()
    problem: str = absent()
    lead_opd_id: Id | None = absent()
    supporting_opd_ids: list[Id] = absent()
    person_in_charge: str = absent()
    district_code: str | None = absent()
    village_code: str | None = absent()
    is_quick_win: bool = absent()
    origin_output_id: Id | None = absent()
    years: list[ProgrammeYearIn] = absent()
    partners: list[ProgrammePartnerIn] = absent()
    steps: list[ProgrammeStepIn] = absent()


class ProgrammeQuickWinIn(Input):
    problem: str = absent()
    innovation: str = absent()
    benefit: str = absent()
    partners: str = absent()
    risks: str = absent()
    timeline: str = absent()
    scores: dict[str, int] = absent()
    stage: QuickWinStage = absent()


class ProgrammeFilters(Paging):
    dimension_code: str | None = None
    element_code: str | None = None
    opd_id: int | None = None
    horizon_code: str | None = None
    status_code: str | None = None
    funding_source_code: str | None = None
    is_quick_win: bool | None = None
    q: str | None = None


class ProgrammeQuickWinFilters(Paging):
    stage: QuickWinStage | None = None


# --- endpoints ----------------------------------------------------------------------------


@router.get("/{code}/programmes", response={200: ProgrammePage, **ERROR_RESPONSES}, summary="List programmes")
def list_programmes(request, code: str, filters: Query[ProgrammeFilters]):
    """Programmes of the city's current masterplan with their total budget. `opd_id` matches the
    lead and the supporting departments; `funding_source_code` any year's source; `q` searches the texts."""
    _city, masterplan = _scope(request, code)
    wanted = {
        "dimension": filters.dimension_code,
        "element": filters.element_code,
        "opd": filters.opd_id,
        "horizon": filters.horizon_code,
        "status": filters.status_code,
        "funding_source": filters.funding_source_code,
        "quick_win": filters.is_quick_win,
        "q": filters.q,
    }
    rows = selectors.filtered_programmes(masterplan, selectors.parse_filters({k: v for k, v in wanted.items() if v is not None}))
    return page(rows, filters, _summary)


@router.post("/{code}/programmes", response={201: ProgrammeDetailOut, **ERROR_RESPONSES}, summary="Create a programme")
def create_programme(request, code: str, payload: ProgrammeIn):
    """Coordinators create any programme; a department operator only ones its department leads."""
    city, masterplan = _scope(request, code)
    actor = user_of(request)
    # Who may create no programme at all is refused before any id of the body is looked up.
    permissions.ensure(permissions.can_create_programme(actor, city, getattr(actor, "opd", None)), "programme.create")
    fields = _references(city, masterplan, payload.dict())
    with _api_field_names():
        programme = services.programme_create(actor=actor, masterplan=masterplan, **fields)
    return Status(201, _detail(request, city, _programme(city, masterplan, programme.pk)))


@router.get(
    "/{code}/programmes/by-dimension", response={200: ProgrammeDimensionSummaryPage, **ERROR_RESPONSES}, summary="Programmes by dimension"
)
def list_programme_dimension_summaries(request, code: str, paging: Query[Paging]):
    """Per dimension (all six, empty ones too): programmes, realised programmes, realisation ratio and budget."""
    _city, masterplan = _scope(request, code)
    rows = [
        {
            "dimension_code": row["code"],
            "dimension_name": row["name"],
            "programme_count": row["programmes"],
            "realised_programme_count": row["realised"],
            "budget": int(row["budget"]),
            "realisation_ratio": row["realisation_ratio"],
        }
        for row in selectors.summary_by_dimension(masterplan)
    ]
    return page(rows, paging)


@router.get("/{code}/programmes/{programme_id}", response={200: ProgrammeDetailOut, **ERROR_RESPONSES}, summary="One programme")
def get_programme(request, code: str, programme_id: int):
    city, masterplan = _scope(request, code)
    return _detail(request, city, _programme(city, masterplan, programme_id))


@router.patch("/{code}/programmes/{programme_id}", response={200: ProgrammeDetailOut, **ERROR_RESPONSES}, summary="Change a programme")
def update_programme(request, code: str, programme_id: int, payload: ProgrammePatch):
    """Only the fields sent change; `years`, `partners` and `steps`, when sent, replace the existing rows."""
    city, masterplan = _scope(request, code)
    programme = resolve(Programme, programme_id, city=city, queryset=Programme.objects.filter(masterplan=masterplan))
    actor = user_of(request)
    # Who may not change this programme is refused before any id of the body is looked up.
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    fields = _references(city, masterplan, changes(payload))
    with _api_field_names(), concurrency.from_request(request, programme):
        services.programme_update(actor=actor, programme=programme, **fields)
    return _detail(request, city, _programme(city, masterplan, programme.pk))


@router.delete("/{code}/programmes/{programme_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a programme")
def delete_programme(request, code: str, programme_id: int, force: bool = False):
    """A programme still linked (plans, gaps, selected quick win) answers 409 `still_linked` unless a coordinator forces it."""
    city, masterplan = _scope(request, code)
    programme = resolve(Programme, programme_id, city=city, queryset=Programme.objects.filter(masterplan=masterplan))
    services.programme_delete(actor=user_of(request), programme=programme, force=force)
    return Status(204, None)


@router.get(
    "/{code}/programmes/{programme_id}/evidence/{evidence_id}/file",
    response={200: None, **ERROR_RESPONSES},
    summary="Download an evidence file",
    url_name="programme_evidence_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment named as it was uploaded.",
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                    for content_type in sorted(set(files.CONTENT_TYPES.values()))
                },
            }
        }
    },
)
def get_evidence_file(request, code: str, programme_id: int, evidence_id: int):
    """Whoever may see the programme may download its files; elsewhere the file answers 404."""
    city = city_selectors.city_or_404(user_of(request), code)
    evidence = resolve(Evidence, evidence_id, city=city, queryset=Evidence.objects.filter(programme_id=programme_id))
    return files.evidence_response(evidence)


@router.get("/{code}/quick-wins", response={200: ProgrammeQuickWinPage, **ERROR_RESPONSES}, summary="List quick wins")
def list_quick_wins(request, code: str, filters: Query[ProgrammeQuickWinFilters]):
    """Quick-win sheets with their scores, best total first; `stage` filters (candidate, shortlisted, selected)."""
    _city, masterplan = _scope(request, code)
    rows = selectors.quick_wins(masterplan)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    return page(rows, filters, _quick_win)


@router.put(
    "/{code}/programmes/{programme_id}/quick-win",
    response={200: ProgrammeQuickWinOut, **ERROR_RESPONSES},
    summary="Write a quick-win sheet",
)
def replace_quick_win(request, code: str, programme_id: int, payload: ProgrammeQuickWinIn):
    """Mark the programme as a quick win and write its sheet (fields not sent stay as they are);
    `scores` ({criterion code: score}) and `stage` need a coordinator. A refusal changes nothing."""
    city, masterplan = _scope(request, code)
    programme = resolve(Programme, programme_id, city=city, queryset=Programme.objects.filter(masterplan=masterplan))
    services.quick_win_update(actor=user_of(request), programme=programme, **changes(payload))
    return _quick_win(selectors.quick_wins(masterplan).get(programme=programme))


@router.delete("/{code}/programmes/{programme_id}/quick-win", response={204: None, **ERROR_RESPONSES}, summary="No longer a quick win")
def delete_quick_win(request, code: str, programme_id: int):
    city, masterplan = _scope(request, code)
    programme = resolve(Programme, programme_id, city=city, queryset=Programme.objects.filter(masterplan=masterplan))
    services.quick_win_remove(actor=user_of(request), programme=programme)
    return Status(204, None)


# --- helpers ------------------------------------------------------------------------------


def _scope(request, code: str):
    city = city_selectors.city_or_404(user_of(request), code)
    return city, masterplan_or_404(city)


def _programme(city, masterplan, programme_id: int) -> Programme:
    return resolve(Programme, programme_id, city=city, queryset=selectors.programme_details(masterplan))


CODES = {
    "dimension_code": ("dimension", Dimension),
    "element_code": ("element", Element),
    "horizon_code": ("horizon", Horizon),
    "status_code": ("status", ProgrammeStatus),
}
# The service's name of a field → the body's (errors name what the client sent).
API_FIELDS = {
    "dimension": "dimension_code",
    "element": "element_code",
    "horizon": "horizon_code",
    "status": "status_code",
    "lead_opd": "lead_opd_id",
    "supporting_opds": "supporting_opd_ids",
    "district": "district_code",
    "village": "village_code",
    "origin": "origin_output_id",
}


def _references(city, masterplan, data: dict) -> dict:
    """The body with its ids and codes turned into records of this city (400 `unknown_reference`/`unknown_code`)."""
    fields = {}
    for key, value in data.items():
        if key in CODES:
            name, model = CODES[key]
            fields[name] = resolve_code(model, value, field=key)
        elif key == "lead_opd_id":
            fields["lead_opd"] = None if value is None else resolve(Opd, value, city=city, field=key)
        elif key == "supporting_opd_ids":
            fields["supporting_opds"] = resolve_many(Opd, value, city=city, field=key)
        elif key in ("district_code", "village_code"):
            fields[key.removesuffix("_code")] = None if value is None else resolve_code(Region, value, field=key)
        elif key == "origin_output_id":
            outputs = Output.objects.filter(workshop__masterplan=masterplan).select_related("workshop")
            fields["origin"] = None if value is None else resolve(Output, value, city=city, field=key, queryset=outputs)
        elif key == "years":
            fields["years"] = [_year_fields(city, row, i) for i, row in enumerate(value)]
        elif key == "partners":
            fields["partners"] = [
                {
                    "stakeholder": resolve(Stakeholder, row["stakeholder_id"], city=city, field=f"partners.{i}.stakeholder_id"),
                    "role": row["role"],
                }
                for i, row in enumerate(value)
            ]
        elif key == "steps":
            fields["steps"] = [
                {
                    **{k: v for k, v in row.items() if k != "opd_id"},
                    "opd": None if row.get("opd_id") is None else resolve(Opd, row["opd_id"], city=city, field=f"steps.{i}.opd_id"),
                }
                for i, row in enumerate(value)
            ]
        else:
            fields[key] = value
    return fields


def _year_fields(city, row: dict, index: int) -> dict:
    data = {k: v for k, v in row.items() if k not in ("status_code", "funding")}
    code = row.get("status_code")
    data["status"] = None if code is None else resolve_code(ProgrammeStatus, code, field=f"years.{index}.status_code")
    data["funding"] = [
        {
            "source": resolve_code(FundingSource, share["source_code"], field=f"years.{index}.funding.{n}.source_code"),
            "amount": share["amount"],
            "stakeholder": None
            if share.get("stakeholder_id") is None
            else resolve(Stakeholder, share["stakeholder_id"], city=city, field=f"years.{index}.funding.{n}.stakeholder_id"),
        }
        for n, share in enumerate(row.get("funding") or [])
    ]
    return data


@contextmanager
def _api_field_names():
    """A service names the fields it refuses as the model does; the client sent them under the API's names."""
    try:
        yield
    except ServiceError as exc:
        exc.field = API_FIELDS.get(exc.field, exc.field)
        raise


def _summary(p: Programme) -> dict:
    return {
        "id": p.pk,
        "version": p.version,
        "name": p.name,
        "dimension_code": p.dimension.code,
        "dimension_name": p.dimension.name,
        "element_code": p.element.code,
        "element_name": p.element.name,
        "lead_opd_id": p.lead_opd_id,
        "lead_opd_name": p.lead_opd.name if p.lead_opd else None,
        "horizon_code": p.horizon.code,
        "horizon_name": p.horizon.name,
        "start_year": p.start_year,
        "end_year": p.end_year,
        "status_code": p.status.code,
        "status_name": p.status.name,
        "is_quick_win": p.is_quick_win,
        "budget_total": int(p.budget_total or 0),
    }


def _detail(request, city, p: Programme) -> dict:
    origin = p.origin
    sheet = getattr(p, "quick_win", None) if p.is_quick_win else None
    supporting = list(p.supporting_opds.all())
    return {
        **_summary(p),
        "description": p.description,
        "problem": p.problem,
        "person_in_charge": p.person_in_charge,
        "supporting_opd_ids": [o.pk for o in supporting],
        "supporting_opd_names": [o.name for o in supporting],
        "district_code": p.district_id,
        "district_name": p.district.name if p.district else None,
        "village_code": p.village_id,
        "village_name": p.village.name if p.village else None,
        "origin_output_id": p.origin_id,
        "origin_output_name": origin.text.strip().partition("\n")[0] if origin else None,
        "origin_bimtek_number": origin.workshop.number if origin else None,
        "origin_proposer_name": (origin.proposer_name or None) if origin else None,
        "years": [
            {
                "year": y.year,
                "budget": int(y.budget),
                "status_code": y.status.code if y.status else None,
                "status_name": y.status.name if y.status else None,
                "funding": [
                    {
                        "source_code": f.source.code,
                        "source_name": f.source.name,
                        "amount": int(f.amount),
                        "stakeholder_id": f.stakeholder_id,
                        "stakeholder_name": f.stakeholder.name if f.stakeholder else None,
                    }
                    for f in y.funding.all()
                ],
            }
            for y in p.years.all()
        ],
        "partners": [
            {"stakeholder_id": s.stakeholder_id, "stakeholder_name": s.stakeholder.name, "role": s.role, "role_label": s.get_role_display()}
            for s in p.partners.all()
        ],
        "steps": [
            {
                "id": s.pk,
                "year": s.year,
                "description": s.description,
                "milestone": s.milestone,
                "opd_id": s.opd_id,
                "opd_name": s.opd.name if s.opd else None,
            }
            for s in p.steps.all()
        ],
        "quick_win": _quick_win(sheet, programme=p) if sheet else None,
        "evidence": [_evidence(request, city, p, e) for e in p.evidence.all()],
    }


def _evidence(request, city, programme: Programme, e: Evidence) -> dict:
    url = reverse("api-v1:programme_evidence_file", kwargs={"code": city.code, "programme_id": programme.pk, "evidence_id": e.pk})
    return {
        "id": e.pk,
        "description": e.description,
        "year": e.year,
        "file_name": e.original_name,
        "content_type": files.CONTENT_TYPES.get(e.file.name.rsplit(".", 1)[-1].lower(), "application/octet-stream"),
        "uploaded_by_name": (e.uploaded_by.get_full_name() or e.uploaded_by.get_username()) if e.uploaded_by else None,
        "uploaded_at": e.uploaded_at,
        "download_url": request.build_absolute_uri(url),
    }


def _quick_win(sheet, programme=None) -> dict:
    programme = programme or sheet.programme
    scores = {s.criterion.code: s.score for s in sheet.scores.all()}
    return {
        "programme_id": programme.pk,
        "programme_name": programme.name,
        "stage": sheet.stage,
        "stage_label": sheet.get_stage_display(),
        **{f: getattr(sheet, f) for f in services.SHEET_FIELDS},
        "scores": scores,
        "total_score": sum(scores.values()),
    }
