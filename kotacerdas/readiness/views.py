"""Pages of the readiness and gap analysis (the overview of every lens and one lens to work on) and of the
strategies per dimension that answer it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.bimtek.models import Output
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities.views import delete_page
from kotacerdas.core import permissions, tabular
from kotacerdas.core.api import resolve
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.readiness import selectors, services, tables
from kotacerdas.readiness.forms import AssessmentForm, GapForm, StrategyForm, SwotForm
from kotacerdas.readiness.models import GapItem, Strategy, SwotItem

OVERVIEW_LIMIT = 5  # items per SWOT quadrant and gaps per lens on the overview; the lens page has all
GAP_PAGE = "gap_page"  # the page parameter of the lens page's gaps
OPEN_GAP_PAGE = "open_gap_page"  # the page parameter of the overview's gaps without a programme


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
    context = {
        "city": city,
        "plans": plans,
        "plan": plan,
        "limit": OVERVIEW_LIMIT,
        "minus_limit": -OVERVIEW_LIMIT,
        "can_manage": permissions.can_manage_city(request.user, city),
    }
    if plan is not None:
        rows = selectors.readiness_by_lens(plan)
        context.update(
            rows=rows,
            open_gaps=paginate(request, selectors.gaps_without_programme(rows), param=OPEN_GAP_PAGE),
            n_pending=selectors.pending_outputs(plan).count(),
            any_gap=any(row["gaps"] for row in rows),
        )
    return render(request, "readiness/overview.html", context)


def export(request, code: str):
    """The chosen masterplan's SWOT items and gaps, every lens, in full (the overview shows the first of each)."""
    city = city_selectors.city_or_404(request.user, code)
    _plans, plan = _plan(request, city)
    if plan is None:
        raise Http404
    rows = [*selectors.swot_items(plan), *selectors.gap_items(plan)]
    return tabular.download(fmt=request.GET.get("format", ""), columns=tables.COLUMNS, rows=rows, what=_("readiness"), city=city)


def lens(request, code: str, lens_code: str):
    city = city_selectors.city_or_404(request.user, code)
    the_lens = selectors.lens_or_404(lens_code)
    plans, plan = _plan(request, city)
    if plan is None:
        return redirect("readiness:overview", city.code)
    return _workspace(request, city, plan, the_lens, plans=plans)


# --- the forms of the lens page (each with its own ids: several are on the page at once) ----------


def _assessment_form(data=None, assessment=None) -> AssessmentForm:
    initial = (
        {"rating": assessment.rating_id, "current_condition": assessment.current_condition, "target_condition": assessment.target_condition}
        if assessment
        else None
    )
    return AssessmentForm(data, initial=initial, auto_id="assessment-%s")


def _swot_form(data=None, *, category: str = "", item: SwotItem | None = None) -> SwotForm:
    """Adding to the quadrant `category` (fixed), or editing `item`."""
    if item is not None:
        return track_version(SwotForm(data, initial={"category": item.category, "text": item.text}, auto_id="swot-edit-%s"), item)
    return SwotForm(data, initial={"category": category}, fixed_category=True, auto_id=f"swot-new-{category}-%s")


def _gap_form(plan, data=None, *, item: GapItem | None = None) -> GapForm:
    if item is not None:
        initial = {
            "description": item.description,
            "current_condition": item.current_condition,
            "target_condition": item.target_condition,
            "programmes": [p.pk for p in item.programmes.all()],
        }
        return track_version(GapForm(data, initial=initial, masterplan=plan, auto_id="gap-edit-%s"), item)
    return GapForm(data, masterplan=plan, auto_id="gap-new-%s")


