"""Pages of implementation monitoring: the overview (progress, budget, late programmes, my tasks), one
programme's indicators (targets, realised values with evidence, verification), the verification queue."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions, tabular
from kotacerdas.core.api import resolve
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import Role
from kotacerdas.masterplan.selectors import current_masterplan, masterplan_or_404
from kotacerdas.monitoring import forms, selectors, services, tables
from kotacerdas.monitoring.models import Indicator, Realisation, RealisationEvidence
from kotacerdas.monitoring.values import display
from kotacerdas.programmes import files
from kotacerdas.programmes import selectors as programme_selectors
from kotacerdas.programmes.models import Programme

QUEUE_PAGE_SIZE = 25


def overview(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    masterplan = current_masterplan(city)
    user = request.user
    opd = user.opd if permissions.role_of(user) == Role.OPD_OPERATOR and user.city_id == city.pk else None
    can_verify = permissions.can_verify_realisation(user, city)
    return render(
        request,
        "monitoring/overview.html",
        {
            "city": city,
            "masterplan": masterplan,
            "progress": selectors.city_progress(city),
            "definition": selectors.DEFINITION,
            "budget": selectors.budget_by_year_and_source(city),
            "late": list(selectors.late_programmes(city)),
            "programmes": paginate(request, selectors.programme_rows(city), param="page"),
            "opd": opd,
            "tasks": list(selectors.overdue_updates(city, opd)[:50]) if opd else None,
            "my_late": list(selectors.late_programmes(city, opd=opd)) if opd else None,
            "can_verify": can_verify,
            "waiting": selectors.verification_queue(city).count() if can_verify else None,
            "this_year": selectors.this_year(),
        },
    )


# --- one programme ------------------------------------------------------------------------------


def export(request, code: str):
    """The overview's programme table in full (every page)."""
    city = city_selectors.city_or_404(request.user, code)
    rows = selectors.programme_rows(city)
    return tabular.download(fmt=request.GET.get("format", ""), columns=tables.PROGRAMME_COLUMNS, rows=rows, what=_("monitoring"), city=city)


def _programme(city, pk) -> Programme:
    masterplan = masterplan_or_404(city)
    return resolve(
        Programme,
        pk,
        city=city,
        queryset=Programme.objects.filter(masterplan=masterplan).select_related(
            "masterplan__city", "dimension", "element", "lead_opd", "status"
        ),
    )


def _programme_page(request, city, programme, *, status=200, **bound):
    user = request.user
    indicators = selectors.programme_indicators(programme)
    years = list(range(programme.start_year, programme.end_year + 1))
    can_edit = permissions.can_edit_indicators(user, programme)
    budget_rows = list(
        programme.years.select_related("budget_realisation").prefetch_related(
            Prefetch("funding", queryset=programme_selectors.funding_shares())
        )
    )
    context = {
        "city": city,
        "programme": programme,
        "grid": selectors.indicator_grid(programme, indicators),
        "years": years,
        "can_edit": can_edit,
        "can_verify": permissions.can_verify_realisation(user, city),
        "budget_rows": budget_rows,
        "this_year": selectors.this_year(),
    }
    if can_edit:
        context["indicator_form"] = bound.get("indicator_form") or forms.IndicatorForm(initial={"baseline_year": programme.start_year - 1})
        context["realisation_form"] = bound.get("realisation_form") or (
            forms.RealisationForm(indicators=indicators, years=years, initial={"year": min(selectors.this_year() - 1, programme.end_year)})
            if indicators
            else None
        )
        context["budget_form"] = bound.get("budget_form") or (
            forms.BudgetForm(years=[r.year for r in budget_rows]) if budget_rows else None
        )
        target_forms = bound.get("target_forms", {})
        for row in context["grid"]:
            indicator = row["indicator"]
            row["targets_form"] = target_forms.get(indicator.pk) or forms.TargetsForm(
                indicator=indicator,
                years=years,
                initial={f"y{c['year']}": c["target_display"] if c["target"] else "" for c in row["cells"]},
                prefix=f"t{indicator.pk}",
            )
    context["return_form"] = bound.get("return_form")
    context["returning"] = bound.get("returning")
    return render(request, "monitoring/programme.html", context, status=status)


