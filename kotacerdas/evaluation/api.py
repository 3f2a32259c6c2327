"""API of the annual evaluation (docs/api.md): opened years and rounds, assessor assignments, a city's
evaluations (scores, self-assessment, findings, publication, results letter, imported results),
follow-ups, and the national ranking of a year. Mounted at the API root."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from kotacerdas.accounts.models import User
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities.models import City
from kotacerdas.core import concurrency, permissions
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, resolve, user_of
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.evaluation import selectors, services
from kotacerdas.evaluation.models import Assignment, Evaluation, Finding, FollowUp

router = Router(tags=["evaluation"])

YEAR = {"ge": 2017, "le": 2100}
ROUND = {"ge": 1, "le": 20}


# --- schemas ---------------------------------------------------------------------------------


class EvaluationRoundOut(Schema):
    number: int
    name: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


class EvaluationYearOut(Schema):
    year: int
    opened_on: datetime.date
    note: str
    weights: dict[str, Decimal] = Field(description="The reference weights of the year (percent) by evaluation dimension code.")
    rounds: list[EvaluationRoundOut]


class EvaluationYearPage(Schema):
    count: int
    items: list[EvaluationYearOut]


class EvaluationYearIn(Input):
    year: int = Field(examples=[2025], **YEAR)
    opened_on: datetime.date | None = None
    note: str = Field("", max_length=300)


class EvaluationRoundIn(Input):
    number: int = Field(examples=[1], **ROUND)
    name: str = Field(max_length=100, examples=["Tahap I"])
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


class EvaluationAssignmentOut(Schema):
    id: int
    year: int
    city_code: str
    city_name: str
    assessor_id: int
    assessor_name: str


class EvaluationAssignmentPage(Schema):
    count: int
    items: list[EvaluationAssignmentOut]


class EvaluationAssignmentIn(Input):
    year: int = Field(examples=[2024], **YEAR)
    city_code: str = Field(max_length=13, examples=["81.71"])
    assessor_id: Id


class EvaluationAssignmentFilters(Paging):
    year: int | None = Field(None, **YEAR)


class EvaluationScoreOut(Schema):
    evaluation_dimension_code: str
    evaluation_dimension_name: str
    score: Decimal


class EvaluationDimensionIndexOut(Schema):
    dimension_code: str
    dimension_name: str
    value: Decimal


class EvaluationFindingsOut(Schema):
    strengths: list[str]
    weaknesses: list[str]
    recommendations: list[str]


class EvaluationEvidenceOut(Schema):
    id: int
    description: str
    link: str
    file_name: str


class EvaluationSelfAssessmentOut(Schema):
    evaluation_dimension_code: str
    evaluation_dimension_name: str
    narrative: str
    evidence: list[EvaluationEvidenceOut]


class EvaluationOut(Schema):
    id: int
    version: int = Field(description="One more at each change, its scores, findings and self-assessment included (the `ETag`).")
    city_code: str
    city_name: str
    year: int
    round: int = Field(description="The round's number in its year.")
    round_name: str
    status: str
    status_label: str
    final_index: Decimal | None = Field(description="Two decimals; null until scored, and for city users and the public until published.")
    weights: dict[str, Decimal] = Field(description="The weights (percent) the index was computed with, kept with the result.")
    formula: str
    previous_index: Decimal | None = Field(description="The city's result of the previous year.")
    improvement: Decimal | None = Field(description="final_index − previous_index.")
    rank: int | None = Field(description="National rank among the cities evaluated that year (the year's result only).")
    province_rank: int | None
    is_imported: bool
    source: str
    letter_number: str
    letter_date: datetime.date | None


class EvaluationDetailOut(EvaluationOut):
    scores: list[EvaluationScoreOut]
    dimension_indices: list[EvaluationDimensionIndexOut]
    findings: EvaluationFindingsOut
    self_assessment: list[EvaluationSelfAssessmentOut]


class EvaluationPage(Schema):
    count: int
    items: list[EvaluationOut]


SCORES_EXAMPLE = {"baseline": 3.10, "output": 2.95, "outcome": 3.20, "impact": 2.80, "quick-win": 3.40}


class EvaluationIn(Input):
    year: int = Field(examples=[2024], **YEAR)
    round: int | None = Field(None, description="The round's number; the year's last round when omitted.", examples=[2], **ROUND)
    scores: dict[str, Decimal] | None = Field(
        None,
        description="A score 0–5 (two decimals) per evaluation dimension code (`quick_win` is read as `quick-win`); "
        "omitted: the city's self-assessment starts (status open).",
        examples=[SCORES_EXAMPLE],
    )
    dimension_indices: dict[str, Decimal] | None = Field(None, description="Optional index 0–5 per smart-city dimension code.")


class EvaluationScoresIn(Input):
    scores: dict[str, Decimal] = Field(examples=[SCORES_EXAMPLE])
    dimension_indices: dict[str, Decimal] | None = None


class EvaluationFindingsIn(Input):
    strengths: list[str] = Field(default_factory=list, max_length=50)
    weaknesses: list[str] = Field(default_factory=list, max_length=50)
    recommendations: list[str] = Field(default_factory=list, max_length=50)


class EvaluationSelfAssessmentIn(Input):
    narrative: str = Field(max_length=20000)


class EvaluationEvidenceIn(Input):
    description: str = Field(max_length=300)
    link: str = Field(max_length=500, examples=["https://ambon.go.id/laporan-smart-city-2024"])


class EvaluationLetterIn(Input):
    letter_number: str = Field(max_length=120)
    letter_date: datetime.date


class EvaluationImportIn(Input):
    year: int = Field(examples=[2023], **YEAR)
    round: int | None = Field(None, **ROUND)
    final_index: Decimal = Field(examples=["2.87"])
    source: str = Field(max_length=500)
    letter_number: str = Field("", max_length=120)
    letter_date: datetime.date | None = None


class EvaluationFollowUpOut(Schema):
    id: int
    version: int
    evaluation_id: int
    year: int
    text: str
    owner_opd_id: int | None
    owner_opd_name: str
    due_date: datetime.date | None
    status: str
    status_label: str
    evidence_note: str
    evidence_link: str
    evidence_file_name: str
    closed_on: datetime.date | None


class EvaluationFollowUpPage(Schema):
    count: int
    items: list[EvaluationFollowUpOut]


class EvaluationFollowUpFilters(Paging):
    status: str | None = Field(None, max_length=12)


class EvaluationFollowUpPatch(Input):
    owner_opd_id: Id | None = absent()
    due_date: datetime.date | None = absent()
    status: str = absent(max_length=12)
    evidence_note: str = absent(max_length=5000)
    evidence_link: str = absent(max_length=500)


class EvaluationRankingOut(Schema):
    rank: int
    province_rank: int
    city_code: str
    city_name: str
    province_code: str
    province_name: str
    cohort_id: int | None
    cohort_name: str
    final_index: Decimal
    previous_index: Decimal | None
    improvement: Decimal | None
    is_imported: bool


class EvaluationRankingPage(Schema):
    count: int
    items: list[EvaluationRankingOut]


class EvaluationRankingFilters(Paging):
    year: int = Field(**YEAR)
    cohort_id: Id | None = Field(None, description="Only the cities of this cohort (their national and provincial ranks kept).")


# --- shaping ---------------------------------------------------------------------------------


def _cycle_out(cycle) -> dict:
    return {
        "year": cycle.year.year,
        "opened_on": cycle.opened_on,
        "note": cycle.note,
        "weights": {w.dimension.code: w.weight for w in cycle.year.weights.all()},
        "rounds": list(cycle.rounds.all()),
    }


def _assignment_out(a: Assignment) -> dict:
    return {
        "id": a.pk,
        "year": a.cycle.year.year,
        "city_code": a.city.code,
        "city_name": a.city.name,
        "assessor_id": a.assessor_id,
        "assessor_name": a.assessor.get_full_name() or a.assessor.username,
    }


def evaluation_out(e: Evaluation, visible: bool) -> dict:
    return {
        "id": e.pk,
        "version": e.version,
        "city_code": e.city.code,
        "city_name": e.city.name,
        "year": e.round.cycle.year.year,
        "round": e.round.number,
        "round_name": e.round.name,
        "status": e.status,
        "status_label": e.get_status_display(),
        "final_index": e.final_index if visible else None,
        "weights": {code: Decimal(w) for code, w in e.weights.items()} if visible else {},
        "formula": e.formula if visible else "",
        "previous_index": selectors.two_places(getattr(e, "previous_index", None)) if visible else None,
        "improvement": selectors.improvement(e) if visible else None,
        "rank": getattr(e, "rank", None) if visible else None,
        "province_rank": getattr(e, "province_rank", None) if visible else None,
        "is_imported": e.is_imported,
        "source": e.source,
        "letter_number": e.letter_number,
        "letter_date": e.letter_date,
    }


def _detail(user, evaluation: Evaluation) -> dict:
    e = selectors.evaluation_detail(evaluation)
    e.rank, e.province_rank = selectors.rank_of(e)
    visible = selectors.scores_visible(user, e)
    findings = {"strengths": [], "weaknesses": [], "recommendations": []}
    if visible:
        key = {Finding.Kind.STRENGTH: "strengths", Finding.Kind.WEAKNESS: "weaknesses", Finding.Kind.RECOMMENDATION: "recommendations"}
        for f in e.findings.all():
            findings[key[f.kind]].append(f.text)
    own = permissions.role_of(user) is not None and permissions.can_view_city(user, e.city)
    return {
        **evaluation_out(e, visible),
        "scores": [
            {"evaluation_dimension_code": s.dimension.code, "evaluation_dimension_name": s.dimension.name, "score": s.score}
            for s in e.scores.all()
        ]
        if visible
        else [],
        "dimension_indices": [
            {"dimension_code": d.dimension.code, "dimension_name": d.dimension.name, "value": d.value} for d in e.dimension_indices.all()
        ]
        if visible
        else [],
        "findings": findings,
        "self_assessment": [
            {
                "evaluation_dimension_code": sa.dimension.code,
                "evaluation_dimension_name": sa.dimension.name,
                "narrative": sa.narrative,
                "evidence": [
                    {"id": ev.pk, "description": ev.description, "link": ev.link, "file_name": ev.original_name} for ev in sa.evidence.all()
                ],
            }
            for sa in e.self_assessments.all()
        ]
        if own
        else [],
    }


def _follow_up_out(f: FollowUp) -> dict:
    return {
        "id": f.pk,
        "version": f.version,
        "evaluation_id": f.evaluation_id,
        "year": f.evaluation.round.cycle.year.year,
        "text": f.text,
        "owner_opd_id": f.owner_opd_id,
        "owner_opd_name": f.owner_opd.short_name if f.owner_opd else "",
        "due_date": f.due_date,
        "status": f.status,
        "status_label": f.get_status_display(),
        "evidence_note": f.evidence_note,
        "evidence_link": f.evidence_link,
        "evidence_file_name": f.evidence_name,
        "closed_on": f.closed_on,
    }


def _evaluation(user, city, evaluation_id) -> Evaluation:
    rows = Evaluation.objects.select_related("round__cycle__year", "city__region")
    if permissions.role_of(user) is None:
        rows = rows.filter(status=Evaluation.Status.PUBLISHED)
    return resolve(Evaluation, evaluation_id, city=city, queryset=rows)


def _signed_in(user) -> None:
    if permissions.role_of(user) is None:
        raise PermissionDenied(CoreError.NOT_AUTHENTICATED.description)


# --- years, rounds, assignments ----------------------------------------------------------------


@router.get("/evaluation-years", response={200: EvaluationYearPage, **ERROR_RESPONSES}, summary="Opened evaluation years")
def list_evaluation_years(request, paging: Query[Paging]):
    """The evaluation years the ministry has opened, newest first, with their weights and rounds."""
    return page(selectors.cycles(), paging, _cycle_out)


@router.post("/evaluation-years", response={201: EvaluationYearOut, **ERROR_RESPONSES}, summary="Open an evaluation year")
def create_evaluation_year(request, payload: EvaluationYearIn):
    """The ministry opens a year; its weights (framework reference data) must add up to 100 %
    (`weights_not_100`), exist (`evaluation_weights_missing`); a year opens once (409 `duplicate`)."""
    cycle = services.cycle_open(actor=user_of(request), year=payload.year, opened_on=payload.opened_on, note=payload.note)
    return Status(201, _cycle_out(selectors.cycles().get(pk=cycle.pk)))


def _cycle_or_404(year: int):
    found = selectors.cycles().filter(year__year=year).first()
    if found is None:
        raise Http404(_("The evaluation year %(year)s has not been opened.") % {"year": year})
    return found


@router.post("/evaluation-years/{year}/rounds", response={201: EvaluationRoundOut, **ERROR_RESPONSES}, summary="Add a round")
def add_evaluation_round(request, payload: EvaluationRoundIn, year: int = Path(..., description="Evaluation year, e.g. 2024.", **YEAR)):
    """A round of an opened year (Tahap I, Tahap II …), numbered; its dates optional."""
    cycle = _cycle_or_404(year)
    return Status(201, services.round_create(actor=user_of(request), cycle=cycle, **payload.dict()))


@router.get("/evaluation-assignments", response={200: EvaluationAssignmentPage, **ERROR_RESPONSES}, summary="Assessor assignments")
def list_evaluation_assignments(request, filters: Query[EvaluationAssignmentFilters]):
    """Which assessor scores which city in which year (the ministry and assessors)."""
    user = user_of(request)
    _signed_in(user)
    permissions.ensure(permissions.is_national(user), "evaluation.manage")
    return page(selectors.assignments(year=filters.year), filters, _assignment_out)


@router.post("/evaluation-assignments", response={201: EvaluationAssignmentOut, **ERROR_RESPONSES}, summary="Assign an assessor")
def create_evaluation_assignment(request, payload: EvaluationAssignmentIn):
    """The ministry assigns an assessor (a user with the assessor role) to a city for a year."""
    user = user_of(request)
    permissions.ensure(permissions.can_manage_evaluation(user), "evaluation.manage")
    cycle = services.cycle_of(payload.year)
    city = City.objects.filter(region_id=payload.city_code).first()
    if city is None:
        raise ServiceError(CoreError.UNKNOWN_REFERENCE, _("No city with code %(code)s.") % {"code": payload.city_code}, field="city_code")
    assessor = User.objects.filter(pk=payload.assessor_id).first()
    if assessor is None:
        raise ServiceError(CoreError.UNKNOWN_REFERENCE, _("No user with id %(id)s.") % {"id": payload.assessor_id}, field="assessor_id")
    assignment = services.assignment_create(actor=user, cycle=cycle, city=city, assessor=assessor)
    return Status(201, _assignment_out(assignment))


@router.delete("/evaluation-assignments/{assignment_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove an assignment")
def delete_evaluation_assignment(request, assignment_id: Id):
    user = user_of(request)
    _signed_in(user)
    assignment = Assignment.objects.filter(pk=assignment_id).first()
    if assignment is None or not permissions.is_national(user):
        raise Http404(CoreError.NOT_FOUND.description)
    services.assignment_delete(actor=user, assignment=assignment)
    return Status(204, None)


# --- a city's evaluations --------------------------------------------------------------------


@router.get("/cities/{code}/evaluations", response={200: EvaluationPage, **ERROR_RESPONSES}, summary="A city's evaluations")
def list_evaluations(request, code: str, paging: Query[Paging]):
    """Newest first; scores, index, improvement and rank only once published (the ministry and
    assessors see them before); the public sees published evaluations only."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    rows = selectors.city_evaluations(user, city)
    return page(rows, paging, lambda e: evaluation_out(e, e.scores_visible))