def _workspace(request, city, plan, the_lens, *, state=None, plans=None, assessment_form=None):
    """The lens page, whole or (htmx) only its workspace; `state` puts one form in edit mode or shows its errors."""
    state = state or {}
    data = selectors.lens_workspace(plan, the_lens)
    data["gaps"] = paginate(request, data["gaps"], param=GAP_PAGE)
    can_manage = permissions.can_manage_city(request.user, city)
    # Every write keeps the masterplan and the page of gaps the user is on.
    keep = urlencode({"masterplan": plan.pk, GAP_PAGE: data["gaps"].number})
    context = {"city": city, "plan": plan, "lens": the_lens, "can_manage": can_manage, "state": state, "keep": keep, **data}
    if can_manage:
        context["assessment_form"] = assessment_form or _assessment_form(assessment=data["assessment"])
        for quadrant in data["quadrants"]:
            adding = state.get("kind") == "swot-add" and state.get("id") == quadrant["code"]
            quadrant["form"] = state["form"] if adding else _swot_form(category=quadrant["code"])
        context["gap_form"] = state["form"] if state.get("kind") == "gap-add" else _gap_form(plan)
        context["programme_count"] = selectors.programmes_of(plan).count()
        for form in (context["gap_form"], state.get("form")):
            if isinstance(form, GapForm):
                form.fields["programmes"].widget.attrs["size"] = min(6, max(2, context["programme_count"]))
    if request.htmx:
        return render(request, "readiness/_workspace.html", context)
    context["plans"] = plans if plans is not None else list(plan_selectors.masterplans_of(city))
    context["lenses"] = selectors.lenses()
    return render(request, "readiness/lens.html", context)


def _after_write(request, city, plan, the_lens, anchor=""):
    if request.htmx:
        return _workspace(request, city, plan, the_lens)
    query = {"masterplan": plan.pk}
    if request.GET.get(GAP_PAGE):
        query[GAP_PAGE] = request.GET[GAP_PAGE]
    return redirect(reverse("readiness:lens", args=[city.code, the_lens.code]) + "?" + urlencode(query) + anchor)


def _write_plan(request, city):
    """The masterplan a write is for (the form's hidden `masterplan`, else the current one); 404 if none."""
    return plan_selectors.masterplan_or_404(city, plan_selectors.requested_masterplan_id(request.POST.get("masterplan")))


def _writable(request, code):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    return city


def _swot_item(city, pk: int) -> SwotItem:
    item = resolve(SwotItem, pk, city=city, queryset=SwotItem.objects.select_related("masterplan", "lens"))
    item.masterplan.city = city
    return item


def _gap(city, pk: int) -> GapItem:
    item = resolve(GapItem, pk, city=city, queryset=GapItem.objects.select_related("masterplan", "lens"))
    item.masterplan.city = city
    return item


# --- the assessment ------------------------------------------------------------------------------


@require_POST
def assessment_save(request, code: str, lens_code: str):
    city = _writable(request, code)
    the_lens = selectors.lens_or_404(lens_code)
    plan = _write_plan(request, city)
    form = _assessment_form(request.POST)
    saved = write_from_form(
        form,
        lambda data: services.assessment_save(
            actor=request.user,
            city=city,
            lens=the_lens,
            masterplan_id=plan.pk,
            rating_code=data["rating"].value if data["rating"] else None,
            current_condition=data["current_condition"],
            target_condition=data["target_condition"],
        ),
    )
    if not saved:
        return _workspace(request, city, plan, the_lens, assessment_form=form)
    if not request.htmx:
        messages.success(request, _("Assessment of %(lens)s saved.") % {"lens": the_lens.name})
    return _after_write(request, city, plan, the_lens, "#assessment")


# --- SWOT items ----------------------------------------------------------------------------------


@require_POST
def swot_add(request, code: str, lens_code: str):
    city = _writable(request, code)
    the_lens = selectors.lens_or_404(lens_code)
    plan = _write_plan(request, city)
    category = request.POST.get("category", "")
    form = _swot_form(request.POST, category=category)
    if write_from_form(
        form, lambda data: services.swot_item_create(actor=request.user, city=city, masterplan_id=plan.pk, lens_code=the_lens.code, **data)
    ):
        return _after_write(request, city, plan, the_lens, f"#swot-{category}")
    return _workspace(request, city, plan, the_lens, state={"kind": "swot-add", "id": category, "form": form})


