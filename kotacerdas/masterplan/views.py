"""Pages of the masterplan record and its vision → missions → objectives → targets tree."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.masterplan import selectors, services
from kotacerdas.masterplan.forms import (
    LegaliseForm,
    MasterplanEditForm,
    MasterplanForm,
    MissionForm,
    ObjectiveForm,
    RevisionOpenForm,
    TargetForm,
)

# The vision page's part that the bimtek's vision keywords load into (htmx target of their pager).
KEYWORDS_SLOT = "vision-keywords"


# --- helpers ---------------------------------------------------------------------------------


def _manage(request, city) -> bool:
    return permissions.can_manage_city(request.user, city)


def _ensure_manage(request, city) -> None:
    permissions.ensure(_manage(request, city), "city.manage")


def _chosen_plan(request, city, *, source=None):
    return selectors.masterplan_or_404(city, selectors.requested_masterplan_id((source or request.GET).get("masterplan")))


def _plan_url(city, plan, page: str = "detail", anchor: str = "") -> str:
    return f"{reverse(f'masterplan:{page}', args=[city.code])}?masterplan={plan.pk}{anchor}"


# --- the masterplan record -----------------------------------------------------------------------


def detail(request, code: str):
    """The current masterplan (or the one chosen), its status, period and regulation; the others to switch to."""
    city = city_selectors.city_or_404(request.user, code)
    plans = list(selectors.masterplans_of(city))
    chosen = selectors.requested_masterplan_id(request.GET.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    return _detail_page(request, city, plans, plan)


def _detail_page(request, city, plans, plan, *, create_form=None, legalise_form=None, revision_form=None):
    next_start = (plans[0].end_year + 1) if plans else None
    revisions = list(selectors.revisions_of(plan)) if plan else []
    open_revision = next((r for r in revisions if r.is_open), None)
    initial = {"start_year": next_start, "end_year": next_start + 4 if next_start else None}
    context = {
        "city": city,
        "plans": plans,
        "plan": plan,
        "can_manage": _manage(request, city),
        "create_form": create_form or MasterplanForm(initial=initial, auto_id="new-%s"),
        "legalise_form": legalise_form
        or (
            LegaliseForm(
                initial={"regulation_number": plan.regulation_number, "regulation_date": plan.regulation_date},
                auto_id="legalise-%s",
            )
            if plan
            else None
        ),
        "revisions": revisions,
        "open_revision": open_revision,
        "revision_form": revision_form or RevisionOpenForm(auto_id="revision-%s"),
        "legalising_regulation": selectors.legalising_regulation(plan) if plan and plan.regulation_number else None,
    }
    return render(request, "masterplan/detail.html", context)


@require_POST
def create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    _ensure_manage(request, city)
    form = MasterplanForm(request.POST, auto_id="new-%s")
    plan = write_from_form(form, lambda data: services.masterplan_create(actor=request.user, city=city, **data))
    if plan:
        messages.success(request, _("“%(plan)s” created.") % {"plan": plan})
        return redirect(_plan_url(city, plan))
    plans = list(selectors.masterplans_of(city))
    return _detail_page(request, city, plans, plans[0] if plans else None, create_form=form)


def edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    plan = selectors.masterplan_or_404(city, pk)
    _ensure_manage(request, city)
    if request.method == "POST":
        form = track_version(MasterplanEditForm(request.POST, masterplan=plan, auto_id="edit-%s"), plan)
        if write_from_form(form, lambda data: services.masterplan_update(actor=request.user, masterplan=plan, **data)):
            messages.success(request, _("Masterplan saved."))
            return redirect(_plan_url(city, plan))
    else:
        initial = {f: getattr(plan, f) for f in ("title", "start_year", "end_year", "vision", "period_reason", "status")}
        form = track_version(MasterplanEditForm(masterplan=plan, initial=initial, auto_id="edit-%s"), plan)
    return render(request, "masterplan/edit.html", {"city": city, "plan": plan, "form": form})


@require_POST
def legalise(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    plan = selectors.masterplan_or_404(city, pk)
    _ensure_manage(request, city)
    form = LegaliseForm(request.POST, auto_id="legalise-%s")
    if write_from_form(form, lambda data: services.masterplan_legalise(actor=request.user, masterplan=plan, **data)):
        messages.success(request, _("Masterplan legalised by %(number)s.") % {"number": plan.regulation_number})
        return redirect(_plan_url(city, plan))
    plan.refresh_from_db()
    return _detail_page(request, city, list(selectors.masterplans_of(city)), plan, legalise_form=form)


@require_POST
def revision_open(request, code: str, pk: int):
    """Open a revision of a legalised masterplan: its content may change until the amending regulation closes it."""
    city = city_selectors.city_or_404(request.user, code)
    plan = selectors.masterplan_or_404(city, pk)
    _ensure_manage(request, city)
    form = RevisionOpenForm(request.POST, auto_id="revision-%s")
    if revision := write_from_form(form, lambda data: services.revision_open(actor=request.user, masterplan=plan, **data)):
        messages.success(request, _("%(revision)s opened: the masterplan may now be changed.") % {"revision": revision})
        return redirect(_plan_url(city, plan, anchor="#revisions-h"))
    return _detail_page(request, city, list(selectors.masterplans_of(city)), plan, revision_form=form)


# --- the vision tree ---------------------------------------------------------------------------


def vision(request, code: str):
    """Vision, missions, objectives (with the dimensions they serve), targets; the bimtek's keywords load beside them."""
    city = city_selectors.city_or_404(request.user, code)
    plans = list(selectors.masterplans_of(city))
    chosen = selectors.requested_masterplan_id(request.GET.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    if plan is None:
        return render(request, "masterplan/vision.html", {"city": city, "plans": plans, "plan": None, "can_manage": _manage(request, city)})
    if request.htmx and request.htmx.target == KEYWORDS_SLOT:
        # The keywords' pager asks this page for its next page: answer with the slot that loads it.
        return render(request, "masterplan/_keywords_slot.html", {"city": city, "plan": plan})
    return _tree(request, city, plan, plans=plans)


def _tree(request, city, plan, *, state=None, plans=None):
    """The tree, whole page or (htmx) just the tree; `state` puts one form in edit mode or shows its errors."""
    tree = selectors.vision_tree(plan)
    can_manage = _manage(request, city)
    context = {"city": city, "plan": plan, "can_manage": can_manage, **tree}
    if can_manage:
        context["mission_form"] = _attach_forms(tree, state or {})
    if request.htmx:
        return render(request, "masterplan/_vision_tree.html", context)
    context["plans"] = plans if plans is not None else list(selectors.masterplans_of(city))
    return render(request, "masterplan/vision.html", context)


def _attach_forms(tree: dict, state: dict):
    """Give every node of the tree its forms (the one in `state` bound, with its errors); returns the new-mission form."""

    def pick(kind: str, pk=None):
        return state["form"] if state.get("kind") == kind and state.get("id") == pk else None

    dimensions = tree["dimensions"]
    for mission in tree["missions"]:
        mission.edit_form = pick("mission-edit", mission.pk)
        mission.objective_form = pick("objective-add", mission.pk) or ObjectiveForm(
            dimensions=dimensions, auto_id=f"objective-new-{mission.pk}-%s"
        )
        for objective in mission.objectives.all():
            objective.edit_form = pick("objective-edit", objective.pk)
            objective.target_form = pick("target-add", objective.pk) or TargetForm(auto_id=f"target-new-{objective.pk}-%s")
            for target in objective.targets.all():
                target.edit_form = pick("target-edit", target.pk)
    return pick("mission-add") or MissionForm(auto_id="mission-new-%s")


def _after_write(request, city, plan, anchor: str = ""):
    if request.htmx:
        return _tree(request, city, plan)
    return redirect(_plan_url(city, plan, "vision", anchor))


def _write(request, city, plan, *, form, write, state: dict, anchor: str = ""):
    """Run the one service behind the form: the tree after it, or the same form with the refusal on it."""
    if write_from_form(form, write):
        return _after_write(request, city, plan, anchor)
    return _tree(request, city, plan, state={**state, "form": form})


def _run(request, city, plan, write, anchor: str = ""):
    """A write without a form (delete, move): one service call; a refusal is shown as a message."""
    try:
        with transaction.atomic():
            write()
    except ServiceError as exc:
        messages.error(request, exc.message)
    return _after_write(request, city, plan, anchor)


@require_POST
def mission_add(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    plan = _chosen_plan(request, city, source=request.POST)
    _ensure_manage(request, city)
    return _write(
        request,
        city,
        plan,
        form=MissionForm(request.POST, auto_id="mission-new-%s"),
        state={"kind": "mission-add", "id": None},
        write=lambda data: services.mission_create(actor=request.user, masterplan=plan, text=data["text"]),
    )


def mission_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, pk)
    _ensure_manage(request, city)
    state = {"kind": "mission-edit", "id": mission.pk}
    if request.method != "POST":
        return _tree(
            request,
            city,
            mission.masterplan,
            state={**state, "form": track_version(MissionForm(initial={"text": mission.text}, auto_id="mission-edit-%s"), mission)},
        )
    return _write(
        request,
        city,
        mission.masterplan,
        form=track_version(MissionForm(request.POST, auto_id="mission-edit-%s"), mission),
        state=state,
        anchor=f"#mission-{mission.pk}",
        write=lambda data: services.mission_update(actor=request.user, mission=mission, text=data["text"]),
    )


@require_POST
def mission_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, pk)
    _ensure_manage(request, city)
    return _run(request, city, mission.masterplan, lambda: services.mission_delete(actor=request.user, mission=mission))


