"""Pages of the masterplan record and its vision → missions → objectives → targets tree."""
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
from kotacerdas.masterplan import selectors, services
from kotacerdas.masterplan.forms import LegaliseForm, MasterplanEditForm, MasterplanForm, MissionForm, ObjectiveForm, TargetForm


# --- helpers ---------------------------------------------------------------------------------

def _manage(request, city) -> bool:
    return permissions.can_manage_city(request.user, city)


def _ensure_manage(request, city) -> None:
    permissions.ensure(_manage(request, city), "city.manage")


def _chosen_plan(request, city, *, source=None):
    return selectors.masterplan_or_404(city, selectors.requested_masterplan_id((source or request.GET).get("masterplan")))


# --- the masterplan record -----------------------------------------------------------------------

def detail(request, code: str):
    """The current masterplan (or the one chosen), its status, period and regulation; the others to switch to."""
    city = city_selectors.city_or_404(request.user, code)
    plans = list(selectors.masterplans_of(city))
    chosen = selectors.requested_masterplan_id(request.GET.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    return _detail_page(request, city, plans, plan)


def _detail_page(request, city, plans, plan, *, create_form=None, legalise_form=None, status=200):
    can_manage = _manage(request, city)
    next_start = (plans[0].end_year + 1) if plans else None
    context = {
        "city": city, "plans": plans, "plan": plan, "can_manage": can_manage,
        "create_form": create_form or MasterplanForm(initial={"start_year": next_start, "end_year": next_start + 4 if next_start else None}),
        "legalise_form": legalise_form or (LegaliseForm(initial={"regulation_number": plan.regulation_number, "regulation_date": plan.regulation_date}) if plan else None),
    }
    return render(request, "masterplan/detail.html", context, status=status)


@require_POST
def create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    _ensure_manage(request, city)
    form = MasterplanForm(request.POST)
    if form.is_valid():
        try:
            plan = services.masterplan_create(actor=request.user, city=city, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("Masterplan %(plan)s created.") % {"plan": plan})
            return redirect(f"{reverse('masterplan:detail', args=[city.code])}?masterplan={plan.pk}")
    plans = list(selectors.masterplans_of(city))
    return _detail_page(request, city, plans, plans[0] if plans else None, create_form=form)


def edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    plan = selectors.masterplan_or_404(city, pk)
    _ensure_manage(request, city)
    if request.method == "POST":
        form = MasterplanEditForm(request.POST, masterplan=plan)
        if form.is_valid():
            try:
                services.masterplan_update(actor=request.user, masterplan=plan, **form.cleaned_data)
            except (ServiceError, ValidationError) as exc:
                add_write_error(form, exc)
            else:
                messages.success(request, _("Masterplan saved."))
                return redirect(f"{reverse('masterplan:detail', args=[city.code])}?masterplan={plan.pk}")
    else:
        form = MasterplanEditForm(masterplan=plan, initial={f: getattr(plan, f) for f in ("title", "start_year", "end_year", "vision", "status")})
    return render(request, "masterplan/edit.html", {"city": city, "plan": plan, "form": form})


@require_POST
def legalise(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    plan = selectors.masterplan_or_404(city, pk)
    _ensure_manage(request, city)
    form = LegaliseForm(request.POST)
    if form.is_valid():
        try:
            services.masterplan_legalise(actor=request.user, masterplan=plan, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("Masterplan legalised by %(number)s.") % {"number": plan.regulation_number})
            return redirect(f"{reverse('masterplan:detail', args=[city.code])}?masterplan={plan.pk}")
    plan.refresh_from_db()
    return _detail_page(request, city, list(selectors.masterplans_of(city)), plan, legalise_form=form)


# --- the vision tree ---------------------------------------------------------------------------

def vision(request, code: str):
    """Vision, missions, objectives (with the dimensions they serve), targets; bimtek keywords."""
    city = city_selectors.city_or_404(request.user, code)
    plans = list(selectors.masterplans_of(city))
    chosen = selectors.requested_masterplan_id(request.GET.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    if plan is None:
        return render(request, "masterplan/vision.html", {"city": city, "plans": plans, "plan": None, "can_manage": _manage(request, city)})
    return _tree(request, city, plan, plans=plans)


def _tree(request, city, plan, *, state=None, plans=None):
    """The tree, whole page or (htmx) just the tree; `state` puts one form in edit mode or shows its errors."""
    context = {"city": city, "plan": plan, "can_manage": _manage(request, city), "state": state or {}, **selectors.vision_tree(plan)}
    if request.htmx:
        return render(request, "masterplan/_vision_tree.html", context)
    context["plans"] = plans if plans is not None else list(selectors.masterplans_of(city))
    context["keywords"] = paginate(request, selectors.vision_keywords(plan))
    return render(request, "masterplan/vision.html", context)


def _after_write(request, city, plan, anchor: str = ""):
    if request.htmx:
        return _tree(request, city, plan)
    return redirect(f"{reverse('masterplan:vision', args=[city.code])}?masterplan={plan.pk}{anchor}")


def _submit(request, city, plan, *, form, run, state: dict, anchor: str = ""):
    """Validate, run the service, answer with the tree; a refusal goes back onto the same form."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            return _after_write(request, city, plan, anchor)
    return _tree(request, city, plan, state={**state, "form": form, "selected": _selected(form)})


def _selected(form) -> set[int]:
    """The dimension ids ticked on an objective form (bound or initial)."""
    if "dimensions" not in form.fields:
        return set()
    value = form["dimensions"].value() or []
    return {int(getattr(v, "pk", v)) for v in value if str(getattr(v, "pk", v)).isdigit()}


@require_POST
def mission_add(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    plan = _chosen_plan(request, city, source=request.POST)
    _ensure_manage(request, city)
    return _submit(request, city, plan, form=MissionForm(request.POST), state={"kind": "mission-add"},
                   run=lambda data: services.mission_create(actor=request.user, masterplan=plan, text=data["text"]))


def mission_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, pk)
    _ensure_manage(request, city)
    state = {"kind": "mission-edit", "id": mission.pk}
    if request.method != "POST":
        return _tree(request, city, mission.masterplan, state={**state, "form": MissionForm(initial={"text": mission.text})})
    return _submit(request, city, mission.masterplan, form=MissionForm(request.POST), state=state, anchor=f"#mission-{mission.pk}",
                   run=lambda data: services.mission_update(actor=request.user, mission=mission, text=data["text"]))


@require_POST
def mission_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, pk)
    _ensure_manage(request, city)
    services.mission_delete(actor=request.user, mission=mission)
    return _after_write(request, city, mission.masterplan)


@require_POST
def mission_move(request, code: str, pk: int, direction: str):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, pk)
    _ensure_manage(request, city)
    services.mission_move(actor=request.user, mission=mission, offset=-1 if direction == "up" else 1)
    return _after_write(request, city, mission.masterplan, f"#mission-{mission.pk}")


@require_POST
def objective_add(request, code: str, mission_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, mission_pk)
    _ensure_manage(request, city)
    return _submit(request, city, mission.masterplan, form=ObjectiveForm(request.POST), state={"kind": "objective-add", "id": mission.pk},
                   anchor=f"#mission-{mission.pk}",
                   run=lambda data: services.objective_create(actor=request.user, mission=mission, **data))


def objective_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, pk)
    _ensure_manage(request, city)
    plan = objective.mission.masterplan
    state = {"kind": "objective-edit", "id": objective.pk}
    if request.method != "POST":
        form = ObjectiveForm(initial={"text": objective.text, "dimensions": list(objective.dimensions.values_list("pk", flat=True))})
        return _tree(request, city, plan, state={**state, "form": form, "selected": _selected(form)})
    return _submit(request, city, plan, form=ObjectiveForm(request.POST), state=state, anchor=f"#objective-{objective.pk}",
                   run=lambda data: services.objective_update(actor=request.user, objective=objective, **data))


@require_POST
def objective_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, pk)
    _ensure_manage(request, city)
    services.objective_delete(actor=request.user, objective=objective)
    return _after_write(request, city, objective.mission.masterplan)


@require_POST
def objective_move(request, code: str, pk: int, direction: str):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, pk)
    _ensure_manage(request, city)
    services.objective_move(actor=request.user, objective=objective, offset=-1 if direction == "up" else 1)
    return _after_write(request, city, objective.mission.masterplan, f"#objective-{objective.pk}")


@require_POST
def target_add(request, code: str, objective_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, objective_pk)
    _ensure_manage(request, city)
    return _submit(request, city, objective.mission.masterplan, form=TargetForm(request.POST), state={"kind": "target-add", "id": objective.pk},
                   anchor=f"#objective-{objective.pk}",
                   run=lambda data: services.target_create(actor=request.user, objective=objective, **data))


def target_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    target = selectors.target_or_404(city, pk)
    _ensure_manage(request, city)
    plan = target.objective.mission.masterplan
    state = {"kind": "target-edit", "id": target.pk}
    if request.method != "POST":
        form = TargetForm(initial={f: getattr(target, f) for f in ("indicator", "value", "unit", "year")})
        return _tree(request, city, plan, state={**state, "form": form})
    return _submit(request, city, plan, form=TargetForm(request.POST), state=state, anchor=f"#objective-{target.objective_id}",
                   run=lambda data: services.target_update(actor=request.user, target=target, **data))


@require_POST
def target_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    target = selectors.target_or_404(city, pk)
    _ensure_manage(request, city)
    services.target_delete(actor=request.user, target=target)
    return _after_write(request, city, target.objective.mission.masterplan)