def programme_indicators(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    return _programme_page(request, city, _programme(city, pk))


def _back(city, programme, anchor: str = "indicators"):
    return redirect(reverse("monitoring:programme", args=[city.code, programme.pk]) + f"#{anchor}")


@require_POST
def indicator_create(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = _programme(city, pk)
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    form = forms.IndicatorForm(request.POST)
    if write_from_form(form, lambda data: services.indicator_create(actor=request.user, programme=programme, **data)):
        messages.success(request, _("Indicator added."))
        return _back(city, programme)
    return _programme_page(request, city, programme, status=400, indicator_form=form)


def indicator_edit(request, code: str, pk: int, indicator_pk: int):
    """GET: the indicator's form with its values; POST: change it (indicator_update), back to the programme."""
    city = city_selectors.city_or_404(request.user, code)
    programme = _programme(city, pk)
    indicator = resolve(Indicator, indicator_pk, city=city, queryset=Indicator.objects.filter(programme=programme))
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    if request.method == "POST":
        form = track_version(forms.IndicatorForm(request.POST), indicator)
        if write_from_form(form, lambda data: services.indicator_update(actor=request.user, indicator=indicator, **data)):
            messages.success(request, _("Indicator saved."))
            return _back(city, programme, f"indicator-{indicator.pk}")
    else:
        form = track_version(forms.IndicatorForm(initial=forms.indicator_initial(indicator)), indicator)
    return render(
        request,
        "monitoring/indicator_form.html",
        {"city": city, "programme": programme, "indicator": indicator, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
def indicator_delete(request, code: str, pk: int, indicator_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = _programme(city, pk)
    indicator = resolve(Indicator, indicator_pk, city=city, queryset=Indicator.objects.filter(programme=programme))
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    form = forms.ConfirmForm(request.POST)
    if write_from_form(form, lambda data: services.indicator_delete(actor=request.user, indicator=indicator)):
        messages.success(request, _("Indicator deleted."))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return _back(city, programme)


@require_POST
def targets_set(request, code: str, pk: int, indicator_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = _programme(city, pk)
    indicator = resolve(Indicator, indicator_pk, city=city, queryset=Indicator.objects.filter(programme=programme))
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    years = range(programme.start_year, programme.end_year + 1)
    form = forms.TargetsForm(request.POST, indicator=indicator, years=years, prefix=f"t{indicator.pk}")
    if write_from_form(form, lambda data: services.targets_set(actor=request.user, indicator=indicator, targets=form.targets())):
        messages.success(request, _("Targets saved."))
        return _back(city, programme, f"indicator-{indicator.pk}")
    return _programme_page(request, city, programme, status=400, target_forms={indicator.pk: form})


@require_POST
def realisation_enter(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = _programme(city, pk)
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    indicators = list(Indicator.objects.filter(programme=programme))
    years = range(programme.start_year, programme.end_year + 1)
    form = forms.RealisationForm(request.POST, request.FILES, indicators=indicators, years=years)

    def write(data):
        return services.realisation_enter(
            actor=request.user,
            indicator=form.indicators[data["indicator"]],
            year=data["year"],
            value=data["value"],
            note=data["note"],
            uploads=[data["file"]] if data.get("file") else [],
            links=[data["link"]] if data.get("link") else [],
        )

    if write_from_form(form, write):
        messages.success(request, _("Realised value recorded; it now waits for the coordinator's verification."))
        return _back(city, programme)
    return _programme_page(request, city, programme, status=400, realisation_form=form)


def _realisation(city, pk) -> Realisation:
    return resolve(Realisation, pk, city=city, queryset=Realisation.objects.select_related("indicator__programme__masterplan__city"))


@require_POST
def realisation_verify(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    realisation = _realisation(city, pk)
    permissions.ensure(permissions.can_verify_realisation(request.user, city), "monitoring.verify")
    form = forms.ConfirmForm(request.POST)
    if write_from_form(form, lambda data: services.realisation_verify(actor=request.user, realisation=realisation)):
        messages.success(
            request, _("Verified: %(indicator)s, %(year)s.") % {"indicator": realisation.indicator.name, "year": realisation.year}
        )
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return _after_review(request, city, realisation)


@require_POST
def realisation_return(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    realisation = _realisation(city, pk)
    permissions.ensure(permissions.can_verify_realisation(request.user, city), "monitoring.verify")
    form = forms.ReturnForm(request.POST)
    if write_from_form(form, lambda data: services.realisation_return(actor=request.user, realisation=realisation, **data)):
        messages.success(
            request,
            _("Returned to the department: %(indicator)s, %(year)s.") % {"indicator": realisation.indicator.name, "year": realisation.year},
        )
        return _after_review(request, city, realisation)
    if request.POST.get("next") == "queue":
        return _queue_page(request, city, status=400, return_form=form, returning=realisation.pk)
    return _programme_page(request, city, realisation.indicator.programme, status=400, return_form=form, returning=realisation.pk)


def _after_review(request, city, realisation):
    if request.POST.get("next") == "queue":
        return redirect("monitoring:queue", city.code)
    return _back(city, realisation.indicator.programme, f"indicator-{realisation.indicator_id}")


@require_POST
def evidence_add(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    realisation = _realisation(city, pk)
    programme = realisation.indicator.programme
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    form = forms.EvidenceForm(request.POST, request.FILES)
    if write_from_form(form, lambda data: services.evidence_add(actor=request.user, realisation=realisation, **data)):
        messages.success(request, _("Evidence added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return _back(city, programme, f"indicator-{realisation.indicator_id}")


def evidence_download(request, code: str, pk: int, evidence_pk: int):
    """An evidence file, to whoever may see the city (404 for everyone else)."""
    city = city_selectors.city_or_404(request.user, code)
    evidence = resolve(
        RealisationEvidence, evidence_pk, city=city, queryset=RealisationEvidence.objects.filter(realisation_id=pk).exclude(file="")
    )
    return files.evidence_response(evidence)


@require_POST
def budget_set(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = _programme(city, pk)
    permissions.ensure(permissions.can_edit_indicators(request.user, programme), "monitoring.edit")
    form = forms.BudgetForm(request.POST, years=list(programme.years.values_list("year", flat=True)))
    if write_from_form(form, lambda data: services.budget_realisation_set(actor=request.user, programme=programme, **data)):
        messages.success(request, _("Realised budget saved."))
        return _back(city, programme, "budget")
    return _programme_page(request, city, programme, status=400, budget_form=form)


# --- verification queue ---------------------------------------------------------------------------


def _queue_page(request, city, *, status=200, return_form=None, returning=None):
    permissions.ensure(permissions.can_verify_realisation(request.user, city), "monitoring.verify")
    page = paginate(request, selectors.verification_queue(city), QUEUE_PAGE_SIZE)
    for r in page:
        r.shown = display(r.indicator, r.value_number, r.value_text)
        r.target_shown = display(r.indicator, r.target_number, "") if r.target_number is not None else None
    return render(
        request,
        "monitoring/queue.html",
        {"city": city, "page": page, "return_form": return_form, "returning": returning},
        status=status,
    )


def queue(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    return _queue_page(request, city)
