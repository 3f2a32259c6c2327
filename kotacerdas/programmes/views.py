"""Pages of the programme registry: list, detail, forms, roadmap, quick wins, dashboard."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.bimtek.models import Output
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions, tabular
from kotacerdas.core.api import resolve
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import SpreadsheetForm, write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.core.storage import private_storage
from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.jobs.models import Job
from kotacerdas.masterplan.selectors import masterplan_or_404
from kotacerdas.programmes import files, forms, selectors, services, tables
from kotacerdas.programmes.models import Evidence, Programme, QuickWin


def _context(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    return city, masterplan_or_404(city)


def _programme_or_404(city, masterplan, pk) -> Programme:
    """A programme of the city's current masterplan with what its page shows; 404 otherwise."""
    return resolve(Programme, pk, city=city, queryset=selectors.programme_details(masterplan))


# --- list, detail -------------------------------------------------------------------------


def programme_list(request, code: str):
    city, masterplan = _context(request, code)
    filters = selectors.parse_filters(request.GET)
    page = paginate(request, selectors.filtered_programmes(masterplan, filters))
    return render(
        request,
        "programmes/list.html",
        {
            "city": city,
            "masterplan": masterplan,
            "page": page,
            "filters": filters,
            "dimensions": Dimension.objects.all(),
            "elements": Element.objects.select_related("dimension"),
            "horizons": Horizon.objects.all(),
            "statuses": ProgrammeStatus.objects.all(),
            "funding_sources": FundingSource.objects.all(),
            "opds": city.opds.all(),
            "can_create": permissions.can_create_programme(request.user, city, getattr(request.user, "opd", None)),
        },
    )


def programme_detail(request, code: str, pk: int):
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    can_edit = permissions.can_edit_programme(request.user, programme)
    return render(
        request,
        "programmes/detail.html",
        {
            "city": city,
            "masterplan": masterplan,
            "programme": programme,
            "can_edit": can_edit,
            "can_manage": permissions.can_manage_city(request.user, city),
            "evidence_form": forms.EvidenceForm(programme=programme) if can_edit else None,
            "budget_total": programme.budget_total,
            "horizon_fits": selectors.horizon_fits(programme),
        },
    )


# --- create, edit, delete -----------------------------------------------------------------


def programme_create(request, code: str):
    city, masterplan = _context(request, code)
    user_opd = getattr(request.user, "opd", None)
    permissions.ensure(permissions.can_create_programme(request.user, city, user_opd), "programme.create")
    origin = _origin(city, masterplan, request.GET.get("origin") or request.POST.get("origin"))
    initial = _initial_from_origin(origin, masterplan)
    if not permissions.can_manage_city(request.user, city):
        initial["lead_opd"] = user_opd
    return _programme_form(request, city, masterplan, programme=None, initial=initial, origin=origin)


def programme_edit(request, code: str, pk: int):
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    permissions.ensure(permissions.can_edit_programme(request.user, programme), "programme.edit")
    initial = {
        name: getattr(programme, name) for name in forms.ProgrammeForm.base_fields if name not in ("supporting_opds", "keep_horizon")
    }
    initial["supporting_opds"] = list(programme.supporting_opds.all())
    return _programme_form(request, city, masterplan, programme=programme, initial=initial, origin=programme.origin)


