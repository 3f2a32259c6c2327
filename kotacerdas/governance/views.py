"""Pages of the regulation register, meetings and attachments (thin: selectors read, one service writes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities.views import delete_page
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.framework.models import MeetingKind, RegulationType
from kotacerdas.governance import forms, selectors, services
from kotacerdas.governance.models import Attachment, Regulation, head_regulation_type
from kotacerdas.masterplan.models import Revision
from kotacerdas.programmes import files


def _form_page(request, city, form, *, title, back, record=None, multipart=False, intro=""):
    return render(
        request,
        "governance/form.html",
        {"city": city, "form": form, "title": title, "back": back, "record": record, "multipart": multipart, "intro": intro},
    )


# --- regulations ---------------------------------------------------------------------------


def regulation_list(request, code: str):
    """The register: everyone who may see the city; the public sees enacted and revoked regulations only."""
    city = city_selectors.city_or_404(request.user, code)
    status = request.GET.get("status", "")
    type_code = request.GET.get("type", "")
    rows = selectors.regulations(
        request.user,
        city,
        status=status if status in Regulation.Status.values else "",
        type_code=type_code,
        q=request.GET.get("q", "").strip()[:100],
    )
    return render(
        request,
        "governance/regulation_list.html",
        {
            "city": city,
            "page": paginate(request, rows, 25),
            "can_manage": permissions.can_manage_governance(request.user, city),
            "sees_drafts": permissions.can_view_governance(request.user, city),
            "statuses": Regulation.Status.choices,
            "types": RegulationType.objects.all(),
            "status": status,
            "type_code": type_code,
            "q": request.GET.get("q", ""),
        },
    )


def regulation_detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    regulation = selectors.regulation_detail(request.user, city, pk)
    return render(
        request,
        "governance/regulation_detail.html",
        {
            "city": city,
            "regulation": regulation,
            "can_manage": permissions.can_manage_governance(request.user, city),
        },
    )


def regulation_file(request, code: str, pk: int):
    """The regulation's document, to whoever may see the regulation (404 for everyone else)."""
    city = city_selectors.city_or_404(request.user, code)
    return files.evidence_response(selectors.regulation_with_document(request.user, city, pk))


@login_required
def regulation_create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    form = forms.RegulationForm(request.POST or None, request.FILES or None, city=city, initial={"status": Regulation.Status.DRAFT})
    if request.method == "POST" and (
        regulation := write_from_form(form, lambda _data: services.regulation_create(actor=request.user, city=city, **form.service_args()))
    ):
        messages.success(request, _("“%(name)s” added to the register.") % {"name": regulation})
        return redirect("governance:regulation_detail", city.code, regulation.pk)
    return _form_page(
        request, city, form, title=_("New regulation"), back=reverse("governance:regulation_list", args=[city.code]), multipart=True
    )


@login_required
def regulation_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    regulation = selectors.regulation_detail(request.user, city, pk)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    form = track_version(
        forms.RegulationForm(
            request.POST or None,
            request.FILES or None,
            city=city,
            regulation=regulation,
            initial=forms.RegulationForm.initial_of(regulation),
        ),
        regulation,
    )
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.regulation_update(actor=request.user, regulation=regulation, **form.service_args(changed_only=True))
    ):
        messages.success(request, _("“%(name)s” saved.") % {"name": regulation})
        return redirect("governance:regulation_detail", city.code, regulation.pk)
    return _form_page(
        request,
        city,
        form,
        title=_("Edit regulation: %(name)s") % {"name": regulation},
        back=reverse("governance:regulation_detail", args=[city.code, regulation.pk]),
        record=regulation,
        multipart=True,
    )


@login_required
def regulation_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    regulation = selectors.regulation_detail(request.user, city, pk)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    return delete_page(
        request,
        city,
        regulation,
        delete=lambda: services.regulation_delete(actor=request.user, regulation=regulation),
        back=reverse("governance:regulation_detail", args=[city.code, regulation.pk]),
        done=reverse("governance:regulation_list", args=[city.code]),
    )


@login_required
def revision_close(request, code: str, pk: int):
    """Close a masterplan revision by its amending regulation: an entry of the register, or a new one."""
    city = city_selectors.city_or_404(request.user, code)
    revision = resolve(Revision, pk, city=city, queryset=Revision.objects.select_related("masterplan"))
    revision.masterplan.city = city
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    back = f"{reverse('masterplan:detail', args=[city.code])}?masterplan={revision.masterplan_id}#revisions-h"
    if not revision.is_open:
        messages.info(request, _("%(revision)s is already closed.") % {"revision": revision})
        return redirect(back)
    form = forms.AmendingRegulationForm(
        request.POST or None,
        request.FILES or None,
        candidates=selectors.amending_candidates(revision),
        initial={"type": head_regulation_type(city.name), "title": services.amending_title(revision)},
    )
    if request.method == "POST" and (
        regulation := write_from_form(
            form, lambda _data: services.amending_regulation_record(actor=request.user, revision=revision, **form.service_args())
        )
    ):
        messages.success(request, _("%(revision)s closed by “%(regulation)s”.") % {"revision": revision, "regulation": regulation})
        return redirect(back)
    return _form_page(
        request,
        city,
        form,
        title=_("Close %(revision)s") % {"revision": revision},
        back=back,
        multipart=True,
        intro=_(
            "The amending regulation closes the revision and freezes the masterplan again. It is kept in the regulation register: "
            "choose its entry, or record it here as a new enacted entry. It cannot be dated before the regulation it amends."
        ),
    )


# --- meetings ------------------------------------------------------------------------------