@router.post("/cities/{code}/evaluations", response={201: EvaluationDetailOut, **ERROR_RESPONSES}, summary="Start or score an evaluation")
def create_evaluation(request, code: str, payload: EvaluationIn):
    """With `scores`: the ministry or an assessor assigned to the city for the year scores the round
    (status scored; `final_index` = Σ score × weight / 100, half up to two decimals, with the
    `weights` used). Without: the city's coordinators start the self-assessment (status open).
    A second evaluation of the same round answers 409 `duplicate`; a score outside 0–5 or with more
    than two decimals 400 `score_invalid`; an unopened year `evaluation_year_not_open`."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = services.evaluation_create(
        actor=user,
        city=city,
        year=payload.year,
        round=payload.round,
        scores=payload.scores,
        dimension_indices=payload.dimension_indices,
    )
    return Status(201, _detail(user, evaluation))


@router.post(
    "/cities/{code}/evaluations/imported", response={201: EvaluationDetailOut, **ERROR_RESPONSES}, summary="Import a historic result"
)
def import_evaluation_result(request, code: str, payload: EvaluationImportIn):
    """A final index known only from a letter or the press: recorded published and marked imported,
    with its source and no sub-scores (the ministry)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = services.evaluation_import(actor=user, city=city, **payload.dict())
    return Status(201, _detail(user, evaluation))