def _programme_form(request, city, masterplan, *, programme, initial, origin):
    data = request.POST if request.method == "POST" else None
    years = list(masterplan.years)
    form = track_version(forms.ProgrammeForm(data, masterplan=masterplan, initial=initial), programme)
    if not permissions.can_manage_city(request.user, city):
        # Operators write programmes of their own department only.
        form.fields["lead_opd"].queryset = city.opds.filter(pk=getattr(request.user, "opd_id", None))
        form.fields["lead_opd"].required = True
    saved_years = {y.year: _year_initial(y) for y in programme.years.all()} if programme else {}
    # One row per year of the programme's period (the masterplan's for a new one), the saved values filled in.
    first, last = (programme.start_year, programme.end_year) if programme else (initial["start_year"], initial["end_year"])
    period = sorted({*range(first, last + 1), *saved_years})
    year_initial = [saved_years.get(year, {"year": year}) for year in period]
    partner_initial = [{"stakeholder": p.stakeholder, "role": p.role} for p in programme.partners.all()] if programme else []
    year_formset = forms.YearFormSet(
        data,
        prefix="years",
        initial=year_initial,
        form_kwargs={"years": years, "status_choices": forms.choices_of(ProgrammeStatus.objects.all(), lambda s: s.name)},
    )
    stakeholder_choices = forms.choices_of(city.stakeholders.all())
    funding_initial = (
        [
            {"year": y.year, "source": f.source_id, "amount": f.amount, "stakeholder": f.stakeholder_id}
            for y in programme.years.all()
            for f in y.funding.all()
        ]
        if programme
        else []
    )
    funding_formset = forms.FundingFormSet(
        data,
        prefix="funding",
        initial=funding_initial,
        form_kwargs={
            "city": city,
            "years": years,
            "source_choices": forms.choices_of(FundingSource.objects.all(), lambda f: f.name),
            "stakeholder_choices": stakeholder_choices,
        },
    )
    partner_formset = forms.PartnerFormSet(
        data,
        prefix="partners",
        initial=partner_initial,
        form_kwargs={"city": city, "stakeholder_choices": stakeholder_choices},
    )
    step_initial = [_step_initial(s) for s in programme.steps.all()] if programme else []
    step_formset = forms.StepFormSet(
        data,
        prefix="steps",
        initial=step_initial,
        form_kwargs={"city": city, "years": years, "opd_choices": form.opd_choices},
    )
    formsets_valid = year_formset.is_valid() & partner_formset.is_valid() & step_formset.is_valid() & funding_formset.is_valid()
    if data is not None and formsets_valid:
        rows = _with_funding(forms.kept_rows(year_formset, needs=("budget", "status"), saved=set(saved_years)), funding_formset)
        partners = forms.kept_rows(partner_formset)
        steps = forms.kept_rows(step_formset)

        def write(fields):
            fields = {k: v for k, v in fields.items() if k != "keep_horizon"}
            if programme is None:
                return services.programme_create(
                    actor=request.user, masterplan=masterplan, origin=origin, years=rows, partners=partners, steps=steps, **fields
                )
            return services.programme_update(
                actor=request.user, programme=Programme.objects.get(pk=programme.pk), years=rows, partners=partners, steps=steps, **fields
            )

        saved = write_from_form(form, write)
        if saved:
            if programme is None:
                messages.success(request, _("Programme “%(name)s” created.") % {"name": saved.name})
            else:
                messages.success(request, _("Programme “%(name)s” saved.") % {"name": saved.name})
            return redirect("programmes:detail", city.code, saved.pk)
    return render(
        request,
        "programmes/form.html",
        {
            "city": city,
            "masterplan": masterplan,
            "programme": programme,
            "form": form,
            "origin": origin,
            "year_formset": year_formset,
            "partner_formset": partner_formset,
            "step_formset": step_formset,
            "funding_formset": funding_formset,
        },
    )


def _with_funding(rows: list[dict], funding_formset) -> list[dict]:
    """The yearly rows, each with its funding shares; a share of a year without a row brings the year
    (with no budget, so the services name the difference)."""
    by_year: dict[int, list[dict]] = {}
    for share in forms.kept_rows(funding_formset):
        year = share.pop("year")
        by_year.setdefault(year, []).append(share)
    for row in rows:
        row["funding"] = by_year.pop(row["year"], [])
    rows += [{"year": year, "budget": None, "funding": shares} for year, shares in sorted(by_year.items())]
    return rows


def _step_initial(step) -> dict:
    return {"year": step.year, "description": step.description, "milestone": step.milestone, "opd": step.opd_id}


def _year_initial(row) -> dict:
    return {
        "year": row.year,
        "budget": row.budget,
        "status": row.status_id,
        "saved": True,  # marks the row on the page: its removal is the person's choice, never the script's
    }


