"""Writes of the annual evaluation: years and rounds, assignments, self-assessment, scores, findings,
publication, results letters, imported results, follow-ups.

The final index is the weighted mean of the five scores with the year's weights (percent), rounded
half up to two decimals; it is stored with the weights and the formula it was computed with.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import Role, User
from kotacerdas.cities.models import City, Opd
from kotacerdas.core import concurrency, permissions
from kotacerdas.core.api import resolve, resolve_code
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import check_editable, record_create, record_delete, record_update, required_text
from kotacerdas.evaluation.error_codes import EvaluationError
from kotacerdas.evaluation.models import (
    Assignment,
    Cycle,
    DimensionIndex,
    Evaluation,
    Finding,
    FollowUp,
    Round,
    Score,
    SelfAssessment,
    SelfAssessmentEvidence,
)
from kotacerdas.framework.error_codes import FrameworkError
from kotacerdas.framework.models import Dimension, EvaluationDimension, EvaluationYear
from kotacerdas.programmes.files import checked_extension

Status = Evaluation.Status
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
SCORE_MAX = Decimal(5)


# --- arithmetic --------------------------------------------------------------------------------


def final_index(scores: Mapping[str, Decimal], weights: Mapping[str, Decimal]) -> Decimal:
    """Σ score × weight / 100, rounded half up to two decimals (exact: Decimal throughout)."""
    total = sum((Decimal(scores[code]) * Decimal(weight) for code, weight in weights.items()), Decimal(0))
    return (total / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def formula_of(scores: Mapping[str, Decimal], weights: Mapping[str, Decimal]) -> str:
    """The computation written out: `(3.10 × 10% + 2.95 × 20% + …) = 3.0800 → 3.08`."""
    terms = " + ".join(f"{Decimal(scores[code]):.2f} × {_percent(weight)}% ({code})" for code, weight in weights.items())
    exact = sum((Decimal(scores[code]) * Decimal(weight) for code, weight in weights.items()), Decimal(0)) / HUNDRED
    return f"{terms} = {exact.normalize():f} → {final_index(scores, weights)}"


def _percent(weight) -> str:
    return f"{Decimal(weight).normalize():f}"


def as_score(value, *, field: str) -> Decimal:
    """A score or index 0–5 with at most two decimals; anything else is refused with `score_invalid`."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise ServiceError(EvaluationError.SCORE_INVALID, _("“%(value)s” is not a number.") % {"value": value}, field=field)
    if not 0 <= number <= SCORE_MAX:
        raise ServiceError(EvaluationError.SCORE_INVALID, _("%(value)s is outside 0–5.") % {"value": value}, field=field)
    if number.as_tuple().exponent < -2 and number != number.quantize(CENT):
        raise ServiceError(
            EvaluationError.SCORE_INVALID, _("%(value)s has more than two decimals: give at most two.") % {"value": value}, field=field
        )
    return number.quantize(CENT)


def year_weights(year: EvaluationYear) -> dict[str, Decimal]:
    """The year's weights by evaluation-dimension code, in dimension order; refused unless complete and adding up to 100 %."""
    weights = {w.dimension.code: w.weight for w in year.weights.select_related("dimension").order_by("dimension__order", "dimension__code")}
    if not weights:
        raise ServiceError(
            EvaluationError.WEIGHTS_MISSING,
            _("The reference data has no evaluation weights for %(year)s.") % {"year": year.year},
            field="year",
        )
    missing = sorted(set(EvaluationDimension.objects.values_list("code", flat=True)) - set(weights))
    total = sum(weights.values(), Decimal(0))
    if missing or total != HUNDRED:
        raise ServiceError(
            FrameworkError.WEIGHTS_NOT_100,
            _("The evaluation weights of %(year)s add up to %(total)s %%, not 100 %%: correct them on the framework page first.")
            % {"year": year.year, "total": total},
            field="year",
        )
    return weights


# --- years and rounds -------------------------------------------------------------------------


