"""Pages of one city: dashboard, participation, lifecycle, departments, bodies, stakeholders, commitment.

Reads: `city_or_404` and `core.api.resolve` (out of scope → 404). Writes: `permissions.ensure` (→ 403
with the translated reason), a form, then one service call in a savepoint
(`core.forms.write_from_form`); refusals of the service are shown on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import forms, selectors, services, tables
from kotacerdas.cities.models import Body, BodyMember, Cohort, Commitment, Opd, Signatory, StageEvent, Stakeholder
from kotacerdas.core import permissions, tabular
from kotacerdas.core.api import resolve, resolve_national
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.framework.models import StakeholderType

# --- helpers --------------------------------------------------------------------------------


def _form_page(request, city, form, *, title, back, record=None, intro=""):
    return render(
        request,
        "cities/form.html",
        {
            "city": city,
            "form": form,
            "title": title,
            "back": back,
            "record": record,
            "intro": intro,
        },
    )


def _changed(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data}


def _refs(data: dict) -> dict:
    """The records chosen on a form as the ids and codes the services take."""
    data = dict(data)
    for field in ("opd", "stakeholder", "cohort"):
        if field in data:
            record = data.pop(field)
            data[f"{field}_id"] = record.pk if record else None
    if "type" in data:
        data["type_code"] = data.pop("type").code
    return data


def delete_page(request, city, record, *, delete, back, done):
    """Confirm, then run `delete` (one service call) in a transaction: a refusal shows its message
    and goes `back`, a deletion says so and goes to `done`. Shared by the city's record pages."""
    if request.method == "POST":
        try:
            with transaction.atomic():
                delete()
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect(back)
        messages.success(request, _("“%(record)s” was deleted.") % {"record": record})
        return redirect(done)
    return render(request, "cities/confirm_delete.html", {"city": city, "record": record, "back": back})


# --- participation and lifecycle ------------------------------------------------------------


def dashboard(request, code: str):
    city = selectors.city_or_404(request.user, code)
    return render(
        request,
        "cities/dashboard.html",
        {
            "city": city,
            "can_manage": permissions.can_manage_city(request.user, city),
            **selectors.city_dashboard(city),
        },
    )


@login_required
def city_create(request):
    """National admins enrol a regency or city in a cohort."""
    permissions.ensure(permissions.can_manage_reference(request.user), "reference.manage")
    form = forms.CityCreateForm(request.POST or None)
    if request.method == "POST" and (
        city := write_from_form(
            form,
            lambda data: services.city_create(
                actor=request.user, region_code=data["region"].code, cohort_id=data["cohort"].pk, invited_on=data["invited_on"]
            ),
        )
    ):
        messages.success(request, _("%(city)s now takes part in %(cohort)s.") % {"city": city, "cohort": city.cohort.label})
        return redirect("cities:dashboard", city.code)
    return render(
        request,
        "cities/form.html",
        {
            "form": form,
            "title": _("Enrol a city"),
            "back": reverse("site:home"),
            "intro": _("Choose a regency or city selected into a cohort of the Smart City Movement."),
        },
    )


@login_required
def city_edit(request, code: str):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = track_version(
        forms.CityForm(
            request.POST or None,
            initial=forms.initial_of(city, forms.CityForm),
            can_choose_cohort=permissions.can_manage_cohorts(request.user),
        ),
        city,
    )
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.city_update(actor=request.user, city=city, **_refs(_changed(form)))
    ):
        messages.success(request, _("The participation details were saved."))
        return redirect("cities:dashboard", city.code)
    return _form_page(
        request, city, form, title=_("Participation in the programme"), back=reverse("cities:dashboard", args=[city.code]), record=city
    )


@login_required
def stage_record(request, code: str):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.StageForm(request.POST or None, city=city)
    if request.method == "POST" and (
        event := write_from_form(form, lambda data: services.city_record_stage(actor=request.user, city=city, **data))
    ):
        messages.success(request, _("Stage “%(stage)s” recorded.") % {"stage": event.get_stage_display()})
        return redirect("cities:dashboard", city.code)
    return render(request, "cities/stage_form.html", {"city": city, "form": form, "lifecycle": selectors.stage_cycles(city)})


