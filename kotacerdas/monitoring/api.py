"""API: indicators, targets, realised values with evidence, verification, progress and reference codes (docs/api.md)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency, permissions
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, resolve, user_of
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.masterplan.selectors import masterplan_or_404
from kotacerdas.monitoring import selectors, services
from kotacerdas.monitoring.models import Indicator, Realisation, RealisationEvidence, ReferenceIndicator
from kotacerdas.monitoring.values import display
from kotacerdas.programmes import files
from kotacerdas.programmes.models import Programme

router = Router(tags=["monitoring"])

Kind = Literal[tuple(Indicator.Kind.values)]
ValueType = Literal[tuple(Indicator.ValueType.values)]
Direction = Literal[tuple(Indicator.Direction.values)]
RealisationStatus = Literal[tuple(Realisation.Status.values)]
Framework = Literal[tuple(ReferenceIndicator.Framework.values)]
YEAR = {"ge": 1945, "le": 2100}
# A value: a number, or text such as "1.234,5" or "75%" (Indonesian formats), "ya"/"tidak", or free text for a text indicator.
Value = Decimal | bool | str


# --- schemas --------------------------------------------------------------------------------


class MonitoringReferenceOut(Schema):
    framework: str
    framework_label: str
    code: str
    name: str
    name_en: str
    source: str


class MonitoringReferencePage(Schema):
    count: int
    items: list[MonitoringReferenceOut]


class MonitoringTargetOut(Schema):
    year: int
    value_number: Decimal | None
    value_text: str
    display: str


class MonitoringEvidenceOut(Schema):
    id: int
    file_name: str
    url: str = Field(description="A link given as evidence (empty for a file).")
    description: str
    uploaded_by_name: str | None
    uploaded_at: datetime
    download_url: str | None = Field(description="Where an uploaded file is downloaded (null for a link).")


class MonitoringRealisationOut(Schema):
    id: int
    version: int
    indicator_id: int
    indicator_name: str
    programme_id: int
    programme_name: str
    year: int
    value_number: Decimal | None
    value_text: str
    display: str
    note: str
    status: str
    status_label: str
    entered_by_name: str | None
    entered_at: datetime | None
    reviewed_by_name: str | None
    reviewed_at: datetime | None
    return_reason: str
    target_met: bool | None
    evidence: list[MonitoringEvidenceOut]


class MonitoringRealisationPage(Schema):
    count: int
    items: list[MonitoringRealisationOut]


class MonitoringIndicatorOut(Schema):
    id: int
    version: int
    programme_id: int
    kind: str
    kind_label: str
    name: str
    value_type: str
    value_type_label: str
    unit: str
    direction: str
    direction_label: str
    baseline_number: Decimal | None
    baseline_text: str
    baseline_year: int | None
    reference_codes: list[str] = Field(description="`framework:code`, e.g. `sdg:11.6.1`.")
    order: int
    targets: list[MonitoringTargetOut]
    realisations: list[MonitoringRealisationOut]


class MonitoringIndicatorPage(Schema):
    count: int
    items: list[MonitoringIndicatorOut]


class MonitoringIndicatorIn(Input):
    name: str
    kind: Kind = "output"
    value_type: ValueType = "number"
    unit: str = ""
    direction: Direction = "higher"
    baseline: Value | None = None
    baseline_year: int | None = Field(None, **YEAR)
    reference_codes: list[str] = Field([], description="`framework:code`, e.g. `sdg:11.6.1` (see indicator-codes).")
    order: int | None = Field(None, ge=0, le=32767)


class MonitoringIndicatorPatch(Input):
    name: str = absent()
    kind: Kind = absent()
    value_type: ValueType = absent()
    unit: str = absent()
    direction: Direction = absent()
    baseline: Value | None = absent()
    baseline_year: int | None = absent(**YEAR)
    reference_codes: list[str] = absent()
    order: int = absent(ge=0, le=32767)


class MonitoringTargetIn(Input):
    year: int = Field(..., **YEAR)
    value: Value | None = Field(description="Blank or null removes the year's target.")


class MonitoringTargetsIn(Input):
    targets: list[MonitoringTargetIn]


class MonitoringTargetPage(Schema):
    count: int
    items: list[MonitoringTargetOut]


class MonitoringRealisationIn(Input):
    year: int = Field(..., **YEAR)
    value: Value
    note: str = ""
    links: list[str] = Field([], description="Web addresses (http, https) given as evidence.")


class MonitoringRealisationPatch(Input):
    value: Value = absent()
    note: str = absent()
    links: list[str] = absent(description="Links to add as evidence.")


class MonitoringReturnIn(Input):
    reason: str


class MonitoringRealisationFilters(Paging):
    status: RealisationStatus | None = None
    programme_id: Id | None = None
    year: int | None = Field(None, **YEAR)


class MonitoringElementRatioOut(Schema):
    code: str
    name: str
    name_en: str
    ratio: Decimal | None = Field(description="Percentage with two decimals (null when there is no programme).")
    numerator: int
    denominator: int


class MonitoringDimensionRatioOut(MonitoringElementRatioOut):
    elements: list[MonitoringElementRatioOut]


class MonitoringProgressOut(Schema):
    year: int | None
    definition: str
    ratio: Decimal | None
    numerator: int
    denominator: int
    dimensions: list[MonitoringDimensionRatioOut]


class MonitoringBudgetRowOut(Schema):
    year: int
    funding_source_code: str | None
    funding_source_name: str | None
    planned: int
    realised: int | None = Field(description="None where a year mixes this source with others: its realised budget is not split by source.")
    ratio: Decimal | None


class MonitoringBudgetOut(Schema):
    planned: int
    realised: int
    ratio: Decimal | None
    count: int
    items: list[MonitoringBudgetRowOut]


class MonitoringBudgetIn(Input):
    amount: int | None = Field(..., ge=0, le=10**18 - 1, description="Whole Rupiah; null removes the record.")
    note: str = ""


class MonitoringBudgetRealisationOut(Schema):
    programme_id: int
    year: int
    version: int | None = Field(description="The realised budget's version (the `ETag`); null while none is recorded.")
    planned: int
    realised: int | None
    note: str


# --- helpers --------------------------------------------------------------------------------


def _scope(request, code: str):
    city = city_selectors.city_or_404(user_of(request), code)
    return city, masterplan_or_404(city)


def _programme(city, masterplan, programme_id):
    return resolve(Programme, programme_id, city=city, queryset=Programme.objects.filter(masterplan=masterplan))


def _indicator(city, indicator_id):
    return resolve(Indicator, indicator_id, city=city, queryset=Indicator.objects.select_related("programme__masterplan__city"))


def _realisation(city, realisation_id):
    return resolve(
        Realisation, realisation_id, city=city, queryset=Realisation.objects.select_related("indicator__programme__masterplan__city")
    )


def _references(codes: list[str]) -> list[ReferenceIndicator]:
    out = []
    for text in codes:
        framework, _sep, code = str(text).partition(":")
        found = ReferenceIndicator.objects.filter(framework=framework, code=code).first()
        if found is None:
            raise ServiceError(
                CoreError.UNKNOWN_CODE,
                _("Unknown indicator code “%(code)s” (use framework:code, e.g. sdg:11.6.1).") % {"code": str(text)[:60]},
                field="reference_codes",
            )
        out.append(found)
    return out


def _value(value):
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return value


def _indicator_fields(fields: dict) -> dict:
    if "reference_codes" in fields:
        fields["references"] = _references(fields.pop("reference_codes") or [])
    if "baseline" in fields:
        fields["baseline"] = _value(fields["baseline"])
    if fields.get("order", 0) is None:
        fields.pop("order")
    return fields


def _evidence_out(city, realisation, e) -> dict:
    return {
        "id": e.pk,
        "file_name": e.original_name,
        "url": e.url,
        "description": e.description,
        "uploaded_by_name": (e.uploaded_by.get_full_name() or e.uploaded_by.username) if e.uploaded_by else None,
        "uploaded_at": e.uploaded_at,
        "download_url": reverse(
            "api-v1:get_realisation_evidence_file", kwargs={"code": city.code, "realisation_id": realisation.pk, "evidence_id": e.pk}
        )
        if e.file
        else None,
    }


def _person(user):
    return (user.get_full_name() or user.username) if user else None


def _realisation_out(city, r, indicator=None, target=None) -> dict:
    indicator = indicator or r.indicator
    return {
        "id": r.pk,
        "version": r.version,
        "indicator_id": indicator.pk,
        "indicator_name": indicator.name,
        "programme_id": indicator.programme_id,
        "programme_name": indicator.programme.name,
        "year": r.year,
        "value_number": r.value_number,
        "value_text": r.value_text,
        "display": display(indicator, r.value_number, r.value_text),
        "note": r.note,
        "status": r.status,
        "status_label": r.get_status_display(),
        "entered_by_name": _person(r.entered_by),
        "entered_at": r.entered_at,
        "reviewed_by_name": _person(r.reviewed_by),
        "reviewed_at": r.reviewed_at,
        "return_reason": r.return_reason,
        "target_met": selectors.met(indicator, target, r),
        "evidence": [_evidence_out(city, r, e) for e in r.evidence.all()],
    }


def _indicator_out(city, i: Indicator) -> dict:
    targets = {t.year: t for t in i.targets.all()}
    return {
        "id": i.pk,
        "version": i.version,
        "programme_id": i.programme_id,
        "kind": i.kind,
        "kind_label": i.get_kind_display(),
        "name": i.name,
        "value_type": i.value_type,
        "value_type_label": i.get_value_type_display(),
        "unit": i.unit,
        "direction": i.direction,
        "direction_label": i.get_direction_display(),
        "baseline_number": i.baseline_number,
        "baseline_text": i.baseline_text,
        "baseline_year": i.baseline_year,
        "reference_codes": [f"{r.framework}:{r.code}" for r in i.references.all()],
        "order": i.order,
        "targets": [_target_out(i, t) for t in targets.values()],
        "realisations": [_realisation_out(city, r, indicator=i, target=targets.get(r.year)) for r in i.realisations.all()],
    }


def _target_out(indicator, t) -> dict:
    return {
        "year": t.year,
        "value_number": t.value_number,
        "value_text": t.value_text,
        "display": display(indicator, t.value_number, t.value_text),
    }


def _fresh_indicator(city, programme, indicator_id) -> dict:
    indicator = next(i for i in selectors.programme_indicators(programme) if i.pk == indicator_id)
    return _indicator_out(city, indicator)


def _fresh_realisation(city, realisation_id) -> dict:
    r = selectors.realisations_with_details(city).get(pk=realisation_id)
    return _realisation_out(city, r, target=_target_of(r))


def _target_of(r):
    return next((t for t in r.indicator.targets.all() if t.year == r.year), None)


# --- reference codes, progress -----------------------------------------------------------------


@router.get("/{code}/indicator-codes", response={200: MonitoringReferencePage, **ERROR_RESPONSES}, summary="Search indicator codes")
def list_indicator_codes(request, code: str, paging: Query[Paging], q: str = "", framework: Framework | None = None):
    """Reference codes of ISO 37120/37122, ITU U4SSC KPIs and the UN SDGs (national reference data), searched by code or name."""
    city_selectors.city_or_404(user_of(request), code)
    rows = selectors.search_reference_indicators(q.strip()[:100], framework or "")
    return page(
        rows,
        paging,
        lambda r: {
            "framework": r.framework,
            "framework_label": r.get_framework_display(),
            "code": r.code,
            "name": r.name,
            "name_en": r.name_en,
            "source": r.source,
        },
    )


@router.get("/{code}/progress", response={200: MonitoringProgressOut, **ERROR_RESPONSES}, summary="Realisation ratio of the city")
def get_city_progress(request, code: str, year: int | None = Query(None, ge=1945, le=2100)):
    """Realised programmes ÷ programmes (× 100, two decimals, half up) for the city, per dimension and per
    element, with numerator and denominator. A programme counts as realised when its status is one the
    reference data marks `counts_as_realised`; with `year`, only programmes whose years include it count."""
    city = city_selectors.city_or_404(user_of(request), code)
    progress = selectors.city_progress(city, year)
    return {**progress, "definition": str(selectors.DEFINITION)}


@router.get("/{code}/budget-progress", response={200: MonitoringBudgetOut, **ERROR_RESPONSES}, summary="Budget realised against planned")
def get_budget_progress(request, code: str, paging: Query[Paging]):
    """Per year and funding source: planned budget (programme years) and realised budget (whole Rupiah), ratio in percent."""
    city = city_selectors.city_or_404(user_of(request), code)
    budget = selectors.budget_by_year_and_source(city)
    rows = [
        {
            "year": r["year"],
            "funding_source_code": r["funding_source_code"],
            "funding_source_name": r["funding_source_name"] or None,
            "planned": int(r["planned"]),
            "realised": None if r["realised"] is None else int(r["realised"]),
            "ratio": r["ratio"],
        }
        for r in budget["rows"]
    ]
    return {"planned": int(budget["planned"]), "realised": int(budget["realised"]), "ratio": budget["ratio"], **page(rows, paging)}


@router.put(
    "/{code}/programmes/{programme_id}/budget-realisations/{year}",
    response={200: MonitoringBudgetRealisationOut, **ERROR_RESPONSES},
    summary="Record the realised budget of a programme year",
)
def replace_budget_realisation(request, code: str, programme_id: int, year: int, payload: MonitoringBudgetIn):
    """`If-Match` names the version of the year's realised budget (`version`); one not recorded yet is recorded
    without it. A blank amount removes it."""
    city, masterplan = _scope(request, code)
    programme = _programme(city, masterplan, programme_id)
    with concurrency.from_request(request, selectors.budget_realisation(programme, year)):
        record = services.budget_realisation_set(
            actor=user_of(request), programme=programme, year=year, amount=payload.amount, note=payload.note
        )
    return _budget_realisation_out(programme, year, record)


@router.get(
    "/{code}/programmes/{programme_id}/budget-realisations/{year}",
    response={200: MonitoringBudgetRealisationOut, **ERROR_RESPONSES},
    summary="The realised budget of a programme year",
)
def get_budget_realisation(request, code: str, programme_id: int, year: int):
    """Planned and realised budget of one year of the programme (`realised` and `version` null while none is recorded)."""
    city, masterplan = _scope(request, code)
    programme = _programme(city, masterplan, programme_id)
    if not programme.years.filter(year=year).exists():
        raise Http404(_("The programme has no budget row for %(year)s.") % {"year": year})
    return _budget_realisation_out(programme, year, selectors.budget_realisation(programme, year))


def _budget_realisation_out(programme, year: int, record) -> dict:
    row = programme.years.get(year=year)
    return {
        "programme_id": programme.pk,
        "year": year,
        "version": record.version if record else None,
        "planned": int(row.budget),
        "realised": int(record.amount) if record else None,
        "note": record.note if record else "",
    }


# --- indicators -------------------------------------------------------------------------------


@router.get(
    "/{code}/programmes/{programme_id}/indicators", response={200: MonitoringIndicatorPage, **ERROR_RESPONSES}, summary="List indicators"
)
def list_indicators(request, code: str, programme_id: int, paging: Query[Paging]):
    """A programme's output and outcome indicators with their targets and realised values (with evidence)."""
    city, masterplan = _scope(request, code)
    programme = _programme(city, masterplan, programme_id)
    return page(selectors.programme_indicators(programme), paging, lambda i: _indicator_out(city, i))