@transaction.atomic
def cycle_open(*, actor, year: int, opened_on: datetime.date | None = None, note: str = "") -> Cycle:
    """Open an evaluation year: its weights (reference data) must exist and add up to 100 %."""
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    reference = EvaluationYear.objects.filter(year=year).first()
    if reference is None:
        raise ServiceError(
            EvaluationError.WEIGHTS_MISSING,
            _("The reference data has no evaluation weights for %(year)s: set them on the framework page first.") % {"year": year},
            field="year",
        )
    year_weights(reference)
    if Cycle.objects.filter(year=reference).exists():
        raise ServiceError(CoreError.DUPLICATE, _("The evaluation year %(year)s is already open.") % {"year": year}, field="year")
    return record_create(
        actor=actor, model=Cycle, data={"year": reference, "opened_on": opened_on or timezone.localdate(), "note": (note or "").strip()}
    )


def cycle_of(year: int, *, field: str = "year") -> Cycle:
    found = Cycle.objects.select_related("year").filter(year__year=year).first()
    if found is None:
        raise ServiceError(
            EvaluationError.YEAR_NOT_OPEN, _("The evaluation year %(year)s has not been opened.") % {"year": year}, field=field
        )
    return found


def round_of(cycle: Cycle, number: int | None, *, field: str = "round") -> Round:
    """The round with this number; None means the year's last round."""
    rounds = cycle.rounds.order_by("-number")
    found = rounds.first() if number is None else rounds.filter(number=number).first()
    if found is None:
        raise ServiceError(
            EvaluationError.ROUND_UNKNOWN,
            _("The evaluation year %(year)s has no round %(number)s.") % {"year": cycle.year.year, "number": number or ""},
            field=field,
        )
    return found


ROUND_FIELDS = {"number", "name", "starts_on", "ends_on"}


@transaction.atomic
def round_create(*, actor, cycle: Cycle, number: int, name: str, starts_on=None, ends_on=None) -> Round:
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    name = required_text(name, "name", _("Name the round (e.g. Tahap I)."))
    if cycle.rounds.filter(number=number).exists():
        raise ServiceError(
            CoreError.DUPLICATE, _("%(year)s already has a round %(number)s.") % {"year": cycle, "number": number}, field="number"
        )
    return record_create(
        actor=actor, model=Round, data={"cycle": cycle, "number": number, "name": name, "starts_on": starts_on, "ends_on": ends_on}
    )


@transaction.atomic
def round_update(*, actor, round: Round, **fields) -> Round:
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    check_editable(fields, ROUND_FIELDS)
    if "name" in fields:
        fields["name"] = required_text(fields["name"], "name", _("Name the round (e.g. Tahap I)."))
    if "number" in fields and round.cycle.rounds.filter(number=fields["number"]).exclude(pk=round.pk).exists():
        raise ServiceError(CoreError.DUPLICATE, _("This year already has a round with this number."), field="number")
    return record_update(actor=actor, instance=round, data=fields)


@transaction.atomic
def round_delete(*, actor, round: Round) -> None:
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    record_delete(actor=actor, instance=round)


# --- assignments -----------------------------------------------------------------------------


@transaction.atomic
def assignment_create(*, actor, cycle: Cycle, city: City, assessor: User) -> Assignment:
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    if assessor.role != Role.ASSESSOR or not assessor.is_active:
        raise ServiceError(
            EvaluationError.NOT_AN_ASSESSOR,
            _("%(user)s is not an active assessor.") % {"user": assessor.get_full_name() or assessor},
            field="assessor_id",
        )
    if Assignment.objects.filter(cycle=cycle, city=city, assessor=assessor).exists():
        raise ServiceError(CoreError.DUPLICATE, _("This assessor is already assigned to this city for this year."), field="assessor_id")
    return record_create(actor=actor, model=Assignment, data={"cycle": cycle, "city": city, "assessor": assessor})


@transaction.atomic
def assignment_delete(*, actor, assignment: Assignment) -> None:
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    record_delete(actor=actor, instance=assignment)