@login_required
def stage_delete(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    event = resolve(StageEvent, pk, city=city, queryset=city.stage_events.all())
    back = reverse("cities:stage_record", args=[city.code])
    return delete_page(
        request, city, event, delete=lambda: services.stage_event_delete(actor=request.user, event=event), back=back, done=back
    )


# --- departments ----------------------------------------------------------------------------


def opd_list(request, code: str):
    city = selectors.city_or_404(request.user, code)
    q = request.GET.get("q", "").strip()
    page = paginate(request, selectors.opd_list(city, q))
    return render(
        request,
        "cities/opd_list.html",
        {
            "city": city,
            "page": page,
            "q": q,
            "can_manage": permissions.can_manage_city(request.user, city),
            "own_opd_id": request.user.opd_id if request.user.is_authenticated else None,
        },
    )


def opd_export(request, code: str):
    """The departments as listed (same search), every page."""
    city = selectors.city_or_404(request.user, code)
    rows = selectors.opd_list(city, request.GET.get("q", "").strip())
    return tabular.download(fmt=request.GET.get("format", ""), columns=tables.OPD_COLUMNS, rows=rows, what=_("departments"), city=city)


def opd_detail(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    opd = resolve(Opd, pk, city=city, queryset=city.opds.all())
    return render(
        request,
        "cities/opd_detail.html",
        {
            "city": city,
            "opd": opd,
            "can_edit": permissions.can_edit_opd(request.user, opd),
            "can_manage": permissions.can_manage_city(request.user, city),
            **selectors.opd_programmes(opd),
        },
    )


@login_required
def opd_create(request, code: str):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.OpdForm(request.POST or None)
    if request.method == "POST" and (opd := write_from_form(form, lambda data: services.opd_create(actor=request.user, city=city, **data))):
        messages.success(request, _("Department “%(name)s” added.") % {"name": opd.name})
        return redirect("cities:opd_detail", city.code, opd.pk)
    return _form_page(request, city, form, title=_("New department (OPD)"), back=reverse("cities:opd_list", args=[city.code]))


@login_required
def opd_edit(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    opd = resolve(Opd, pk, city=city, queryset=city.opds.all())
    permissions.ensure(permissions.can_edit_opd(request.user, opd), "opd.edit")
    form_class = forms.OpdForm if permissions.can_manage_city(request.user, city) else forms.OpdOperatorForm
    form = track_version(form_class(request.POST or None, initial=forms.initial_of(opd, form_class)), opd)
    if request.method == "POST" and write_from_form(form, lambda _data: services.opd_update(actor=request.user, opd=opd, **_changed(form))):
        messages.success(request, _("Department “%(name)s” saved.") % {"name": opd.name})
        return redirect("cities:opd_detail", city.code, opd.pk)
    return _form_page(
        request,
        city,
        form,
        title=_("Edit department: %(name)s") % {"name": opd.name},
        back=reverse("cities:opd_detail", args=[city.code, opd.pk]),
        record=opd,
    )


@login_required
def opd_delete(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    opd = resolve(Opd, pk, city=city, queryset=city.opds.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    return delete_page(
        request,
        city,
        opd,
        delete=lambda: services.opd_delete(actor=request.user, opd=opd),
        back=reverse("cities:opd_detail", args=[city.code, opd.pk]),
        done=reverse("cities:opd_list", args=[city.code]),
    )


# --- bodies ---------------------------------------------------------------------------------


def body_list(request, code: str):
    city = selectors.city_or_404(request.user, code)
    page = paginate(request, selectors.body_list(city))
    return render(
        request,
        "cities/body_list.html",
        {
            "city": city,
            "page": page,
            "can_manage": permissions.can_manage_city(request.user, city),
        },
    )


def body_detail(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    body = selectors.body_detail(city, pk)
    can_manage = permissions.can_manage_city(request.user, city)
    return render(
        request,
        "cities/body_detail.html",
        {
            "city": city,
            "body": body,
            "can_manage": can_manage,
            "member_form": forms.MemberForm(city=city, initial={"order": len(body.members.all()) + 1}) if can_manage else None,
        },
    )


def member_export(request, code: str, pk: int):
    """The members of a body as its page lists them."""
    city = selectors.city_or_404(request.user, code)
    body = selectors.body_detail(city, pk)
    return tabular.download(
        fmt=request.GET.get("format", ""), columns=tables.MEMBER_COLUMNS, rows=body.members.all(), what=body.name, city=city
    )


@login_required
def body_create(request, code: str):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.BodyForm(request.POST or None, initial={"kind": request.GET.get("kind", Body.Kind.COUNCIL)})
    if request.method == "POST" and (
        body := write_from_form(form, lambda data: services.body_create(actor=request.user, city=city, **data))
    ):
        messages.success(request, _("“%(name)s” added; now add its members.") % {"name": body.name})
        return redirect("cities:body_detail", city.code, body.pk)
    return _form_page(request, city, form, title=_("New body"), back=reverse("cities:body_list", args=[city.code]))


@login_required
def body_edit(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    body = resolve(Body, pk, city=city, queryset=city.bodies.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = track_version(forms.BodyForm(request.POST or None, initial=forms.initial_of(body, forms.BodyForm)), body)
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.body_update(actor=request.user, body=body, **_changed(form))
    ):
        messages.success(request, _("“%(name)s” saved.") % {"name": body.name})
        return redirect("cities:body_detail", city.code, body.pk)
    return _form_page(
        request,
        city,
        form,
        title=_("Edit body: %(name)s") % {"name": body.name},
        back=reverse("cities:body_detail", args=[city.code, body.pk]),
        record=body,
    )


@login_required
def body_delete(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    body = resolve(Body, pk, city=city, queryset=city.bodies.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    return delete_page(
        request,
        city,
        body,
        delete=lambda: services.body_delete(actor=request.user, body=body),
        back=reverse("cities:body_detail", args=[city.code, body.pk]),
        done=reverse("cities:body_list", args=[city.code]),
    )


def _members_response(request, city, body, form=None):
    """The members table: the htmx partial, or the whole page without htmx."""
    body = selectors.body_detail(city, body.pk)
    if not request.htmx and form is None:
        return redirect("cities:body_detail", city.code, body.pk)
    context = {
        "city": city,
        "body": body,
        "can_manage": True,
        "member_form": form or forms.MemberForm(city=city, initial={"order": len(body.members.all()) + 1}),
    }
    return render(request, "cities/_members.html" if request.htmx else "cities/body_detail.html", context)


@login_required
@require_POST
def member_add(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    body = resolve(Body, pk, city=city, queryset=city.bodies.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.MemberForm(request.POST, city=city)
    if write_from_form(form, lambda data: services.body_member_add(actor=request.user, body=body, **_refs(data))):
        return _members_response(request, city, body)
    return _members_response(request, city, body, form)


@login_required
@require_POST
def member_remove(request, code: str, pk: int, member_pk: int):
    city = selectors.city_or_404(request.user, code)
    body = resolve(Body, pk, city=city, queryset=city.bodies.all())
    member = resolve(BodyMember, member_pk, city=city, queryset=body.members.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    with transaction.atomic():
        services.body_member_remove(actor=request.user, member=member)
    return _members_response(request, city, body)


# --- stakeholders ---------------------------------------------------------------------------


def stakeholder_list(request, code: str):
    city = selectors.city_or_404(request.user, code)
    q, type_code = request.GET.get("q", "").strip(), request.GET.get("type", "")
    page = paginate(request, selectors.stakeholder_list(city, q, type_code))
    return render(
        request,
        "cities/stakeholder_list.html",
        {
            "city": city,
            "page": page,
            "q": q,
            "type_code": type_code,
            "types": StakeholderType.objects.all(),
            "can_manage": permissions.can_manage_city(request.user, city),
            "own_stakeholder_id": request.user.stakeholder_id if request.user.is_authenticated else None,
        },
    )


def stakeholder_export(request, code: str):
    """The stakeholders as listed (same search and type), every page."""
    city = selectors.city_or_404(request.user, code)
    rows = selectors.stakeholder_list(city, request.GET.get("q", "").strip(), request.GET.get("type", ""))
    return tabular.download(
        fmt=request.GET.get("format", ""), columns=tables.STAKEHOLDER_COLUMNS, rows=rows, what=_("stakeholders"), city=city
    )


def stakeholder_detail(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    stakeholder = resolve(Stakeholder, pk, city=city, queryset=city.stakeholders.select_related("type"))
    return render(
        request,
        "cities/stakeholder_detail.html",
        {
            "city": city,
            "stakeholder": stakeholder,
            "can_edit": permissions.can_edit_stakeholder(request.user, stakeholder),
            "can_manage": permissions.can_manage_city(request.user, city),
        },
    )


@login_required
def stakeholder_create(request, code: str):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.StakeholderForm(request.POST or None)
    if request.method == "POST" and (
        stakeholder := write_from_form(form, lambda data: services.stakeholder_create(actor=request.user, city=city, **_refs(data)))
    ):
        messages.success(request, _("Stakeholder “%(name)s” added.") % {"name": stakeholder.name})
        return redirect("cities:stakeholder_detail", city.code, stakeholder.pk)
    return _form_page(request, city, form, title=_("New stakeholder"), back=reverse("cities:stakeholder_list", args=[city.code]))


@login_required
def stakeholder_edit(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    stakeholder = resolve(Stakeholder, pk, city=city, queryset=city.stakeholders.all())
    permissions.ensure(permissions.can_edit_stakeholder(request.user, stakeholder), "stakeholder.edit")
    form_class = forms.StakeholderForm if permissions.can_manage_city(request.user, city) else forms.StakeholderContactForm
    form = track_version(form_class(request.POST or None, initial=forms.initial_of(stakeholder, form_class)), stakeholder)
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.stakeholder_update(actor=request.user, stakeholder=stakeholder, **_refs(_changed(form)))
    ):
        messages.success(request, _("Stakeholder “%(name)s” saved.") % {"name": stakeholder.name})
        return redirect("cities:stakeholder_detail", city.code, stakeholder.pk)
    return _form_page(
        request,
        city,
        form,
        title=_("Edit stakeholder: %(name)s") % {"name": stakeholder.name},
        back=reverse("cities:stakeholder_detail", args=[city.code, stakeholder.pk]),
        record=stakeholder,
    )


@login_required
def stakeholder_delete(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    stakeholder = resolve(Stakeholder, pk, city=city, queryset=city.stakeholders.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    return delete_page(
        request,
        city,
        stakeholder,
        delete=lambda: services.stakeholder_delete(actor=request.user, stakeholder=stakeholder),
        back=reverse("cities:stakeholder_detail", args=[city.code, stakeholder.pk]),
        done=reverse("cities:stakeholder_list", args=[city.code]),
    )


# --- commitment -----------------------------------------------------------------------------


def commitment_list(request, code: str):
    city = selectors.city_or_404(request.user, code)
    commitments = list(selectors.commitment_list(city))
    if len(commitments) == 1:
        return redirect("cities:commitment_detail", city.code, commitments[0].pk)
    return render(
        request,
        "cities/commitment_list.html",
        {
            "city": city,
            "commitments": commitments,
            "can_manage": permissions.can_manage_city(request.user, city),
        },
    )


def commitment_detail(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    commitment = selectors.commitment_detail(city, pk)
    can_manage = permissions.can_manage_city(request.user, city)
    return render(
        request,
        "cities/commitment_detail.html",
        {
            "city": city,
            "commitment": commitment,
            "can_manage": can_manage,
            "signatory_form": forms.SignatoryForm(city=city) if can_manage else None,
        },
    )


def signatory_export(request, code: str, pk: int):
    """The signatories of a commitment as its page lists them."""
    city = selectors.city_or_404(request.user, code)
    commitment = selectors.commitment_detail(city, pk)
    return tabular.download(
        fmt=request.GET.get("format", ""),
        columns=tables.SIGNATORY_COLUMNS,
        rows=commitment.signatories.all(),
        what=_("signatories"),
        city=city,
    )


@login_required
def commitment_create(request, code: str):
    city = selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.NewCommitmentForm(request.POST or None, city=city)
    formset = forms.SignatoryFormSet(request.POST or None, city=city, prefix="sig")
    if (
        request.method == "POST"
        and formset.is_valid()
        and (
            commitment := write_from_form(
                form,
                lambda data: services.commitment_create(
                    actor=request.user, city=city, signatories=[_refs(s) for s in formset.signatories()], **data
                ),
            )
        )
    ):
        messages.success(request, _("The commitment was recorded with %(n)d signatories.") % {"n": commitment.signatories.count()})
        return redirect("cities:commitment_detail", city.code, commitment.pk)
    return render(request, "cities/commitment_form.html", {"city": city, "form": form, "formset": formset})


@login_required
def commitment_edit(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    commitment = resolve(Commitment, pk, city=city, queryset=city.commitments.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = track_version(forms.CommitmentForm(request.POST or None, initial=forms.initial_of(commitment, forms.CommitmentForm)), commitment)
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.commitment_update(actor=request.user, commitment=commitment, **_changed(form))
    ):
        messages.success(request, _("The commitment was saved."))
        return redirect("cities:commitment_detail", city.code, commitment.pk)
    return _form_page(
        request,
        city,
        form,
        title=_("Edit the commitment"),
        back=reverse("cities:commitment_detail", args=[city.code, commitment.pk]),
        record=commitment,
    )


@login_required
def commitment_delete(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    commitment = resolve(Commitment, pk, city=city, queryset=city.commitments.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    return delete_page(
        request,
        city,
        commitment,
        delete=lambda: services.commitment_delete(actor=request.user, commitment=commitment),
        back=reverse("cities:commitment_detail", args=[city.code, commitment.pk]),
        done=reverse("cities:dashboard", args=[city.code]),
    )


def _signatories_response(request, city, commitment, form=None):
    commitment = selectors.commitment_detail(city, commitment.pk)
    if not request.htmx and form is None:
        return redirect("cities:commitment_detail", city.code, commitment.pk)
    context = {"city": city, "commitment": commitment, "can_manage": True, "signatory_form": form or forms.SignatoryForm(city=city)}
    return render(request, "cities/_signatories.html" if request.htmx else "cities/commitment_detail.html", context)


@login_required
@require_POST
def signatory_add(request, code: str, pk: int):
    city = selectors.city_or_404(request.user, code)
    commitment = resolve(Commitment, pk, city=city, queryset=city.commitments.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = forms.SignatoryForm(request.POST, city=city)
    if write_from_form(form, lambda data: services.signatory_add(actor=request.user, commitment=commitment, **_refs(data))):
        return _signatories_response(request, city, commitment)
    return _signatories_response(request, city, commitment, form)


@login_required
@require_POST
def signatory_remove(request, code: str, pk: int, signatory_pk: int):
    city = selectors.city_or_404(request.user, code)
    commitment = resolve(Commitment, pk, city=city, queryset=city.commitments.all())
    signatory = resolve(Signatory, signatory_pk, city=city, queryset=commitment.signatories.all())
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    with transaction.atomic():
        services.signatory_remove(actor=request.user, signatory=signatory)
    return _signatories_response(request, city, commitment)


# --- cohorts (national, kept by the ministry) -----------------------------------------------


def cohort_list(request):
    """The programme's cohorts with their published counts beside the cities recorded in each."""
    return render(
        request,
        "cities/cohort_list.html",
        {"cohorts": selectors.cohort_list(request.user), "can_manage": permissions.can_manage_cohorts(request.user)},
    )


def cohort_export(request):
    """The cohorts as listed, with the same counts of recorded cities."""
    return tabular.download(
        fmt=request.GET.get("format", ""), columns=tables.COHORT_COLUMNS, rows=selectors.cohort_list(request.user), what=_("cohorts")
    )


@login_required
def cohort_create(request):
    permissions.ensure(permissions.can_manage_cohorts(request.user), "cohort.manage")
    form = forms.CohortForm(request.POST or None)
    if request.method == "POST" and (cohort := write_from_form(form, lambda data: services.cohort_create(actor=request.user, **data))):
        messages.success(request, _("%(cohort)s was recorded.") % {"cohort": cohort.label})
        return redirect("cohorts:list")
    return render(request, "cities/form.html", {"form": form, "title": _("Record a cohort"), "back": reverse("cohorts:list")})


@login_required
def cohort_edit(request, pk: int):
    permissions.ensure(permissions.can_manage_cohorts(request.user), "cohort.manage")
    cohort = resolve_national(Cohort, pk)
    form = track_version(forms.CohortForm(request.POST or None, initial=forms.initial_of(cohort, forms.CohortForm)), cohort)
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.cohort_update(actor=request.user, cohort=cohort, **_changed(form))
    ):
        messages.success(request, _("%(cohort)s was saved.") % {"cohort": cohort.label})
        return redirect("cohorts:list")
    return render(
        request,
        "cities/form.html",
        {"form": form, "title": _("Edit cohort: %(cohort)s") % {"cohort": cohort.label}, "back": reverse("cohorts:list"), "record": cohort},
    )


@login_required
def cohort_delete(request, pk: int):
    permissions.ensure(permissions.can_manage_cohorts(request.user), "cohort.manage")
    cohort = resolve_national(Cohort, pk)
    back = reverse("cohorts:list")
    return delete_page(
        request, None, cohort, delete=lambda: services.cohort_delete(actor=request.user, cohort=cohort), back=back, done=back
    )