def _sign_in_page(request, city, title):
    """A section the public reaches from the city's navigation but may not read: what it holds, and to sign in."""
    return render(request, "governance/sign_in.html", {"city": city, "title": title})


def meeting_list(request, code: str):
    """Meetings and their minutes: signed-in users who may see the city (the public: a note to sign in)."""
    city = city_selectors.city_or_404(request.user, code)
    if not permissions.can_view_governance(request.user, city):
        return _sign_in_page(request, city, _("Meetings and forums"))
    kind_code = request.GET.get("kind", "")
    return render(
        request,
        "governance/meeting_list.html",
        {
            "city": city,
            "page": paginate(request, selectors.meetings(city, kind_code=kind_code), 25),
            "can_manage": permissions.can_manage_governance(request.user, city),
            "kinds": MeetingKind.objects.all(),
            "kind_code": kind_code,
        },
    )


@login_required
def meeting_detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_view_governance(request.user, city), "governance.view")
    meeting = selectors.meeting_detail(city, pk)
    can_manage = permissions.can_manage_governance(request.user, city)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "city": city,
            "meeting": meeting,
            "can_manage": can_manage,
            "attachment_form": forms.AttachmentForm(city=city, fixed=f"meeting:{meeting.pk}") if can_manage else None,
        },
    )


@login_required
def meeting_create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    form = forms.MeetingForm(request.POST or None, city=city)
    if request.method == "POST" and (
        meeting := write_from_form(form, lambda _data: services.meeting_create(actor=request.user, city=city, **form.service_args()))
    ):
        messages.success(request, _("“%(name)s” recorded; attach its minutes or attendance list below.") % {"name": meeting})
        return redirect("governance:meeting_detail", city.code, meeting.pk)
    return _form_page(request, city, form, title=_("New meeting"), back=reverse("governance:meeting_list", args=[city.code]))


@login_required
def meeting_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    meeting = selectors.meeting_detail(city, pk)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    form = track_version(forms.MeetingForm(request.POST or None, city=city, initial=forms.MeetingForm.initial_of(meeting)), meeting)
    if request.method == "POST" and write_from_form(
        form, lambda _data: services.meeting_update(actor=request.user, meeting=meeting, **form.service_args(changed_only=True))
    ):
        messages.success(request, _("“%(name)s” saved.") % {"name": meeting})
        return redirect("governance:meeting_detail", city.code, meeting.pk)
    return _form_page(
        request,
        city,
        form,
        title=_("Edit meeting: %(name)s") % {"name": meeting},
        back=reverse("governance:meeting_detail", args=[city.code, meeting.pk]),
        record=meeting,
    )


@login_required
def meeting_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    meeting = selectors.meeting_detail(city, pk)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    return delete_page(
        request,
        city,
        meeting,
        delete=lambda: services.meeting_delete(actor=request.user, meeting=meeting),
        back=reverse("governance:meeting_detail", args=[city.code, meeting.pk]),
        done=reverse("governance:meeting_list", args=[city.code]),
    )


# --- attachments ---------------------------------------------------------------------------


def attachment_list(request, code: str):
    """Documents attached to the MoU, commitments, bodies, bimtek and meetings, with the upload form
    (the public: a note to sign in)."""
    city = city_selectors.city_or_404(request.user, code)
    if not permissions.can_view_governance(request.user, city):
        return _sign_in_page(request, city, _("Attached documents"))
    subject = request.GET.get("subject", "")
    subject = subject if subject in Attachment.Subject.values else ""
    can_manage = permissions.can_manage_governance(request.user, city)
    return _attachment_page(request, city, subject, can_manage, forms.AttachmentForm(city=city) if can_manage else None)


def _attachment_page(request, city, subject, can_manage, form, status=200):
    return render(
        request,
        "governance/attachment_list.html",
        {
            "city": city,
            "page": paginate(request, selectors.attachments(city, subject=subject), 25),
            "subjects": Attachment.Subject.choices,
            "subject": subject,
            "can_manage": can_manage,
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def attachment_upload(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    fixed = request.POST.get("fixed", "")
    form = forms.AttachmentForm(request.POST, request.FILES, city=city, fixed=fixed if fixed.startswith("meeting:") else "")
    attachment = write_from_form(form, lambda _data: services.attachment_upload(actor=request.user, city=city, **form.service_args()))
    if attachment:
        messages.success(request, _("“%(name)s” attached.") % {"name": attachment.original_name})
        if attachment.meeting_id:
            return redirect(reverse("governance:meeting_detail", args=[city.code, attachment.meeting_id]) + "#attachments")
        return redirect("governance:attachment_list", city.code)
    if form.fields["record"].widget.is_hidden:
        meeting = selectors.meeting_detail(city, int(fixed.partition(":")[2]))
        return render(
            request,
            "governance/meeting_detail.html",
            {"city": city, "meeting": meeting, "can_manage": True, "attachment_form": form},
            status=400,
        )
    return _attachment_page(request, city, "", True, form, status=400)


@login_required
def attachment_file(request, code: str, pk: int):
    """An attached file, to signed-in users who may see the city (404 for everyone else)."""
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_view_governance(request.user, city), "governance.view")
    return files.evidence_response(selectors.attachment_detail(city, pk))


@login_required
@require_POST
def attachment_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    attachment = selectors.attachment_detail(city, pk)
    permissions.ensure(permissions.can_manage_governance(request.user, city), "governance.manage")
    meeting_id = attachment.meeting_id
    try:
        services.attachment_delete(actor=request.user, attachment=attachment)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("“%(name)s” removed.") % {"name": attachment.original_name})
    if meeting_id:
        return redirect(reverse("governance:meeting_detail", args=[city.code, meeting_id]) + "#attachments")
    return redirect("governance:attachment_list", city.code)