def swot_edit(request, code: str, pk: int):
    city = _writable(request, code)
    item = _swot_item(city, pk)
    state = {"kind": "swot-edit", "id": item.pk}
    if request.method != "POST":
        return _workspace(request, city, item.masterplan, item.lens, state={**state, "form": _swot_form(item=item)})
    form = _swot_form(request.POST, item=item)
    if write_from_form(form, lambda data: services.swot_item_update(actor=request.user, item=item, **data)):
        return _after_write(request, city, item.masterplan, item.lens, f"#swot-item-{item.pk}")
    return _workspace(request, city, item.masterplan, item.lens, state={**state, "form": form})


@require_POST
def swot_delete(request, code: str, pk: int):
    city = _writable(request, code)
    item = _swot_item(city, pk)
    services.swot_item_delete(actor=request.user, item=item)
    return _after_write(request, city, item.masterplan, item.lens, f"#swot-{item.category}")


@require_POST
def swot_move(request, code: str, pk: int, direction: str):
    city = _writable(request, code)
    item = _swot_item(city, pk)
    services.swot_item_move(actor=request.user, item=item, offset=-1 if direction == "up" else 1)
    return _after_write(request, city, item.masterplan, item.lens, f"#swot-item-{item.pk}")


# --- gap items -----------------------------------------------------------------------------------


def _gap_fields(data: dict) -> dict:
    return {
        "description": data["description"],
        "current_condition": data["current_condition"],
        "target_condition": data["target_condition"],
        "programme_ids": [p.pk for p in data["programmes"]],
    }


@require_POST
def gap_add(request, code: str, lens_code: str):
    city = _writable(request, code)
    the_lens = selectors.lens_or_404(lens_code)
    plan = _write_plan(request, city)
    form = _gap_form(plan, request.POST)
    if write_from_form(
        form,
        lambda data: services.gap_item_create(
            actor=request.user, city=city, masterplan_id=plan.pk, lens_code=the_lens.code, **_gap_fields(data)
        ),
    ):
        return _after_write(request, city, plan, the_lens, "#gaps")
    return _workspace(request, city, plan, the_lens, state={"kind": "gap-add", "form": form})


def gap_edit(request, code: str, pk: int):
    city = _writable(request, code)
    item = _gap(city, pk)
    state = {"kind": "gap-edit", "id": item.pk}
    if request.method != "POST":
        return _workspace(request, city, item.masterplan, item.lens, state={**state, "form": _gap_form(item.masterplan, item=item)})
    form = _gap_form(item.masterplan, request.POST, item=item)
    if write_from_form(form, lambda data: services.gap_item_update(actor=request.user, item=item, **_gap_fields(data))):
        return _after_write(request, city, item.masterplan, item.lens, f"#gap-{item.pk}")
    return _workspace(request, city, item.masterplan, item.lens, state={**state, "form": form})


@require_POST
def gap_delete(request, code: str, pk: int):
    city = _writable(request, code)
    item = _gap(city, pk)
    services.gap_item_delete(actor=request.user, item=item)
    return _after_write(request, city, item.masterplan, item.lens, "#gaps")


# --- adopting bimtek outputs ---------------------------------------------------------------------


@require_POST
def adopt_output(request, code: str, output_id: int):
    """Turn a bimtek SWOT or gap output into an item of the analysis (keeps its provenance)."""
    city = city_selectors.city_or_404(request.user, code)
    output = resolve(Output, output_id, city=city, queryset=Output.objects.select_related("workshop__masterplan", "lens"))
    plan = output.workshop.masterplan
    plan.city = city
    lens_code = request.POST.get("lens") or (output.lens.code if output.lens else "")
    the_lens = selectors.lens_or_404(lens_code) if lens_code else None
    try:
        with transaction.atomic():
            item = services.output_adopt(actor=request.user, output=output, lens_code=lens_code or None)
    except ServiceError as exc:
        if request.htmx and the_lens is not None:
            return _workspace(request, city, plan, the_lens, state={"kind": "adopt", "error": exc.message})
        messages.error(request, exc.message)
        if output.kind == Output.Kind.STRATEGY:
            return redirect(_strategies_url(city, plan))
        target = reverse("readiness:lens", args=[city.code, the_lens.code]) if the_lens else reverse("readiness:overview", args=[city.code])
        return redirect(f"{target}?masterplan={plan.pk}")
    if isinstance(item, Strategy):
        messages.success(request, _("Adopted as a strategy: link the SWOT items it answers and the programmes that carry it."))
        return redirect("readiness:strategy_edit", city.code, item.pk)
    if not request.htmx:
        messages.success(request, _("Adopted: %(text)s") % {"text": output.text[:80]})
    return _after_write(request, city, plan, item.lens, "#pending")