def _origin(city, masterplan, value) -> Output | None:
    """The bimtek output (of this masterplan) a new programme comes from, if any; 404 for any other."""
    if not value:
        return None
    outputs = Output.objects.select_related("workshop", "proposed_by_opd", "proposed_by_stakeholder").filter(
        workshop__masterplan=masterplan
    )
    return resolve(Output, selectors._int(value), city=city, queryset=outputs)


def _initial_from_origin(origin, masterplan) -> dict:
    """A programme idea from a bimtek prefills the form: its text, dimension and proposing department."""
    if origin is None:
        return {"start_year": masterplan.start_year, "end_year": masterplan.end_year}
    first_line, _sep, rest = origin.text.strip().partition("\n")
    return {
        "name": first_line[:250],
        "description": rest.strip() or origin.text.strip(),
        "dimension": origin.dimension,
        "lead_opd": origin.proposed_by_opd,
        "start_year": masterplan.start_year,
        "end_year": masterplan.end_year,
    }


def programme_delete(request, code: str, pk: int):
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    permissions.ensure(permissions.can_edit_programme(request.user, programme), "programme.edit")
    links = services.programme_links(programme)
    form = forms.DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and write_from_form(
        form, lambda data: services.programme_delete(actor=request.user, programme=programme, force=data["force"])
    ):
        messages.success(request, _("Programme “%(name)s” deleted.") % {"name": programme.name})
        return redirect("programmes:list", city.code)
    return render(
        request,
        "programmes/delete.html",
        {
            "city": city,
            "programme": programme,
            "links": links,
            "form": form,
            "can_force": permissions.can_manage_city(request.user, city),
        },
        status=409 if form.errors else 200,
    )


# --- evidence -----------------------------------------------------------------------------


@require_POST
def evidence_upload(request, code: str, pk: int):
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    permissions.ensure(permissions.can_edit_programme(request.user, programme), "programme.edit")
    form = forms.EvidenceForm(request.POST, request.FILES, programme=programme)
    if write_from_form(form, lambda data: services.evidence_upload(actor=request.user, programme=programme, **data)):
        messages.success(request, _("File uploaded."))
        return redirect(reverse("programmes:detail", args=[city.code, programme.pk]) + "#evidence")
    return render(
        request,
        "programmes/detail.html",
        {
            "city": city,
            "masterplan": masterplan,
            "programme": programme,
            "can_edit": True,
            "can_manage": permissions.can_manage_city(request.user, city),
            "evidence_form": form,
            "budget_total": programme.budget_total,
        },
        status=400,
    )


@require_POST
def evidence_delete(request, code: str, pk: int, evidence_pk: int):
    city, masterplan = _context(request, code)
    evidence = resolve(
        Evidence,
        evidence_pk,
        city=city,
        queryset=Evidence.objects.filter(programme__masterplan=masterplan, programme_id=pk).select_related("programme__masterplan__city"),
    )
    services.evidence_delete(actor=request.user, evidence=evidence)
    messages.success(request, _("File deleted."))
    return redirect(reverse("programmes:detail", args=[city.code, pk]) + "#evidence")


def evidence_download(request, code: str, pk: int, evidence_pk: int):
    """An evidence file, to whoever may see its programme's city (404 for everyone else)."""
    city = city_selectors.city_or_404(request.user, code)
    evidence = resolve(Evidence, evidence_pk, city=city, queryset=Evidence.objects.filter(programme_id=pk))
    return files.evidence_response(evidence)