@require_POST
def mission_move(request, code: str, pk: int, direction: str):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, pk)
    _ensure_manage(request, city)
    offset = -1 if direction == "up" else 1
    return _run(
        request,
        city,
        mission.masterplan,
        lambda: services.mission_move(actor=request.user, mission=mission, offset=offset),
        f"#mission-{mission.pk}",
    )


@require_POST
def objective_add(request, code: str, mission_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    mission = selectors.mission_or_404(city, mission_pk)
    _ensure_manage(request, city)
    form = ObjectiveForm(request.POST, auto_id=f"objective-new-{mission.pk}-%s")
    return _write(
        request,
        city,
        mission.masterplan,
        form=form,
        state={"kind": "objective-add", "id": mission.pk},
        anchor=f"#mission-{mission.pk}",
        write=lambda data: services.objective_create(actor=request.user, mission=mission, **data),
    )


def objective_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, pk)
    _ensure_manage(request, city)
    plan = objective.mission.masterplan
    state = {"kind": "objective-edit", "id": objective.pk}
    if request.method != "POST":
        initial = {"text": objective.text, "dimension_codes": list(objective.dimensions.values_list("code", flat=True))}
        form = track_version(ObjectiveForm(initial=initial, auto_id="objective-edit-%s"), objective)
        return _tree(request, city, plan, state={**state, "form": form})
    return _write(
        request,
        city,
        plan,
        form=track_version(ObjectiveForm(request.POST, auto_id="objective-edit-%s"), objective),
        state=state,
        anchor=f"#objective-{objective.pk}",
        write=lambda data: services.objective_update(actor=request.user, objective=objective, **data),
    )