@router.post(
    "/{code}/programmes/{programme_id}/indicators",
    response={201: MonitoringIndicatorOut, **ERROR_RESPONSES},
    summary="Create an indicator",
)
def create_indicator(request, code: str, programme_id: int, payload: MonitoringIndicatorIn):
    city, masterplan = _scope(request, code)
    programme = _programme(city, masterplan, programme_id)
    actor = user_of(request)
    permissions.ensure(permissions.can_edit_indicators(actor, programme), "monitoring.edit")
    indicator = services.indicator_create(actor=actor, programme=programme, **_indicator_fields(payload.dict()))
    return Status(201, _fresh_indicator(city, programme, indicator.pk))


@router.get("/{code}/indicators/{indicator_id}", response={200: MonitoringIndicatorOut, **ERROR_RESPONSES}, summary="One indicator")
def get_indicator(request, code: str, indicator_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    indicator = _indicator(city, indicator_id)
    return _fresh_indicator(city, indicator.programme, indicator.pk)


@router.patch("/{code}/indicators/{indicator_id}", response={200: MonitoringIndicatorOut, **ERROR_RESPONSES}, summary="Change an indicator")
def update_indicator(request, code: str, indicator_id: int, payload: MonitoringIndicatorPatch):
    city = city_selectors.city_or_404(user_of(request), code)
    indicator = _indicator(city, indicator_id)
    actor = user_of(request)
    permissions.ensure(permissions.can_edit_indicators(actor, indicator.programme), "monitoring.edit")
    with concurrency.from_request(request, indicator):
        services.indicator_update(actor=actor, indicator=indicator, **_indicator_fields(changes(payload)))
    return _fresh_indicator(city, indicator.programme, indicator.pk)


@router.delete("/{code}/indicators/{indicator_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete an indicator")
def delete_indicator(request, code: str, indicator_id: int):
    """An indicator with realised values answers 409 `still_linked`."""
    city = city_selectors.city_or_404(user_of(request), code)
    services.indicator_delete(actor=user_of(request), indicator=_indicator(city, indicator_id))
    return Status(204, None)


@router.put(
    "/{code}/indicators/{indicator_id}/targets", response={200: MonitoringTargetPage, **ERROR_RESPONSES}, summary="Set yearly targets"
)
def replace_indicator_targets(request, code: str, indicator_id: int, payload: MonitoringTargetsIn, response: HttpResponse):
    """The years sent are set (a blank or null value removes that year's target); other years stay as they are.
    `If-Match` names the indicator's version, one more when its targets change; the answer's `ETag` is the new one."""
    city = city_selectors.city_or_404(user_of(request), code)
    indicator = _indicator(city, indicator_id)
    with concurrency.from_request(request, indicator):
        targets = services.targets_set(
            actor=user_of(request), indicator=indicator, targets={t.year: _value(t.value) for t in payload.targets}
        )
    response["ETag"] = concurrency.etag(indicator.version)  # the targets are the indicator's: its version covers them
    return {"count": len(targets), "items": [_target_out(indicator, t) for t in targets]}


# --- realised values --------------------------------------------------------------------------


@router.get("/{code}/realisations", response={200: MonitoringRealisationPage, **ERROR_RESPONSES}, summary="List realised values")
def list_realisations(request, code: str, filters: Query[MonitoringRealisationFilters]):
    """Realised values of the current masterplan's programmes; `status=entered` is the coordinator's verification queue."""
    city = city_selectors.city_or_404(user_of(request), code)
    rows = selectors.realisations_with_details(city)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.programme_id:
        rows = rows.filter(indicator__programme_id=filters.programme_id)
    if filters.year:
        rows = rows.filter(year=filters.year)
    return page(rows, filters, lambda r: _realisation_out(city, r, target=_target_of(r)))


@router.post(
    "/{code}/indicators/{indicator_id}/realisations",
    response={201: MonitoringRealisationOut, **ERROR_RESPONSES},
    summary="Record a realised value",
)
def create_realisation(request, code: str, indicator_id: int, payload: MonitoringRealisationIn):
    """The department leading the programme (or a coordinator) records what the indicator reached in a year
    of the programme; a second value for the same year answers 409 `duplicate` (change it with PATCH)."""
    city = city_selectors.city_or_404(user_of(request), code)
    indicator = _indicator(city, indicator_id)
    realisation = services.realisation_enter(
        actor=user_of(request),
        indicator=indicator,
        year=payload.year,
        value=_value(payload.value),
        note=payload.note,
        links=payload.links,
        new=True,
    )
    return Status(201, _fresh_realisation(city, realisation.pk))


@router.get(
    "/{code}/realisations/{realisation_id}", response={200: MonitoringRealisationOut, **ERROR_RESPONSES}, summary="One realised value"
)
def get_realisation(request, code: str, realisation_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    return _fresh_realisation(city, _realisation(city, realisation_id).pk)


@router.patch(
    "/{code}/realisations/{realisation_id}", response={200: MonitoringRealisationOut, **ERROR_RESPONSES}, summary="Correct a realised value"
)
def update_realisation(request, code: str, realisation_id: int, payload: MonitoringRealisationPatch):
    """Re-enters the value (it waits for verification again); a verified value answers 409 `already_verified`."""
    city = city_selectors.city_or_404(user_of(request), code)
    realisation = _realisation(city, realisation_id)
    sent = changes(payload)
    indicator = realisation.indicator
    current = realisation.value_text if indicator.value_type == Indicator.ValueType.TEXT else realisation.value_number
    with concurrency.from_request(request, realisation):
        services.realisation_enter(
            actor=user_of(request),
            indicator=indicator,
            year=realisation.year,
            value=_value(sent["value"]) if "value" in sent else current,
            note=sent.get("note", realisation.note),
            links=sent.get("links") or [],
        )
    return _fresh_realisation(city, realisation.pk)


@router.post(
    "/{code}/realisations/{realisation_id}/verify",
    response={200: MonitoringRealisationOut, **ERROR_RESPONSES},
    summary="Verify a realised value",
)
def mark_realisation_verified(request, code: str, realisation_id: int):
    """The coordinator accepts an entered value (409 `not_awaiting_review` otherwise)."""
    city = city_selectors.city_or_404(user_of(request), code)
    services.realisation_verify(actor=user_of(request), realisation=_realisation(city, realisation_id))
    return _fresh_realisation(city, realisation_id)


@router.post(
    "/{code}/realisations/{realisation_id}/return",
    response={200: MonitoringRealisationOut, **ERROR_RESPONSES},
    summary="Return a realised value",
)
def mark_realisation_returned(request, code: str, realisation_id: int, payload: MonitoringReturnIn):
    """The coordinator sends the value back to the department with a reason; the department enters it again."""
    city = city_selectors.city_or_404(user_of(request), code)
    services.realisation_return(actor=user_of(request), realisation=_realisation(city, realisation_id), reason=payload.reason)
    return _fresh_realisation(city, realisation_id)


# --- evidence ---------------------------------------------------------------------------------


@router.post(
    "/{code}/realisations/{realisation_id}/evidence",
    response={201: MonitoringEvidenceOut, **ERROR_RESPONSES},
    summary="Add evidence to a realised value",
)
def add_realisation_evidence(
    request,
    code: str,
    realisation_id: int,
    file: File[UploadedFile] = None,
    url: Form[str] = "",
    description: Form[str] = "",
):
    """Multipart: a `file` (PDF, image, Office document, CSV or text; checked by its content, at most
    `EVIDENCE_MAX_BYTES`) or a `url`, with a `description`."""
    city = city_selectors.city_or_404(user_of(request), code)
    realisation = _realisation(city, realisation_id)
    evidence = services.evidence_add(actor=user_of(request), realisation=realisation, file=file, url=url, description=description)
    return Status(201, _evidence_out(city, realisation, evidence))


@router.get(
    "/{code}/realisations/{realisation_id}/evidence/{evidence_id}/file",
    response={200: None, **ERROR_RESPONSES},
    summary="Download an evidence file of a realised value",
    url_name="get_realisation_evidence_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment named as it was uploaded.",
                "content": {ct: {"schema": {"type": "string", "format": "binary"}} for ct in sorted(set(files.CONTENT_TYPES.values()))},
            }
        }
    },
)
def get_realisation_evidence_file(request, code: str, realisation_id: int, evidence_id: int):
    """Whoever may see the city may download; elsewhere the file answers 404."""
    city = city_selectors.city_or_404(user_of(request), code)
    evidence = resolve(
        RealisationEvidence,
        evidence_id,
        city=city,
        queryset=RealisationEvidence.objects.filter(realisation_id=realisation_id).exclude(file=""),
    )
    return files.evidence_response(evidence)


@router.delete(
    "/{code}/realisations/{realisation_id}/evidence/{evidence_id}",
    response={204: None, **ERROR_RESPONSES},
    summary="Remove evidence of a realised value",
)
def delete_realisation_evidence(request, code: str, realisation_id: int, evidence_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    evidence = resolve(
        RealisationEvidence,
        evidence_id,
        city=city,
        queryset=RealisationEvidence.objects.filter(realisation_id=realisation_id).select_related("realisation__indicator__programme"),
    )
    services.evidence_delete(actor=user_of(request), evidence=evidence)
    return Status(204, None)