@router.get("/cities/{code}/evaluations/{evaluation_id}", response={200: EvaluationDetailOut, **ERROR_RESPONSES}, summary="One evaluation")
def get_evaluation(request, code: str, evaluation_id: Id):
    """With scores, smart-city dimension indices and findings once visible, and the self-assessment for signed-in readers of the city."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    return _detail(user, _evaluation(user, city, evaluation_id))


@router.put(
    "/cities/{code}/evaluations/{evaluation_id}/scores", response={200: EvaluationDetailOut, **ERROR_RESPONSES}, summary="Score a round"
)
def replace_evaluation_scores(request, code: str, evaluation_id: Id, payload: EvaluationScoresIn):
    """The ministry or an assigned assessor (re)scores every evaluation dimension; refused once published."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = _evaluation(user, city, evaluation_id)
    with concurrency.from_request(request, evaluation):
        services.evaluation_score(actor=user, evaluation=evaluation, scores=payload.scores, dimension_indices=payload.dimension_indices)
    return _detail(user, evaluation)


@router.put(
    "/cities/{code}/evaluations/{evaluation_id}/findings",
    response={200: EvaluationDetailOut, **ERROR_RESPONSES},
    summary="Set the findings",
)
def replace_evaluation_findings(request, code: str, evaluation_id: Id, payload: EvaluationFindingsIn):
    """Strengths, weaknesses and recommendations (replacing the previous ones); recommendations become follow-ups at publication."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = _evaluation(user, city, evaluation_id)
    with concurrency.from_request(request, evaluation):
        services.findings_set(actor=user, evaluation=evaluation, **payload.dict())
    return _detail(user, evaluation)


@router.put(
    "/cities/{code}/evaluations/{evaluation_id}/self-assessment/{dimension_code}",
    response={200: EvaluationDetailOut, **ERROR_RESPONSES},
    summary="Write the self-assessment of a dimension",
)
def replace_self_assessment(request, code: str, evaluation_id: Id, dimension_code: str, payload: EvaluationSelfAssessmentIn):
    """The city's narrative for one evaluation dimension (its coordinators, while the round is open)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = _evaluation(user, city, evaluation_id)
    with concurrency.from_request(request, evaluation):
        services.self_assessment_set(actor=user, evaluation=evaluation, dimension_code=dimension_code, narrative=payload.narrative)
    return _detail(user, evaluation)