def programme_export(request, code: str):
    """The list as on screen (same filters), every page, with the columns the import reads back; the
    workbook's second sheet holds their yearly rows (a CSV holds one table: `?part=years` downloads them)."""
    city, masterplan = _context(request, code)
    programmes = selectors.filtered_programmes(masterplan, selectors.parse_filters(request.GET))
    years = (tables.YEARS_SHEET, list(tables.YEAR_COLUMNS.values()), selectors.programme_years(programmes))
    fmt = request.GET.get("format", "")
    if fmt == "csv" and request.GET.get("part") == "years":
        return tabular.download(fmt=fmt, columns=years[1], rows=years[2], what=_("programme years"), city=city)
    return tabular.download(
        fmt=fmt,
        columns=list(tables.PROGRAMME_COLUMNS.values()),
        rows=programmes.prefetch_related("supporting_opds"),
        what=_("programmes"),
        city=city,
        more_sheets=[years],
    )


def programme_import_template(request, code: str):
    """The empty workbook to fill for an import: the headers explained, and the codes the cells may use."""
    city, _masterplan = _context(request, code)
    permissions.ensure(permissions.can_import_programmes(request.user, city), "programme.create")
    response = HttpResponse(tables.template_workbook(selectors.template_references(city)), content_type=tabular.FORMATS["xlsx"])
    name = tabular.file_name(_("programme import template"), city, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def programme_import(request, code: str):
    """Upload a workbook → a background job previews every row (nothing written) → its preview here →
    confirm → a background job writes all rows, or none."""
    city, masterplan = _context(request, code)
    permissions.ensure(permissions.can_import_programmes(request.user, city), "programme.create")
    form = SpreadsheetForm(request.POST or None, request.FILES or None)
    preview = _preview_job(request, city)
    if request.method == "POST" and preview is not None and "confirm" in request.POST:
        job = services.programme_import_start(actor=request.user, masterplan=masterplan, confirm=True, upload=preview.params["upload"])
        return redirect("jobs:detail", job.pk)
    if request.method == "POST":
        job = write_from_form(
            form, lambda data: services.programme_import_start(actor=request.user, masterplan=masterplan, confirm=False, file=data["file"])
        )
        if job is not None:
            return redirect("jobs:detail", job.pk)
    context = {"city": city, "masterplan": masterplan, "form": form, "limits": _import_limits()}
    if preview is not None:
        rows = [services.ImportRow(*values) for values in preview.result["preview"]]
        has_errors = any(row.errors for row in rows)
        ready = not has_errors and private_storage.exists(preview.params["upload"])
        # Rows with problems first, then what changes; unchanged rows are only counted.
        shown = sorted((row for row in rows if row.errors or row.action != "unchanged"), key=lambda row: not row.errors)
        context.update(
            rows=shown, n_rows=len(rows), n_unchanged=len(rows) - len(shown), job=preview, has_errors=has_errors, can_confirm=ready
        )
    return render(request, "programmes/import.html", context)


def _preview_job(request, city) -> Job | None:
    """The user's finished preview of an import into this city named by `job` (404 for any other)."""
    pk = selectors._int(request.POST.get("job") or request.GET.get("job"))
    if pk is None:
        return None
    return get_object_or_404(
        Job, pk=pk, actor=request.user, city=city, kind="programmes.programme_import", status=Job.Status.DONE, params__confirm=False
    )


def _import_limits() -> dict:
    return {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024), "rows": settings.IMPORT_MAX_ROWS}


# --- roadmap, dashboard -------------------------------------------------------------------


def roadmap(request, code: str):
    city, masterplan = _context(request, code)
    return render(
        request,
        "programmes/roadmap.html",
        {"city": city, "masterplan": masterplan, **selectors.roadmap(masterplan, request.GET.get("page"))},
    )


def roadmap_export(request, code: str):
    """The roadmap's programmes in its order (all pages)."""
    city, masterplan = _context(request, code)
    rows = selectors.programmes(masterplan).order_by(*selectors.ROADMAP_ORDER)
    return tabular.download(fmt=request.GET.get("format", ""), columns=tables.ROADMAP_COLUMNS, rows=rows, what=_("roadmap"), city=city)


def dashboard(request, code: str):
    city, masterplan = _context(request, code)
    summary = selectors.summary_by_dimension(masterplan)
    return render(
        request,
        "programmes/dashboard.html",
        {
            "city": city,
            "masterplan": masterplan,
            "summary": summary,
            "chart": selectors.chart_data(summary),
            "points": selectors.map_points(masterplan),
            "totals": {
                "programmes": sum(r["programmes"] for r in summary),
                "realised": sum(r["realised"] for r in summary),
                "budget": sum(r["budget"] for r in summary),
            },
        },
    )