# --- evaluations ----------------------------------------------------------------------------


def _check_new(city: City, rnd: Round) -> None:
    if Evaluation.objects.filter(city=city, round=rnd).exists():
        raise ServiceError(
            CoreError.DUPLICATE,
            _("%(city)s already has an evaluation for %(round)s.") % {"city": city.name, "round": rnd},
            field="round",
        )


@transaction.atomic
def evaluation_create(
    *, actor, city: City, year: int, round: int | None, scores: Mapping | None = None, dimension_indices: Mapping | None = None
) -> Evaluation:
    """Start a city's evaluation of a round: by its coordinators (self-assessment first), or by the
    ministry or an assigned assessor, then possibly with the scores at once (status `scored`)."""
    cycle = cycle_of(year)
    if scores is not None:
        permissions.ensure(permissions.can_score_city(actor, city, cycle), "evaluation.score")
    else:
        permissions.ensure(
            permissions.can_self_assess(actor, city) or permissions.can_score_city(actor, city, cycle), "evaluation.self_assess"
        )
    rnd = round_of(cycle, round)
    _check_new(city, rnd)
    evaluation = record_create(actor=actor, model=Evaluation, data={"city": city, "round": rnd})
    if scores is not None:
        _score(actor, evaluation, scores, dimension_indices)
    return evaluation


def _score(actor, evaluation: Evaluation, scores: Mapping, dimension_indices: Mapping | None) -> Evaluation:
    weights = year_weights(evaluation.round.cycle.year)
    given = {_code(str(code), weights): value for code, value in scores.items()}
    unknown = sorted(set(given) - set(weights))
    if unknown:
        raise ServiceError(
            CoreError.UNKNOWN_CODE, _("Unknown evaluation dimension: %(codes)s.") % {"codes": ", ".join(unknown)}, field="scores"
        )
    missing = [code for code in weights if code not in given]
    if missing:
        raise ServiceError(
            EvaluationError.SCORES_INCOMPLETE, _("A score is missing for: %(codes)s.") % {"codes": ", ".join(missing)}, field="scores"
        )
    values = {code: as_score(given[code], field=f"scores.{code}") for code in weights}
    indices = {}
    if dimension_indices:
        dims = {d.code: d for d in Dimension.objects.all()}
        for code, value in dimension_indices.items():
            if code not in dims:
                raise ServiceError(
                    CoreError.UNKNOWN_CODE, _("Unknown smart-city dimension: %(code)s.") % {"code": code}, field="dimension_indices"
                )
            indices[dims[code]] = as_score(value, field=f"dimension_indices.{code}")
    dimensions = {d.code: d for d in EvaluationDimension.objects.filter(code__in=list(weights))}
    existing = {score.dimension_id: score for score in evaluation.scores.all()}
    for code, value in values.items():
        score = existing.get(dimensions[code].pk)
        if score is None:
            record_create(actor=actor, model=Score, data={"evaluation": evaluation, "dimension": dimensions[code], "score": value})
        else:
            record_update(actor=actor, instance=score, data={"score": value})
    if dimension_indices is not None:
        for old in evaluation.dimension_indices.all():
            record_delete(actor=actor, instance=old)
        for dimension, value in indices.items():
            record_create(actor=actor, model=DimensionIndex, data={"evaluation": evaluation, "dimension": dimension, "value": value})
    return record_update(
        actor=actor,
        instance=evaluation,
        data={
            "status": Status.SCORED,
            "final_index": final_index(values, weights),
            "weights": {code: f"{weight:.2f}" for code, weight in weights.items()},
            "formula": formula_of(values, weights),
            "scored_at": timezone.now(),
        },
    )


def _code(code: str, known) -> str:
    """The reference code, also when spelt with `_` for `-` (`quick_win` for `quick-win`)."""
    return code if code in known else code.replace("_", "-") if code.replace("_", "-") in known else code


