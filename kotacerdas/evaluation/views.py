"""Pages of the annual evaluation: a city's evaluations, a round, follow-ups; national pages for the
ministry (years and rounds, assessor assignments) and the public national ranking."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities.forms import CohortFilterForm
from kotacerdas.core import permissions, tabular
from kotacerdas.core.api import resolve
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import add_write_error, write_from_form
from kotacerdas.evaluation import forms, selectors, services, tables
from kotacerdas.evaluation.error_codes import EvaluationError
from kotacerdas.evaluation.facts import known_facts
from kotacerdas.evaluation.models import Assignment, Cycle, Evaluation, Finding, FollowUp, Round, SelfAssessmentEvidence
from kotacerdas.framework.models import EvaluationDimension
from kotacerdas.programmes.files import evidence_response

Status = Evaluation.Status


def _evaluation(request, city, pk) -> Evaluation:
    rows = Evaluation.objects.select_related("round__cycle__year", "city__region")
    if permissions.role_of(request.user) is None:
        rows = rows.filter(status=Status.PUBLISHED)
    return resolve(Evaluation, pk, city=city, queryset=rows)


def _signed_in(request) -> None:
    if permissions.role_of(request.user) is None:
        raise PermissionDenied(_("Sign in to see this page."))


def _open_rounds(city):
    """Rounds of opened years the city has no evaluation for yet."""
    return Round.objects.select_related("cycle__year").exclude(evaluations__city=city).order_by("-cycle__year__year", "number")


# --- a city's evaluations ----------------------------------------------------------------------


def index(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    user = request.user
    can_self_assess = permissions.can_self_assess(user, city)
    can_manage = permissions.can_manage_evaluation(user)
    rounds = list(_open_rounds(city)) if (can_self_assess or can_manage or permissions.is_national(user)) else []
    return render(
        request,
        "evaluation/index.html",
        {
            "city": city,
            "evaluations": selectors.city_evaluations(user, city),
            "start_form": forms.StartForm(rounds=rounds) if rounds and (can_self_assess or permissions.is_national(user)) else None,
            "import_form": forms.ImportForm(rounds=rounds) if rounds and can_manage else None,
            "follow_ups": selectors.follow_ups_due(city) if permissions.role_of(user) else [],
        },
    )


@require_POST
def start(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    rounds = list(_open_rounds(city))
    form = forms.StartForm(request.POST, rounds=rounds)
    by_pk = {str(r.pk): r for r in rounds}

    def write(data):
        rnd = by_pk[data["round"]]
        return services.evaluation_create(actor=request.user, city=city, year=rnd.cycle.year.year, round=rnd.number)

    evaluation = write_from_form(form, write)
    if evaluation:
        messages.success(request, _("The evaluation of %(round)s was started.") % {"round": evaluation.round})
        return redirect("evaluation:detail", city.code, evaluation.pk)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evaluation:index", city.code)


@require_POST
def import_result(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_evaluation(request.user), "evaluation.manage")
    rounds = list(_open_rounds(city))
    form = forms.ImportForm(request.POST, rounds=rounds)
    by_pk = {str(r.pk): r for r in rounds}

    def write(data):
        rnd = by_pk[data["round"]]
        return services.evaluation_import(
            actor=request.user,
            city=city,
            year=rnd.cycle.year.year,
            round=rnd.number,
            final_index=data["final_index"],
            source=data["source"],
        )

    if write_from_form(form, write):
        messages.success(request, _("The imported result was recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("evaluation:index", city.code)


def _detail_context(request, city, evaluation, **forms_given) -> dict:
    user = request.user
    e = selectors.evaluation_detail(evaluation)
    e.rank, e.province_rank = selectors.rank_of(e) if e.status == Status.PUBLISHED else (None, None)
    visible = selectors.scores_visible(user, e)
    cycle = e.round.cycle
    can_score = permissions.can_score_city(user, city, cycle) and e.status != Status.PUBLISHED and not e.is_imported
    can_self_assess = permissions.can_self_assess(user, city) and e.status == Status.OPEN
    can_manage = permissions.can_manage_evaluation(user)
    signed_in_reader = permissions.role_of(user) is not None
    weights = {code: Decimal(w) for code, w in e.weights.items()}
    dimensions = list(EvaluationDimension.objects.filter(evaluationweight__year=cycle.year).order_by("order"))
    self_by_code = {sa.dimension.code: sa for sa in e.self_assessments.all()}
    sections = []
    if signed_in_reader:
        for d in dimensions:
            sa = self_by_code.get(d.code)
            sections.append(
                {
                    "dimension": d,
                    "assessment": sa,
                    "form": forms_given.get(f"self_{d.code}")
                    or (forms.SelfAssessmentForm(initial={"narrative": sa.narrative if sa else ""}) if can_self_assess else None),
                    "evidence_form": forms_given.get(f"evidence_{d.code}") or (forms.EvidenceForm() if can_self_assess else None),
                }
            )
    findings = {kind: [f for f in e.findings.all() if f.kind == kind] for kind in Finding.Kind.values} if visible else {}
    score_initial = {s.dimension.code: s.score for s in e.scores.all()}
    return {
        "city": city,
        "evaluation": e,
        "visible": visible,
        "weights": weights,
        "improvement": selectors.improvement(e) if visible else None,
        "previous_index": selectors.two_places(e.previous_index),
        "sections": sections,
        "facts": known_facts(city, cycle.year.year) if signed_in_reader else None,
        "carried": list(selectors.follow_ups(city, before_year=cycle.year.year)) if signed_in_reader else [],
        "findings": findings,
        "can_self_assess": can_self_assess,
        "can_score": can_score,
        "can_manage": can_manage,
        "scores_form": forms_given.get("scores") or (forms.ScoresForm(dimensions=dimensions, initial=score_initial) if can_score else None),
        "findings_form": forms_given.get("findings")
        or (
            forms.FindingsForm(
                initial={
                    "strengths": "\n".join(f.text for f in e.findings.all() if f.kind == Finding.Kind.STRENGTH),
                    "weaknesses": "\n".join(f.text for f in e.findings.all() if f.kind == Finding.Kind.WEAKNESS),
                    "recommendations": "\n".join(f.text for f in e.findings.all() if f.kind == Finding.Kind.RECOMMENDATION),
                }
            )
            if can_score
            else None
        ),
        "letter_form": forms_given.get("letter")
        or (forms.LetterForm(initial={"letter_number": e.letter_number, "letter_date": e.letter_date}) if can_manage else None),
    }


def detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    return render(request, "evaluation/detail.html", _detail_context(request, city, evaluation))


def _back(city, evaluation, anchor: str = ""):
    return redirect(reverse("evaluation:detail", args=[city.code, evaluation.pk]) + (f"#{anchor}" if anchor else ""))


def _dimension(code: str) -> EvaluationDimension:
    found = EvaluationDimension.objects.filter(code=code).first()
    if found is None:
        raise Http404(_("No such evaluation dimension."))
    return found


@require_POST
def self_assess(request, code: str, pk: int, dimension: str):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    dim = _dimension(dimension)
    permissions.ensure(permissions.can_self_assess(request.user, city), "evaluation.self_assess")
    form = forms.SelfAssessmentForm(request.POST)
    if write_from_form(
        form,
        lambda data: services.self_assessment_set(
            actor=request.user, evaluation=evaluation, dimension_code=dim.code, narrative=data["narrative"]
        ),
    ):
        messages.success(request, _("The self-assessment of %(dimension)s was saved.") % {"dimension": dim.name})
        return _back(city, evaluation, f"self-{dim.code}")
    return render(request, "evaluation/detail.html", _detail_context(request, city, evaluation, **{f"self_{dim.code}": form}))


@require_POST
def evidence_add(request, code: str, pk: int, dimension: str):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    dim = _dimension(dimension)
    permissions.ensure(permissions.can_self_assess(request.user, city), "evaluation.self_assess")
    form = forms.EvidenceForm(request.POST, request.FILES)
    if write_from_form(
        form,
        lambda data: services.self_assessment_evidence_add(
            actor=request.user,
            evaluation=evaluation,
            dimension_code=dim.code,
            description=data["description"],
            file=data.get("file"),
            link=data.get("link") or "",
        ),
    ):
        messages.success(request, _("The evidence was added."))
        return _back(city, evaluation, f"self-{dim.code}")
    return render(request, "evaluation/detail.html", _detail_context(request, city, evaluation, **{f"evidence_{dim.code}": form}))


def evidence_file(request, code: str, evidence_pk: int):
    """A self-assessment's evidence file: signed-in readers of the city only."""
    city = city_selectors.city_or_404(request.user, code)
    _signed_in(request)
    evidence = resolve(SelfAssessmentEvidence, evidence_pk, city=city)
    if not evidence.file:
        raise Http404(_("This evidence is a link, not a file."))
    return evidence_response(evidence)