@router.post(
    "/cities/{code}/evaluations/{evaluation_id}/self-assessment/{dimension_code}/evidence",
    response={201: EvaluationDetailOut, **ERROR_RESPONSES},
    summary="Add a link as evidence",
)
def add_self_assessment_evidence(request, code: str, evaluation_id: Id, dimension_code: str, payload: EvaluationEvidenceIn):
    """A link backing the self-assessment of a dimension (files are uploaded on the round's page)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = _evaluation(user, city, evaluation_id)
    services.self_assessment_evidence_add(
        actor=user, evaluation=evaluation, dimension_code=dimension_code, description=payload.description, link=payload.link
    )
    return Status(201, _detail(user, evaluation))


@router.post("/cities/{code}/evaluations/{evaluation_id}/submit", response={200: EvaluationDetailOut, **ERROR_RESPONSES}, summary="Submit")
def mark_evaluation_submitted(request, code: str, evaluation_id: Id):
    """The city's coordinators hand the self-assessment to the assessors (open → submitted)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    services.evaluation_submit(actor=user, evaluation=_evaluation(user, city, evaluation_id))
    return _detail(user, _evaluation(user, city, evaluation_id))


@router.post(
    "/cities/{code}/evaluations/{evaluation_id}/publish", response={200: EvaluationDetailOut, **ERROR_RESPONSES}, summary="Publish"
)
def mark_evaluation_published(request, code: str, evaluation_id: Id):
    """The ministry publishes a scored round (scored → published); recommendations become follow-ups."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    services.evaluation_publish(actor=user, evaluation=_evaluation(user, city, evaluation_id))
    return _detail(user, _evaluation(user, city, evaluation_id))


@router.put(
    "/cities/{code}/evaluations/{evaluation_id}/letter",
    response={200: EvaluationDetailOut, **ERROR_RESPONSES},
    summary="Record the results letter",
)
def replace_results_letter(request, code: str, evaluation_id: Id, payload: EvaluationLetterIn):
    """The ministry's results letter (number and date)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    evaluation = _evaluation(user, city, evaluation_id)
    with concurrency.from_request(request, evaluation):
        services.evaluation_record_letter(actor=user, evaluation=evaluation, **payload.dict())
    return _detail(user, evaluation)


