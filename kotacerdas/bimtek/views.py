"""Pages of the four bimtek: list, create/edit, detail with participants, outputs and checklist."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.bimtek import selectors, services
from kotacerdas.bimtek.forms import OutputForm, ParticipantForm, WorkshopForm
from kotacerdas.bimtek.models import Output
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import add_write_error
from kotacerdas.masterplan.selectors import masterplan_or_404

PARTICIPANTS_PER_PAGE = 20
OUTPUTS_PER_PAGE = 20


def _errors_text(form) -> str:
    """A refused form's errors as one sentence (for the message shown after a plain, non-htmx post)."""
    if form is None:
        return ""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# --- workshops ------------------------------------------------------------------------------

def workshop_list(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    masterplan = masterplan_or_404(city, request.GET.get("masterplan") or None)
    workshops = {w.number: w for w in selectors.workshops_of(masterplan)}
    stages = selectors.checklist(masterplan)
    rows = [{"number": s["number"], "roman": s["roman"], "workshop": workshops.get(s["number"]), "checklist": s} for s in stages]
    return render(request, "bimtek/list.html", {
        "city": city, "masterplan": masterplan, "rows": rows, "masterplans": city.masterplans.order_by("-start_year"),
        "can_manage": permissions.can_manage_city(request.user, city),
    })


def workshop_create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    masterplan = masterplan_or_404(city, request.GET.get("masterplan") or None)
    form = WorkshopForm(request.POST or None, initial={"number": request.GET.get("number", 1)})
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(actor=request.user, masterplan=masterplan, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("%(workshop)s is planned.") % {"workshop": workshop})
            return redirect("bimtek:detail", city.code, workshop.pk)
    return render(request, "bimtek/form.html", {"city": city, "masterplan": masterplan, "form": form, "workshop": None})


def workshop_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    initial = {name: getattr(workshop, name) for name in services.WORKSHOP_FIELDS}
    form = WorkshopForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.workshop_update(actor=request.user, workshop=workshop, **changed)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("%(workshop)s is saved.") % {"workshop": workshop})
            return redirect("bimtek:detail", city.code, workshop.pk)
    return render(request, "bimtek/form.html", {"city": city, "masterplan": workshop.masterplan, "form": form, "workshop": workshop})


@require_POST
def workshop_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    try:
        services.workshop_delete(actor=request.user, workshop=workshop)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("bimtek:detail", city.code, workshop.pk)
    messages.success(request, _("%(workshop)s is deleted.") % {"workshop": workshop})
    return redirect("bimtek:list", city.code)


@require_POST
def workshop_mark_held(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    held = request.POST.get("held", "1") == "1"
    try:
        services.workshop_mark_held(actor=request.user, workshop=workshop, held=held)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(workshop)s is marked as held.") % {"workshop": workshop} if held
                         else _("%(workshop)s is no longer marked as held.") % {"workshop": workshop})
    return redirect("bimtek:detail", city.code, workshop.pk)


def workshop_detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    stage = next(s for s in selectors.checklist(workshop.masterplan) if s["number"] == workshop.number)
    context = {
        "city": city, "workshop": workshop, "stage": stage,
        "mentor_list": [line for line in workshop.mentors.splitlines() if line.strip()],
        "agenda_list": [line for line in workshop.agenda.splitlines() if line.strip()],
        **_participants_context(request, city, workshop), **_outputs_context(request, city, workshop),
    }
    return render(request, "bimtek/detail.html", context)


# --- participants ---------------------------------------------------------------------------

def _querystring(request, drop: str) -> str:
    """The current query string without one parameter, ready for "…&page=N"."""
    params = request.GET.copy()
    params.pop(drop, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def _participants_context(request, city, workshop, form=None) -> dict:
    group = request.GET.get("group") or None
    can_manage = permissions.can_manage_city(request.user, city)
    return {
        "participants": paginate_param(request, selectors.participants_of(workshop, group), "pp", PARTICIPANTS_PER_PAGE),
        "participant_groups": selectors.participant_groups(workshop), "group": group,
        "pp_query": _querystring(request, "pp"), "can_manage": can_manage,
        "participant_form": form or (ParticipantForm(city=city) if can_manage else None),
    }


def paginate_param(request, queryset, param: str, per_page: int):
    """Like `core.pagination.paginate`, with its own page parameter: two lists share the detail page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def _participants_response(request, city, workshop, form=None, error: str = ""):
    """The refreshed participants section for htmx; otherwise back to the page (errors as messages)."""
    if request.htmx:
        workshop = selectors.workshop_or_404(city, workshop.pk)
        return render(request, "bimtek/_participants.html", {"city": city, "workshop": workshop, "participants_error": error,
                                                             **_participants_context(request, city, workshop, form)})
    if error:
        messages.error(request, error)
    return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#participants")


@require_POST
def participant_add(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = ParticipantForm(request.POST, city=city)
    if form.is_valid():
        try:
            services.participant_add(actor=request.user, workshop=workshop, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            form = None
    return _participants_response(request, city, workshop, form, error="" if request.htmx else _errors_text(form))


@require_POST
def participant_attendance(request, code: str, pk: int, pid: int):
    """Set one participant's attendance from its checkbox (htmx posts the whole form): answers with the row."""
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    participant = selectors.participants_of(workshop).filter(pk=pid).first()
    if participant is None:
        return HttpResponse(status=404)
    attended = str(pid) in request.POST.getlist("present")
    services.participants_mark_attendance(actor=request.user, workshop=workshop,
                                          attended=[pid] if attended else [], absent=[] if attended else [pid])
    participant.attended = attended
    if request.htmx:
        return render(request, "bimtek/_participant_row.html", {"city": city, "workshop": workshop, "p": participant, "can_manage": True})
    return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#participants")


@require_POST
def attendance(request, code: str, pk: int):
    """Save the attendance of the participants shown on one page (ticked: present, the others: absent)."""
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    shown = {int(v) for v in request.POST.getlist("shown") if v.isdigit()}
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()} & shown
    try:
        changed = services.participants_mark_attendance(actor=request.user, workshop=workshop, attended=sorted(present),
                                                        absent=sorted(shown - present))
    except ServiceError as exc:
        return _participants_response(request, city, workshop, error=exc.message)
    if not request.htmx:
        messages.success(request, _("Attendance saved (%(n)d changed).") % {"n": changed})
    return _participants_response(request, city, workshop)


