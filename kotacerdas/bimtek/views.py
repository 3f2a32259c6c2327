"""Pages of the four bimtek: list, create/edit, detail with participants, outputs and checklist; the vision keywords."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.bimtek import selectors, services
from kotacerdas.bimtek.forms import OutputForm, ParticipantForm, WorkshopForm
from kotacerdas.bimtek.models import Output
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan.selectors import masterplan_or_404, requested_masterplan_id

PARTICIPANTS_PER_PAGE = 20
OUTPUTS_PER_PAGE = 20
KEYWORDS_PER_PAGE = 25


def _errors_text(form) -> str:
    """A refused form's errors as one sentence (for the message shown after a plain, non-htmx post)."""
    if form is None:
        return ""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _chosen_masterplan(request, city):
    return masterplan_or_404(city, requested_masterplan_id(request.GET.get("masterplan")))


def _run(write):
    """One service call behind a button (no form): None, or the refusal's message."""
    try:
        with transaction.atomic():
            write()
    except ServiceError as exc:
        return exc.message
    return None


# --- workshops ------------------------------------------------------------------------------


def workshop_list(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    masterplan = _chosen_masterplan(request, city)
    workshops = {w.number: w for w in selectors.workshops_of(masterplan)}
    stages = selectors.checklist(masterplan)
    rows = [{"number": s["number"], "roman": s["roman"], "workshop": workshops.get(s["number"]), "checklist": s} for s in stages]
    return render(
        request,
        "bimtek/list.html",
        {
            "city": city,
            "masterplan": masterplan,
            "rows": rows,
            "masterplans": city.masterplans.order_by("-start_year"),
            "can_manage": permissions.can_manage_city(request.user, city),
        },
    )


def workshop_create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    masterplan = _chosen_masterplan(request, city)
    form = WorkshopForm(request.POST or None, city=city, initial={"number": request.GET.get("number", 1)})
    if request.method == "POST":
        workshop = write_from_form(
            form, lambda data: services.workshop_create(actor=request.user, city=city, masterplan_id=masterplan.pk, **form.service_kwargs())
        )
        if workshop:
            messages.success(request, _("%(workshop)s is planned.") % {"workshop": workshop})
            return redirect("bimtek:detail", city.code, workshop.pk)
    return render(request, "bimtek/form.html", {"city": city, "masterplan": masterplan, "form": form, "workshop": None})


def workshop_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    initial = {name: getattr(workshop, name) for name in services.WORKSHOP_FIELDS} | {"mentors": list(workshop.mentors.all())}
    form = track_version(WorkshopForm(request.POST or None, city=city, initial=initial), workshop)
    if request.method == "POST" and write_from_form(
        form,
        lambda data: services.workshop_update(actor=request.user, workshop=workshop, **form.service_kwargs(form.changed_data)),
    ):
        messages.success(request, _("%(workshop)s is saved.") % {"workshop": workshop})
        return redirect("bimtek:detail", city.code, workshop.pk)
    return render(request, "bimtek/form.html", {"city": city, "masterplan": workshop.masterplan, "form": form, "workshop": workshop})


@require_POST
def workshop_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    error = _run(lambda: services.workshop_delete(actor=request.user, workshop=workshop))
    if error:
        messages.error(request, error)
        return redirect("bimtek:detail", city.code, workshop.pk)
    messages.success(request, _("%(workshop)s is deleted.") % {"workshop": workshop})
    return redirect("bimtek:list", city.code)


@require_POST
def workshop_mark_held(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    held = request.POST.get("held", "1") == "1"
    error = _run(lambda: services.workshop_mark_held(actor=request.user, workshop=workshop, held=held))
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(workshop)s is marked as held.") % {"workshop": workshop}
            if held
            else _("%(workshop)s is no longer marked as held.") % {"workshop": workshop},
        )
    return redirect("bimtek:detail", city.code, workshop.pk)


def workshop_detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    stage = next(s for s in selectors.checklist(workshop.masterplan) if s["number"] == workshop.number)
    context = {
        "city": city,
        "workshop": workshop,
        "stage": stage,
        "agenda_list": [line for line in workshop.agenda.splitlines() if line.strip()],
        **_participants_context(request, city, workshop),
        **_outputs_context(request, city, workshop),
    }
    return render(request, "bimtek/detail.html", context)


# --- participants ---------------------------------------------------------------------------


def _participants_context(request, city, workshop, form=None) -> dict:
    group = request.GET.get("group") or None
    can_manage = permissions.can_manage_city(request.user, city)
    return {
        "participants": paginate(request, selectors.participants_of(workshop, group), PARTICIPANTS_PER_PAGE, param="pp"),
        "participant_groups": selectors.participant_groups(workshop),
        "group": group,
        "can_manage": can_manage,
        "participant_form": form or (ParticipantForm(city=city) if can_manage else None),
    }


def _participants_response(request, city, workshop, form=None, error: str = ""):
    """The refreshed participants section for htmx; otherwise back to the page (errors as messages)."""
    if request.htmx:
        workshop = selectors.workshop_or_404(city, workshop.pk)
        return render(
            request,
            "bimtek/_participants.html",
            {"city": city, "workshop": workshop, "participants_error": error, **_participants_context(request, city, workshop, form)},
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#participants")


@require_POST
def participant_add(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = ParticipantForm(request.POST, city=city)
    if write_from_form(form, lambda data: services.participant_add(actor=request.user, workshop=workshop, **form.service_kwargs())):
        form = None
    return _participants_response(request, city, workshop, form, error="" if request.htmx else _errors_text(form))


@require_POST
def participant_attendance(request, code: str, pk: int, pid: int):
    """Set one participant's attendance from its checkbox (htmx posts the whole form): answers with the row."""
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    participant = selectors.participant_or_404(workshop, pid)
    attended = str(pid) in request.POST.getlist("present")
    with transaction.atomic():
        services.participants_mark_attendance(
            actor=request.user,
            workshop=workshop,
            attended_participant_ids=[pid] if attended else [],
            absent_participant_ids=[] if attended else [pid],
        )
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
        with transaction.atomic():
            changed = services.participants_mark_attendance(
                actor=request.user,
                workshop=workshop,
                attended_participant_ids=sorted(present),
                absent_participant_ids=sorted(shown - present),
            )
    except ServiceError as exc:
        return _participants_response(request, city, workshop, error=exc.message)
    if not request.htmx:
        messages.success(request, _("Attendance saved (%(n)d changed).") % {"n": changed})
    return _participants_response(request, city, workshop)


@require_POST
def participant_remove(request, code: str, pk: int, pid: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    participant = selectors.participant_or_404(workshop, pid)
    with transaction.atomic():
        services.participant_remove(actor=request.user, participant=participant)
    return _participants_response(request, city, workshop)


# --- outputs --------------------------------------------------------------------------------


def _outputs_context(request, city, workshop, form=None) -> dict:
    kind = request.GET.get("kind") or None
    page = paginate(request, selectors.outputs_of(workshop, kind=kind), OUTPUTS_PER_PAGE, param="op")
    user = request.user
    for output in page:
        output.editable = permissions.can_contribute_output(
            user, city, opd=output.proposed_by_opd, stakeholder=output.proposed_by_stakeholder
        )
        output.became = selectors.became(output)
    if form is None and services.may_contribute(user, city):
        form = OutputForm(city=city, user=user, initial={"kind": kind or Output.Kind.SWOT})
    return {
        "outputs": page,
        "output_kinds": selectors.output_kinds(workshop),
        "kind": kind,
        "group": request.GET.get("group") or None,
        "can_manage": permissions.can_manage_city(user, city),
        "output_form": form,
    }


def _outputs_response(request, city, workshop, form=None, error: str = ""):
    """The refreshed outputs section for htmx; otherwise back to the page (errors as messages)."""
    if request.htmx:
        workshop = selectors.workshop_or_404(city, workshop.pk)
        return render(
            request,
            "bimtek/_outputs.html",
            {"city": city, "workshop": workshop, "outputs_error": error, **_outputs_context(request, city, workshop, form)},
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#outputs")


@require_POST
def output_add(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    permissions.ensure(services.may_contribute(request.user, city), "output.contribute")
    form = OutputForm(request.POST, city=city, user=request.user)
    if write_from_form(form, lambda data: services.output_record(actor=request.user, workshop=workshop, **form.service_kwargs())):
        form = None
    return _outputs_response(request, city, workshop, form, error="" if request.htmx else _errors_text(form))


def output_edit(request, code: str, pk: int, oid: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    output = selectors.output_or_404(workshop, oid)
    permissions.ensure(
        permissions.can_contribute_output(request.user, city, opd=output.proposed_by_opd, stakeholder=output.proposed_by_stakeholder),
        "output.contribute",
    )
    form = track_version(OutputForm(request.POST or None, city=city, user=request.user, initial=OutputForm.initial_for(output)), output)
    if request.method == "POST" and write_from_form(
        form, lambda data: services.output_update(actor=request.user, output=output, **form.service_kwargs())
    ):
        messages.success(request, _("The output is saved."))
        return redirect(reverse("bimtek:detail", args=[city.code, workshop.pk]) + "#outputs")
    return render(request, "bimtek/output_form.html", {"city": city, "workshop": workshop, "output": output, "form": form})


@require_POST
def output_delete(request, code: str, pk: int, oid: int):
    city = city_selectors.city_or_404(request.user, code)
    workshop = selectors.workshop_or_404(city, pk)
    output = selectors.output_or_404(workshop, oid)
    error = _run(lambda: services.output_delete(actor=request.user, output=output))
    return _outputs_response(request, city, workshop, error=error or "")


# --- vision keywords (also loaded into the masterplan's vision page) -------------------------


def vision_keywords(request, code: str):
    """The vision keywords proposed in the bimtek of a masterplan, a page at a time; htmx gets just the list."""
    city = city_selectors.city_or_404(request.user, code)
    masterplan = _chosen_masterplan(request, city)
    keywords = paginate(request, selectors.vision_keywords(masterplan), KEYWORDS_PER_PAGE, param="kw")
    context = {"city": city, "masterplan": masterplan, "keywords": keywords}
    template = "bimtek/_vision_keywords.html" if request.htmx else "bimtek/vision_keywords.html"
    return render(request, template, context)