def follow_up_file(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    _signed_in(request)
    follow_up = resolve(FollowUp, pk, city=city)
    if not follow_up.evidence_file:
        raise Http404(_("This follow-up has no evidence file."))

    class _File:
        file = follow_up.evidence_file
        original_name = follow_up.evidence_name

    return evidence_response(_File)


def _action(request, code: str, pk: int, run, success: str, anchor: str = ""):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    try:
        with transaction.atomic():
            run(evaluation)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return _back(city, evaluation, anchor)


@require_POST
def submit(request, code: str, pk: int):
    return _action(
        request, code, pk, lambda e: services.evaluation_submit(actor=request.user, evaluation=e), _("The self-assessment was submitted.")
    )


@require_POST
def publish(request, code: str, pk: int):
    return _action(
        request, code, pk, lambda e: services.evaluation_publish(actor=request.user, evaluation=e), _("The result was published.")
    )


@require_POST
def score(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    permissions.ensure(permissions.can_score_city(request.user, city, evaluation.round.cycle), "evaluation.score")
    dimensions = list(EvaluationDimension.objects.filter(evaluationweight__year=evaluation.round.cycle.year).order_by("order"))
    form = forms.ScoresForm(request.POST, dimensions=dimensions)
    if write_from_form(form, lambda data: services.evaluation_score(actor=request.user, evaluation=evaluation, scores=data)):
        messages.success(request, _("The scores were saved."))
        return _back(city, evaluation, "result")
    return render(request, "evaluation/detail.html", _detail_context(request, city, evaluation, scores=form))


@require_POST
def findings(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    permissions.ensure(permissions.can_score_city(request.user, city, evaluation.round.cycle), "evaluation.score")
    form = forms.FindingsForm(request.POST)

    def write(data):
        return services.findings_set(
            actor=request.user,
            evaluation=evaluation,
            **{name: data[name].splitlines() for name in ("strengths", "weaknesses", "recommendations")},
        )

    if write_from_form(form, write):
        messages.success(request, _("The findings were saved."))
        return _back(city, evaluation, "findings")
    return render(request, "evaluation/detail.html", _detail_context(request, city, evaluation, findings=form))


@require_POST
def letter(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    evaluation = _evaluation(request, city, pk)
    permissions.ensure(permissions.can_manage_evaluation(request.user), "evaluation.manage")
    form = forms.LetterForm(request.POST)
    if write_from_form(form, lambda data: services.evaluation_record_letter(actor=request.user, evaluation=evaluation, **data)):
        messages.success(request, _("The results letter was recorded."))
        return _back(city, evaluation, "letter")
    return render(request, "evaluation/detail.html", _detail_context(request, city, evaluation, letter=form))


# --- follow-ups ------------------------------------------------------------------------------


def follow_ups(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    _signed_in(request)
    rows = list(selectors.follow_ups(city))
    for row in rows:
        row.can_edit = permissions.can_work_on_follow_up(request.user, row)
    return render(request, "evaluation/follow_ups.html", {"city": city, "follow_ups": rows})


def follow_up_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    follow_up = resolve(FollowUp, pk, city=city, queryset=selectors.follow_ups(city))
    permissions.ensure(permissions.can_work_on_follow_up(request.user, follow_up), "evaluation.follow_up")
    can_assign = permissions.can_manage_city(request.user, city)
    initial = {
        "owner_opd_id": follow_up.owner_opd,
        "due_date": follow_up.due_date,
        "status": follow_up.status,
        "evidence_note": follow_up.evidence_note,
        "evidence_link": follow_up.evidence_link,
    }
    form = track_version(
        forms.FollowUpForm(request.POST or None, request.FILES or None, city=city, can_assign=can_assign, initial=initial), follow_up
    )
    if request.method == "POST":

        def write(data):
            fields = {name: value for name, value in data.items() if name != "evidence_file" or value}
            return services.follow_up_update(actor=request.user, follow_up=follow_up, **fields)

        if write_from_form(form, write):
            messages.success(request, _("The follow-up was saved."))
            return redirect("evaluation:follow_ups", city.code)
    return render(request, "evaluation/follow_up_form.html", {"city": city, "follow_up": follow_up, "form": form})


# --- national pages ----------------------------------------------------------------------------


def years(request):
    """The ministry's page: opened years with their weights and rounds; open a year, add a round."""
    permissions.ensure(permissions.can_manage_evaluation(request.user), "evaluation.manage")
    cycle_form = forms.CycleForm(request.POST or None if request.POST.get("form") == "cycle" else None)
    round_form = forms.RoundForm(request.POST or None if request.POST.get("form") == "round" else None)
    if (
        request.method == "POST"
        and request.POST.get("form") == "cycle"
        and write_from_form(cycle_form, lambda data: services.cycle_open(actor=request.user, **data))
    ):
        messages.success(request, _("The evaluation year was opened."))
        return redirect("evaluation_national:years")
    if request.method == "POST" and request.POST.get("form") == "round":
        cycle = Cycle.objects.filter(year__year=request.POST.get("year")).first()
        if cycle is None:
            round_form.is_valid()
            add_write_error(round_form, ServiceError(EvaluationError.YEAR_NOT_OPEN))
        elif write_from_form(round_form, lambda data: services.round_create(actor=request.user, cycle=cycle, **data)):
            messages.success(request, _("The round was added."))
            return redirect("evaluation_national:years")
    return render(
        request,
        "evaluation/years.html",
        {"cycles": list(selectors.cycles()), "cycle_form": cycle_form, "round_form": round_form, "selected": request.POST.get("year")},
    )


def assignments(request):
    permissions.ensure(permissions.is_national(request.user), "evaluation.manage")
    can_manage = permissions.can_manage_evaluation(request.user)
    cycles = list(Cycle.objects.select_related("year").order_by("-year__year"))
    year = _year_param(request, [c.year.year for c in cycles])
    form = forms.AssignmentForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        permissions.ensure(can_manage, "evaluation.manage")
        cycle = next((c for c in cycles if c.year.year == year), None)
        if cycle is None:
            raise Http404(_("No evaluation year is open."))
        if write_from_form(
            form, lambda data: services.assignment_create(actor=request.user, cycle=cycle, city=data["city"], assessor=data["assessor"])
        ):
            messages.success(request, _("The assessor was assigned."))
            return redirect(reverse("evaluation_national:assignments") + f"?year={year}")
    return render(
        request,
        "evaluation/assignments.html",
        {"rows": selectors.assignments(year=year), "form": form, "year": year, "years": [c.year.year for c in cycles]},
    )


@require_POST
def assignment_delete(request, pk: int):
    permissions.ensure(permissions.can_manage_evaluation(request.user), "evaluation.manage")
    assignment = Assignment.objects.select_related("cycle__year").filter(pk=pk).first()
    if assignment is None:
        raise Http404(_("No such assignment."))
    services.assignment_delete(actor=request.user, assignment=assignment)
    messages.success(request, _("The assignment was removed."))
    return redirect(reverse("evaluation_national:assignments") + f"?year={assignment.cycle.year.year}")


def _year_param(request, years: list[int], default: int | None = None) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year in years:
        return year
    return default if default in years else (years[0] if years else None)


def ranking(request):
    """The national ranking of a year (published results; public)."""
    years = selectors.ranked_years()
    year = _year_param(request, years, selectors.latest_published_year())
    cohort_filter = CohortFilterForm(request.GET)
    cohort = cohort_filter.chosen()
    rows = list(selectors.ranking(year, cohort_id=cohort.pk if cohort else None)) if year else []
    for row in rows:
        row.change = selectors.improvement(row)
        row.previous = selectors.two_places(row.previous_index)
    return render(
        request, "evaluation/ranking.html", {"rows": rows, "year": year, "years": years, "cohort_filter": cohort_filter, "cohort": cohort}
    )


def ranking_export(request):
    """The ranking of the chosen year as the page shows it (published results only)."""
    years = selectors.ranked_years()
    year = _year_param(request, years, selectors.latest_published_year())
    if year is None:
        raise Http404
    cohort = CohortFilterForm(request.GET).chosen()
    return tabular.download(
        fmt=request.GET.get("format", ""),
        columns=tables.RANKING_COLUMNS,
        rows=selectors.ranking(year, cohort_id=cohort.pk if cohort else None),
        what=_("ranking %(year)d") % {"year": year},
    )