@require_POST
def participant_remove(request, code: str, pk: int, pid: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    participant = selectors.participants_of(workshop).filter(pk=pid).first()
    if participant is not None:
        services.participant_remove(actor=request.user, participant=participant)
    return _participants_response(request, city, workshop)


# --- outputs --------------------------------------------------------------------------------

def _may_contribute(user, city) -> bool:
    """Whether the user may record at least some output (their own proposals, or any)."""
    return permissions.can_manage_city(user, city) or any((
        user.is_authenticated and getattr(user, "opd", None) is not None
        and permissions.can_contribute_output(user, city, opd=user.opd),
        user.is_authenticated and getattr(user, "stakeholder", None) is not None
        and permissions.can_contribute_output(user, city, stakeholder=user.stakeholder),
    ))


def _outputs_context(request, city, workshop, form=None) -> dict:
    kind = request.GET.get("kind") or None
    page = paginate_param(request, selectors.outputs_of(workshop, kind=kind), "op", OUTPUTS_PER_PAGE)
    user = request.user
    for output in page:
        output.editable = permissions.can_contribute_output(
            user, city, opd=output.proposed_by_opd, stakeholder=output.proposed_by_stakeholder)
        output.became = selectors.became(output)
    if form is None and _may_contribute(user, city):
        form = OutputForm(city=city, user=user, initial={"kind": kind or Output.Kind.SWOT})
    return {"outputs": page, "output_kinds": selectors.output_kinds(workshop), "kind": kind, "group": request.GET.get("group") or None,
            "can_manage": permissions.can_manage_city(user, city),
            "op_query": _querystring(request, "op"), "output_form": form}


def _outputs_response(request, city, workshop, form=None, error: str = ""):
    """The refreshed outputs section for htmx; otherwise back to the page (errors as messages)."""
    if request.htmx:
        workshop = selectors.workshop_or_404(city, workshop.pk)
        return render(request, "bimtek/_outputs.html", {"city": city, "workshop": workshop, "outputs_error": error,
                                                        **_outputs_context(request, city, workshop, form)})
    if error:
        messages.error(request, error)
    return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#outputs")


@require_POST
def output_add(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    if not _may_contribute(request.user, city):
        permissions.ensure(False, "output.contribute")
    form = OutputForm(request.POST, city=city, user=request.user)
    if form.is_valid():
        try:
            services.output_record(actor=request.user, workshop=workshop, **form.service_kwargs())
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            form = None
    return _outputs_response(request, city, workshop, form, error="" if request.htmx else _errors_text(form))


def output_edit(request, code: str, pk: int, oid: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    output = selectors.output_or_404(workshop, oid)
    permissions.ensure(permissions.can_contribute_output(
        request.user, city, opd=output.proposed_by_opd, stakeholder=output.proposed_by_stakeholder), "output.contribute")
    form = OutputForm(request.POST or None, city=city, user=request.user, initial=OutputForm.initial_for(output))
    if request.method == "POST" and form.is_valid():
        try:
            services.output_update(actor=request.user, output=output, **form.service_kwargs())
        except (ServiceError, ValidationError, PermissionDenied) as exc:
            add_write_error(form, exc if not isinstance(exc, PermissionDenied) else ValidationError(str(exc)))
        else:
            messages.success(request, _("The output is saved."))
            return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#outputs")
    return render(request, "bimtek/output_form.html", {"city": city, "workshop": workshop, "output": output, "form": form})


@require_POST
def output_delete(request, code: str, pk: int, oid: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    output = selectors.output_or_404(workshop, oid)
    try:
        services.output_delete(actor=request.user, output=output)
    except ServiceError as exc:
        return _outputs_response(request, city, workshop, error=exc.message)
    return _outputs_response(request, city, workshop)

