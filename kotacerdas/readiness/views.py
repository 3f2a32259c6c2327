"""Pages of the readiness and gap analysis: the overview of every lens and one lens to work on."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import add_write_error
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.readiness import selectors, services
from kotacerdas.readiness.forms import AssessmentForm, GapForm, SwotForm

OVERVIEW_LIMIT = 5  # items per SWOT quadrant and gaps per lens on the overview; the lens page has all


def _plan(request, city):
    plans = list(plan_selectors.masterplans_of(city))
    chosen = plan_selectors.requested_masterplan_id(request.GET.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    if plan is not None:
        plan.city = city
    return plans, plan


def overview(request, code: str):
    """A card per lens: rating, SWOT grid, gaps with the programmes closing them; gaps nothing closes yet."""
    city = city_selectors.city_or_404(request.user, code)
    plans, plan = _plan(request, city)
    context = {"city": city, "plans": plans, "plan": plan, "limit": OVERVIEW_LIMIT, "minus_limit": -OVERVIEW_LIMIT,
               "can_manage": permissions.can_manage_city(request.user, city)}
    if plan is not None:
        rows = selectors.readiness_by_lens(plan)
        context.update(rows=rows, open_gaps=paginate(request, selectors.gaps_without_programme(rows)),
                       n_pending=selectors.pending_outputs(plan).count())
    return render(request, "readiness/overview.html", context)


def lens(request, code: str, lens_code: str):
    city = city_selectors.city_or_404(request.user, code)
    the_lens = selectors.lens_or_404(lens_code)
    plans, plan = _plan(request, city)
    if plan is None:
        return redirect("readiness:overview", city.code)
    return _workspace(request, city, plan, the_lens, plans=plans)


def _workspace(request, city, plan, the_lens, *, state=None, plans=None, assessment_form=None):
    """The lens page, whole or (htmx) only its workspace; `state` puts one form in edit mode or shows its errors."""
    data = selectors.lens_workspace(plan, the_lens)
    data["gaps"] = paginate(request, data["gaps"])
    can_manage = permissions.can_manage_city(request.user, city)
    context = {"city": city, "plan": plan, "lens": the_lens, "can_manage": can_manage, "state": state or {}, **data}
    if can_manage:
        context["ratings"] = selectors.ratings()
        context["programmes"] = list(selectors.programmes_of(plan))
        context["assessment_form"] = assessment_form or AssessmentForm(initial=_assessment_initial(data["assessment"]))
    if request.htmx:
        return render(request, "readiness/_workspace.html", context)
    context["plans"] = plans if plans is not None else list(plan_selectors.masterplans_of(city))
    context["lenses"] = selectors.lenses()
    return render(request, "readiness/lens.html", context)


def _assessment_initial(assessment) -> dict:
    if assessment is None:
        return {}
    return {"rating": assessment.rating_id, "current_condition": assessment.current_condition, "target_condition": assessment.target_condition}


def _after_write(request, city, plan, the_lens, anchor=""):
    if request.htmx:
        return _workspace(request, city, plan, the_lens)
    page = request.GET.get("page")
    query = f"?masterplan={plan.pk}" + (f"&page={page}" if page else "")
    return redirect(reverse("readiness:lens", args=[city.code, the_lens.code]) + query + anchor)


def _submit(request, city, plan, the_lens, *, form, run, state, anchor=""):
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            return _after_write(request, city, plan, the_lens, anchor)
    return _workspace(request, city, plan, the_lens, state={**state, "form": form, "selected": _selected(form)})


def _selected(form) -> set[int]:
    if "programmes" not in form.fields:
        return set()
    return {int(getattr(v, "pk", v)) for v in (form["programmes"].value() or []) if str(getattr(v, "pk", v)).isdigit()}


def _write_plan(request, city):
    """The masterplan a write is for (the form's hidden `masterplan`, else the current one); 404 if none."""
    return plan_selectors.masterplan_or_404(city, plan_selectors.requested_masterplan_id(request.POST.get("masterplan")))


def _writable(request, code):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    return city


# --- the assessment ------------------------------------------------------------------------------

@require_POST
def assessment_save(request, code: str, lens_code: str):
    city = _writable(request, code)
    the_lens = selectors.lens_or_404(lens_code)
    plan = _write_plan(request, city)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_save(actor=request.user, masterplan=plan, lens=the_lens, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            if not request.htmx:
                messages.success(request, _("Assessment of %(lens)s saved.") % {"lens": the_lens.name})
            return _after_write(request, city, plan, the_lens, "#assessment")
    return _workspace(request, city, plan, the_lens, assessment_form=form)


# --- SWOT items ----------------------------------------------------------------------------------

@require_POST
def swot_add(request, code: str, lens_code: str):
    city = _writable(request, code)
    the_lens = selectors.lens_or_404(lens_code)
    plan = _write_plan(request, city)
    category = request.POST.get("category", "")
    return _submit(request, city, plan, the_lens, form=SwotForm(request.POST), state={"kind": "swot-add", "id": category},
                   anchor=f"#swot-{category}",
                   run=lambda data: services.swot_item_create(actor=request.user, masterplan=plan, lens=the_lens, **data))


def swot_edit(request, code: str, pk: int):
    city = _writable(request, code)
    item = selectors.swot_item_or_404(city, pk)
    state = {"kind": "swot-edit", "id": item.pk}
    if request.method != "POST":
        form = SwotForm(initial={"category": item.category, "text": item.text})
        return _workspace(request, city, item.masterplan, item.lens, state={**state, "form": form})
    return _submit(request, city, item.masterplan, item.lens, form=SwotForm(request.POST), state=state, anchor=f"#swot-item-{item.pk}",
                   run=lambda data: services.swot_item_update(actor=request.user, item=item, **data))


@require_POST
def swot_delete(request, code: str, pk: int):
    city = _writable(request, code)
    item = selectors.swot_item_or_404(city, pk)
    services.swot_item_delete(actor=request.user, item=item)
    return _after_write(request, city, item.masterplan, item.lens, f"#swot-{item.category}")


@require_POST
def swot_move(request, code: str, pk: int, direction: str):
    city = _writable(request, code)
    item = selectors.swot_item_or_404(city, pk)
    services.swot_item_move(actor=request.user, item=item, offset=-1 if direction == "up" else 1)
    return _after_write(request, city, item.masterplan, item.lens, f"#swot-item-{item.pk}")


# --- gap items -----------------------------------------------------------------------------------

@require_POST
def gap_add(request, code: str, lens_code: str):
    city = _writable(request, code)
    the_lens = selectors.lens_or_404(lens_code)
    plan = _write_plan(request, city)
    return _submit(request, city, plan, the_lens, form=GapForm(request.POST), state={"kind": "gap-add"}, anchor="#gaps",
                   run=lambda data: services.gap_item_create(actor=request.user, masterplan=plan, lens=the_lens, **data))


def gap_edit(request, code: str, pk: int):
    city = _writable(request, code)
    item = selectors.gap_item_or_404(city, pk)
    state = {"kind": "gap-edit", "id": item.pk}
    if request.method != "POST":
        form = GapForm(initial={"description": item.description, "current_condition": item.current_condition,
                                "target_condition": item.target_condition, "programmes": list(item.programmes.values_list("pk", flat=True))})
        return _workspace(request, city, item.masterplan, item.lens, state={**state, "form": form, "selected": _selected(form)})
    return _submit(request, city, item.masterplan, item.lens, form=GapForm(request.POST), state=state, anchor=f"#gap-{item.pk}",
                   run=lambda data: services.gap_item_update(actor=request.user, item=item, **data))


@require_POST
def gap_delete(request, code: str, pk: int):
    city = _writable(request, code)
    item = selectors.gap_item_or_404(city, pk)
    services.gap_item_delete(actor=request.user, item=item)
    return _after_write(request, city, item.masterplan, item.lens, "#gaps")


# --- adopting bimtek outputs ---------------------------------------------------------------------

@require_POST
def adopt_output(request, code: str, output_id: int):
    """Turn a bimtek SWOT or gap output into an item of the analysis (keeps its provenance)."""
    city = city_selectors.city_or_404(request.user, code)
    output = selectors.output_or_404(city, output_id)
    lens_code = request.POST.get("lens") or (output.lens.code if output.lens else "")
    the_lens = selectors.lens_or_404(lens_code) if lens_code else None
    plan = output.workshop.masterplan
    plan.city = city
    try:
        item = services.output_adopt(actor=request.user, city=city, output=output, lens=the_lens)
    except ServiceError as exc:
        if request.htmx and the_lens is not None:
            return _workspace(request, city, plan, the_lens, state={"kind": "adopt", "error": exc.message})
        messages.error(request, exc.message)
        target = reverse("readiness:lens", args=[city.code, the_lens.code]) if the_lens else reverse("readiness:overview", args=[city.code])
        return redirect(f"{target}?masterplan={plan.pk}")
    if not request.htmx:
        messages.success(request, _("Adopted: %(text)s") % {"text": output.text[:80]})
    return _after_write(request, city, plan, item.lens, "#pending")