# --- strategies per dimension --------------------------------------------------------------------


def strategies(request, code: str):
    """The masterplan's strategies grouped by the six dimensions, each with its SWOT items and programmes."""
    city = city_selectors.city_or_404(request.user, code)
    plans, plan = _plan(request, city)
    can_manage = permissions.can_manage_city(request.user, city)
    context = {"city": city, "plans": plans, "plan": plan, "can_manage": can_manage}
    if plan is not None:
        context.update(rows=selectors.strategies_by_dimension(plan), pending=list(selectors.pending_strategy_outputs(plan)))
    return render(request, "readiness/strategies.html", context)


def strategies_export(request, code: str):
    """The chosen masterplan's strategies, every dimension, as Excel or CSV."""
    city = city_selectors.city_or_404(request.user, code)
    _plans, plan = _plan(request, city)
    if plan is None:
        raise Http404
    return tabular.download(
        fmt=request.GET.get("format", ""), columns=tables.STRATEGY_COLUMNS, rows=selectors.strategies(plan), what=_("strategies"), city=city
    )


def _strategy(city, pk: int) -> Strategy:
    strategy = resolve(Strategy, pk, city=city, queryset=Strategy.objects.select_related("masterplan", "dimension"))
    strategy.masterplan.city = city
    return strategy


def _strategies_url(city, plan) -> str:
    return reverse("readiness:strategies", args=[city.code]) + f"?masterplan={plan.pk}"


def _strategy_form_page(request, city, plan, form, *, title, strategy=None):
    context = {"city": city, "plan": plan, "form": form, "title": title, "strategy": strategy, "back": _strategies_url(city, plan)}
    return render(request, "readiness/strategy_form.html", context)


def strategy_create(request, code: str):
    city = _writable(request, code)
    # The form posts back to its own address, which names the masterplan.
    plan = plan_selectors.masterplan_or_404(city, plan_selectors.requested_masterplan_id(request.GET.get("masterplan")))
    initial = {"dimension": request.GET.get("dimension", "")}
    form = StrategyForm(request.POST or None, masterplan=plan, initial=initial)
    if request.method == "POST" and (
        strategy := write_from_form(
            form, lambda _data: services.strategy_create(actor=request.user, city=city, masterplan_id=plan.pk, **form.service_args())
        )
    ):
        messages.success(request, _("Strategy “%(title)s” saved.") % {"title": strategy.title})
        return redirect(_strategies_url(city, plan) + f"#strategy-{strategy.pk}")
    return _strategy_form_page(request, city, plan, form, title=_("New strategy"))


def strategy_edit(request, code: str, pk: int):
    city = _writable(request, code)
    strategy = _strategy(city, pk)
    plan = strategy.masterplan
    form = track_version(StrategyForm(request.POST or None, masterplan=plan, initial=StrategyForm.initial_of(strategy)), strategy)
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.strategy_update(actor=request.user, strategy=strategy, **form.service_args(changed_only=True))
    ):
        messages.success(request, _("Strategy “%(title)s” saved.") % {"title": strategy.title})
        return redirect(_strategies_url(city, plan) + f"#strategy-{strategy.pk}")
    return _strategy_form_page(request, city, plan, form, title=_("Edit strategy"), strategy=strategy)


def strategy_delete(request, code: str, pk: int):
    city = _writable(request, code)
    strategy = _strategy(city, pk)
    back = _strategies_url(city, strategy.masterplan)
    return delete_page(
        request,
        city,
        strategy,
        delete=lambda: services.strategy_delete(actor=request.user, strategy=strategy),
        back=back,
        done=back,
    )