def _not_published(evaluation: Evaluation) -> None:
    if evaluation.status == Status.PUBLISHED:
        raise ServiceError(
            EvaluationError.PUBLISHED,
            _("The evaluation of %(round)s is published: it can no longer be changed.") % {"round": evaluation.round},
        )


@transaction.atomic
def evaluation_score(*, actor, evaluation: Evaluation, scores: Mapping, dimension_indices: Mapping | None = None) -> Evaluation:
    """Score (or score again) every evaluation dimension; the final index follows with the year's weights."""
    permissions.ensure(permissions.can_score_city(actor, evaluation.city, evaluation.round.cycle), "evaluation.score")
    _not_published(evaluation)
    if evaluation.is_imported:
        raise ServiceError(EvaluationError.WRONG_STATUS, _("An imported result has no sub-scores to give."))
    return _score(actor, evaluation, scores, dimension_indices)


@transaction.atomic
def evaluation_submit(*, actor, evaluation: Evaluation) -> Evaluation:
    """The city hands in its self-assessment for the assessors (open → submitted)."""
    permissions.ensure(permissions.can_self_assess(actor, evaluation.city), "evaluation.self_assess")
    if evaluation.status != Status.OPEN:
        raise ServiceError(
            EvaluationError.WRONG_STATUS,
            _("Only an open self-assessment can be submitted; this one is %(status)s.") % {"status": evaluation.get_status_display()},
        )
    return record_update(actor=actor, instance=evaluation, data={"status": Status.SUBMITTED, "submitted_at": timezone.now()})


@transaction.atomic
def evaluation_publish(*, actor, evaluation: Evaluation) -> Evaluation:
    """The ministry publishes a scored round: the city sees it, and each recommendation becomes a follow-up."""
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    if evaluation.status != Status.SCORED or evaluation.final_index is None:
        raise ServiceError(
            EvaluationError.WRONG_STATUS,
            _("Only a scored evaluation can be published; this one is %(status)s.") % {"status": evaluation.get_status_display()},
        )
    for finding in evaluation.findings.filter(kind=Finding.Kind.RECOMMENDATION, follow_up__isnull=True):
        record_create(
            actor=actor, model=FollowUp, data={"city": evaluation.city, "evaluation": evaluation, "finding": finding, "text": finding.text}
        )
    return record_update(actor=actor, instance=evaluation, data={"status": Status.PUBLISHED, "published_at": timezone.now()})


@transaction.atomic
def evaluation_record_letter(*, actor, evaluation: Evaluation, letter_number: str, letter_date: datetime.date | None) -> Evaluation:
    """The ministry's results letter (number, date)."""
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    number = required_text(letter_number, "letter_number", _("Give the number of the results letter."))
    if letter_date is None:
        raise ServiceError(CoreError.REQUIRED, _("Give the date of the results letter."), field="letter_date")
    if letter_date > timezone.localdate():
        raise ServiceError(CoreError.DATE_IN_FUTURE, _("The letter's date lies in the future."), field="letter_date")
    return record_update(actor=actor, instance=evaluation, data={"letter_number": number, "letter_date": letter_date})


@transaction.atomic
def evaluation_import(
    *,
    actor,
    city: City,
    year: int,
    round: int | None,
    final_index: Decimal,
    source: str,
    letter_number: str = "",
    letter_date: datetime.date | None = None,
) -> Evaluation:
    """A historic result known only as a published final index (a letter, the press): no sub-scores, marked imported."""
    permissions.ensure(permissions.can_manage_evaluation(actor), "evaluation.manage")
    cycle = cycle_of(year)
    rnd = round_of(cycle, round)
    value = as_score(final_index, field="final_index")
    source = required_text(source, "source", _("Name the source of the imported result (a letter or a press report)."))
    if letter_date is not None and letter_date > timezone.localdate():
        raise ServiceError(CoreError.DATE_IN_FUTURE, _("The letter's date lies in the future."), field="letter_date")
    _check_new(city, rnd)
    return record_create(
        actor=actor,
        model=Evaluation,
        data={
            "city": city,
            "round": rnd,
            "status": Status.PUBLISHED,
            "final_index": value,
            "is_imported": True,
            "source": source,
            "formula": "",
            "letter_number": (letter_number or "").strip(),
            "letter_date": letter_date,
            "published_at": timezone.now(),
        },
    )