# --- follow-ups ------------------------------------------------------------------------------


@router.get("/cities/{code}/evaluation-follow-ups", response={200: EvaluationFollowUpPage, **ERROR_RESPONSES}, summary="Follow-ups")
def list_follow_ups(request, code: str, filters: Query[EvaluationFollowUpFilters]):
    """The recommendations the city must act on, open ones first (signed-in readers of the city)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    _signed_in(user)
    return page(selectors.follow_ups(city, status=filters.status), filters, _follow_up_out)


@router.patch(
    "/cities/{code}/evaluation-follow-ups/{follow_up_id}", response={200: EvaluationFollowUpOut, **ERROR_RESPONSES}, summary="Update"
)
def update_follow_up(request, code: str, follow_up_id: Id, payload: EvaluationFollowUpPatch):
    """Owner department and due date (the coordinators), status and evidence (they or the owner
    department); `closed` without a link or file is refused (`follow_up_evidence_missing`)."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    follow_up = resolve(FollowUp, follow_up_id, city=city, queryset=selectors.follow_ups(city))
    with concurrency.from_request(request, follow_up):
        services.follow_up_update(actor=user, follow_up=follow_up, **changes(payload))
    return _follow_up_out(selectors.follow_ups(city).get(pk=follow_up.pk))


# --- ranking ---------------------------------------------------------------------------------


@router.get("/rankings", response={200: EvaluationRankingPage, **ERROR_RESPONSES}, summary="National ranking of a year")
def list_rankings(request, filters: Query[EvaluationRankingFilters]):
    """The cities evaluated in `year`, best first: national rank, rank within the province (ties
    share a rank), final index and improvement over the previous year. Published results only."""

    def item(e) -> dict:
        province = e.city.region.parent
        return {
            "rank": e.rank,
            "province_rank": e.province_rank,
            "city_code": e.city.code,
            "city_name": e.city.name,
            "province_code": province.code if province else "",
            "province_name": province.name if province else "",
            "cohort_id": e.city.cohort_id,
            "cohort_name": e.city.cohort.label if e.city.cohort_id else "",
            "final_index": e.final_index,
            "previous_index": selectors.two_places(e.previous_index),
            "improvement": selectors.improvement(e),
            "is_imported": e.is_imported,
        }

    return page(selectors.ranking(filters.year, cohort_id=filters.cohort_id), filters, item)