# --- quick wins ---------------------------------------------------------------------------


def quick_wins(request, code: str):
    city, masterplan = _context(request, code)
    return render(request, "programmes/quick_wins.html", _board_context(request, city, masterplan))


def quick_wins_export(request, code: str):
    """The quick-win sheets with their scores, best first, as the board shows them."""
    city, masterplan = _context(request, code)
    board = selectors.quick_win_board(masterplan)
    sheets = [sheet for _value, _label, stage in board["stages"] for sheet in stage]
    return tabular.download(
        fmt=request.GET.get("format", ""), columns=tables.quick_win_columns(board["criteria"]), rows=sheets, what=_("quick wins"), city=city
    )


def _board_context(request, city, masterplan) -> dict:
    return {
        "city": city,
        "masterplan": masterplan,
        "can_manage": permissions.can_manage_city(request.user, city),
        "stage_choices": QuickWin.Stage.choices,
        **selectors.quick_win_board(masterplan),
    }


@require_POST
def quick_win_stage(request, code: str, pk: int):
    """Move a quick win to another stage; htmx swaps the board in place."""
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    form = forms.StageForm(request.POST)
    error, status = None, 200
    try:
        if not form.is_valid():
            raise ServiceError(CoreError.INVALID, _("Choose a valid stage."), field="stage")
        with transaction.atomic():
            services.quick_win_set_stage(actor=request.user, programme=programme, stage=form.cleaned_data["stage"])
    except ServiceError as exc:
        error, status = exc.message, exc.status
    if request.htmx:
        context = _board_context(request, city, masterplan) | {"error": error}
        return render(request, "programmes/_quick_win_board.html", context, status=status)
    if error:
        messages.error(request, error)
    return redirect("programmes:quick_wins", city.code)


def quick_win_edit(request, code: str, pk: int):
    """The quick-win sheet of a programme and, for coordinators, its scores."""
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    permissions.ensure(permissions.can_edit_programme(request.user, programme), "programme.edit")
    can_score = permissions.can_manage_city(request.user, city)
    sheet = getattr(programme, "quick_win", None) if programme.is_quick_win else None
    criteria = list(selectors.selection_criteria())
    current = {s.criterion.code: s.score for s in sheet.scores.all()} if sheet else {}
    data = request.POST if request.method == "POST" else None
    sheet_form = track_version(
        forms.QuickWinSheetForm(data, instance=QuickWin(**{f: getattr(sheet, f) for f in services.SHEET_FIELDS}) if sheet else None),
        sheet,
    )
    score_form = forms.QuickWinScoreForm(data, prefix="score", criteria=criteria, initial_scores=current) if can_score else None
    if data is not None and (score_form is None or score_form.is_valid()):
        scores = score_form.scores() if score_form is not None else None
        saved = write_from_form(
            sheet_form,
            lambda fields: services.quick_win_update(
                actor=request.user, programme=programme, scores=scores, **{f: fields[f] for f in services.SHEET_FIELDS}
            ),
        )
        if saved:
            messages.success(request, _("Quick-win sheet saved."))
            return redirect("programmes:detail", city.code, programme.pk)
    return render(
        request,
        "programmes/quick_win_form.html",
        {
            "city": city,
            "masterplan": masterplan,
            "programme": programme,
            "sheet_form": sheet_form,
            "score_form": score_form,
        },
    )


@require_POST
def quick_win_remove(request, code: str, pk: int):
    city, masterplan = _context(request, code)
    programme = _programme_or_404(city, masterplan, pk)
    services.quick_win_remove(actor=request.user, programme=programme)
    messages.success(request, _("“%(name)s” is no longer a quick win.") % {"name": programme.name})
    return redirect("programmes:detail", city.code, programme.pk)