# --- self-assessment -------------------------------------------------------------------------


def _self_assessable(actor, evaluation: Evaluation) -> None:
    permissions.ensure(permissions.can_self_assess(actor, evaluation.city), "evaluation.self_assess")
    if evaluation.status != Status.OPEN:
        raise ServiceError(
            EvaluationError.WRONG_STATUS,
            _("The self-assessment is %(status)s: only an open one can be changed.") % {"status": evaluation.get_status_display()},
        )


@transaction.atomic
def self_assessment_set(*, actor, evaluation: Evaluation, dimension_code: str, narrative: str) -> SelfAssessment:
    """The city's narrative for one evaluation dimension (created or replaced)."""
    _self_assessable(actor, evaluation)
    dimension = resolve_code(EvaluationDimension, dimension_code, field="dimension_code")
    concurrency.lock(evaluation)
    existing = evaluation.self_assessments.filter(dimension=dimension).first()
    narrative = (narrative or "").strip()
    if existing is not None and existing.narrative == narrative:
        return existing
    if existing is None:
        assessment = record_create(
            actor=actor, model=SelfAssessment, data={"evaluation": evaluation, "dimension": dimension, "narrative": narrative}
        )
    else:
        assessment = record_update(actor=actor, instance=existing, data={"narrative": narrative})
    concurrency.bump(evaluation)  # the evaluation's answer shows its self-assessment: its version covers it
    return assessment


@transaction.atomic
def self_assessment_evidence_add(
    *, actor, evaluation: Evaluation, dimension_code: str, description: str, file=None, link: str = ""
) -> SelfAssessmentEvidence:
    """A file (checked and stored privately under a generated name) or a link backing a self-assessment."""
    _self_assessable(actor, evaluation)
    dimension = resolve_code(EvaluationDimension, dimension_code, field="dimension_code")
    description = required_text(description, "description", _("Describe the evidence."))
    link = (link or "").strip()
    if file is None and not link:
        raise ServiceError(CoreError.REQUIRED, _("Upload a file or give a link."), field="file")
    data = {"description": description, "link": link, "uploaded_by": actor}
    if file is not None:
        extension = checked_extension(file)
        data["original_name"] = file.name[:255]
        file.name = f"upload.{extension}"
        data["file"] = file
    assessment = evaluation.self_assessments.filter(dimension=dimension).first() or record_create(
        actor=actor, model=SelfAssessment, data={"evaluation": evaluation, "dimension": dimension, "narrative": ""}
    )
    return record_create(actor=actor, model=SelfAssessmentEvidence, data={"self_assessment": assessment, **data})


@transaction.atomic
def self_assessment_evidence_remove(*, actor, evidence: SelfAssessmentEvidence) -> None:
    _self_assessable(actor, evidence.self_assessment.evaluation)
    record_delete(actor=actor, instance=evidence)


# --- findings --------------------------------------------------------------------------------


def _lines(items: Iterable[str] | None) -> list[str]:
    return [text.strip() for text in (items or []) if text and text.strip()]


@transaction.atomic
def findings_set(
    *, actor, evaluation: Evaluation, strengths: Iterable[str], weaknesses: Iterable[str], recommendations: Iterable[str]
) -> Evaluation:
    """Replace the assessors' findings: strengths, weaknesses and recommendations (one text each)."""
    permissions.ensure(permissions.can_score_city(actor, evaluation.city, evaluation.round.cycle), "evaluation.score")
    _not_published(evaluation)
    concurrency.lock(evaluation)
    Kind = Finding.Kind
    wanted = [
        (kind, order, text)
        for kind, texts in ((Kind.STRENGTH, strengths), (Kind.WEAKNESS, weaknesses), (Kind.RECOMMENDATION, recommendations))
        for order, text in enumerate(_lines(texts), start=1)
    ]
    current = list(evaluation.findings.order_by("kind", "order", "pk"))
    if sorted(wanted) == sorted((f.kind, f.order, f.text) for f in current):
        return evaluation
    for finding in current:
        record_delete(actor=actor, instance=finding)
    for kind, order, text in wanted:
        record_create(actor=actor, model=Finding, data={"evaluation": evaluation, "kind": kind, "text": text, "order": order})
    concurrency.bump(evaluation)
    return evaluation