@require_POST
def objective_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, pk)
    _ensure_manage(request, city)
    return _run(request, city, objective.mission.masterplan, lambda: services.objective_delete(actor=request.user, objective=objective))


@require_POST
def objective_move(request, code: str, pk: int, direction: str):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, pk)
    _ensure_manage(request, city)
    offset = -1 if direction == "up" else 1
    return _run(
        request,
        city,
        objective.mission.masterplan,
        lambda: services.objective_move(actor=request.user, objective=objective, offset=offset),
        f"#objective-{objective.pk}",
    )


@require_POST
def target_add(request, code: str, objective_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    objective = selectors.objective_or_404(city, objective_pk)
    _ensure_manage(request, city)
    return _write(
        request,
        city,
        objective.mission.masterplan,
        form=TargetForm(request.POST, auto_id=f"target-new-{objective.pk}-%s"),
        state={"kind": "target-add", "id": objective.pk},
        anchor=f"#objective-{objective.pk}",
        write=lambda data: services.target_create(actor=request.user, objective=objective, **data),
    )


def target_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    target = selectors.target_or_404(city, pk)
    _ensure_manage(request, city)
    plan = target.objective.mission.masterplan
    state = {"kind": "target-edit", "id": target.pk}
    if request.method != "POST":
        initial = {f: getattr(target, f) for f in ("indicator", "value", "unit", "year")}
        return _tree(
            request, city, plan, state={**state, "form": track_version(TargetForm(initial=initial, auto_id="target-edit-%s"), target)}
        )
    return _write(
        request,
        city,
        plan,
        form=track_version(TargetForm(request.POST, auto_id="target-edit-%s"), target),
        state=state,
        anchor=f"#objective-{target.objective_id}",
        write=lambda data: services.target_update(actor=request.user, target=target, **data),
    )


@require_POST
def target_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    target = selectors.target_or_404(city, pk)
    _ensure_manage(request, city)
    return _run(request, city, target.objective.mission.masterplan, lambda: services.target_delete(actor=request.user, target=target))