# --- follow-ups ------------------------------------------------------------------------------


@transaction.atomic
def follow_up_create(*, actor, evaluation: Evaluation, text: str, owner_opd_id=None, due_date: datetime.date | None = None) -> FollowUp:
    """A follow-up from a recommendation that reached the city outside the findings (a results
    letter of an imported result): the ministry or the city's coordinators, once published."""
    permissions.ensure(
        permissions.can_manage_evaluation(actor) or permissions.can_manage_city(actor, evaluation.city), "evaluation.follow_up"
    )
    if evaluation.status != Status.PUBLISHED:
        raise ServiceError(EvaluationError.WRONG_STATUS, _("Follow-ups belong to a published result."))
    text = required_text(text, "text", _("Write the recommendation to follow up."))
    opd_id = owner_opd_id.pk if isinstance(owner_opd_id, Opd) else owner_opd_id
    owner = None if opd_id is None else resolve(Opd, opd_id, city=evaluation.city, field="owner_opd_id")
    return record_create(
        actor=actor,
        model=FollowUp,
        data={"city": evaluation.city, "evaluation": evaluation, "text": text, "owner_opd": owner, "due_date": due_date},
    )


FOLLOW_UP_FIELDS = {"owner_opd_id", "due_date", "status", "evidence_note", "evidence_link", "evidence_file"}


@transaction.atomic
def follow_up_update(*, actor, follow_up: FollowUp, **fields) -> FollowUp:
    """Owner department, due date, status (open, in progress, closed) and evidence; closing needs evidence."""
    permissions.ensure(permissions.can_work_on_follow_up(actor, follow_up), "evaluation.follow_up")
    check_editable(fields, FOLLOW_UP_FIELDS)
    if "owner_opd_id" in fields:
        permissions.ensure(permissions.can_manage_city(actor, follow_up.city), "evaluation.follow_up")
        opd = fields.pop("owner_opd_id")
        opd_id = opd.pk if isinstance(opd, Opd) else opd
        fields["owner_opd"] = None if opd_id is None else resolve(Opd, opd_id, city=follow_up.city, field="owner_opd_id")
    if "status" in fields and fields["status"] not in FollowUp.Status.values:
        raise ServiceError(CoreError.INVALID, _("Choose open, in progress or closed."), field="status")
    for name in ("evidence_note", "evidence_link"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    upload = fields.pop("evidence_file", None)
    if upload is not None:
        extension = checked_extension(upload)
        fields["evidence_name"] = upload.name[:255]
        upload.name = f"upload.{extension}"
        fields["evidence_file"] = upload
    status = fields.get("status", follow_up.status)
    link = fields.get("evidence_link", follow_up.evidence_link)
    has_file = bool(fields.get("evidence_file") or follow_up.evidence_file)
    if status == FollowUp.Status.CLOSED and not link and not has_file:
        raise ServiceError(
            EvaluationError.FOLLOW_UP_EVIDENCE_MISSING,
            _("“%(text)s” cannot be closed without evidence: add a link or a file.") % {"text": follow_up.text[:80]},
            field="evidence_link",
        )
    if status == FollowUp.Status.CLOSED and follow_up.status != FollowUp.Status.CLOSED:
        fields["closed_on"] = timezone.localdate()
    elif status != FollowUp.Status.CLOSED:
        fields["closed_on"] = None
    return record_update(actor=actor, instance=follow_up, data=fields)
