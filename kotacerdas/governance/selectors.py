"""Reads of the regulation register, meetings and attachments: one query set per page, the same for the API.

The public sees a published city's enacted and revoked regulations (public documents); drafts,
meetings (their minutes) and attachments are for signed-in users who may see the city.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from kotacerdas.bimtek.models import Workshop
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve
from kotacerdas.governance.models import Attachment, Meeting, Regulation
from kotacerdas.masterplan import selectors as masterplan_selectors

ATTACHMENT_JOINS = ("commitment__city__region", "body", "workshop", "meeting", "uploaded_by")


def regulations(user, city, *, status: str = "", type_code: str = "", q: str = "") -> QuerySet:
    rows = Regulation.objects.filter(city=city).select_related("type", "masterplan", "body", "revises", "revision__masterplan")
    if not permissions.can_view_governance(user, city):
        rows = rows.exclude(status=Regulation.Status.DRAFT)
    if status:
        rows = rows.filter(status=status)
    if type_code:
        rows = rows.filter(type__code=type_code)
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(number__icontains=q))
    return rows


def regulation_detail(user, city, pk) -> Regulation:
    """One regulation (404 `not_found` outside the user's view) with its revisions."""
    visible = regulations(user, city)
    return resolve(Regulation, pk, city=city, queryset=visible.prefetch_related(Prefetch("revisions", queryset=visible)))


def amending_candidates(revision) -> QuerySet:
    """Register entries that may close a masterplan revision: enacted, of its city, closing no other revision,
    concerning its masterplan or none, neither a body's decree nor the masterplan's own legalising regulation
    (newest first)."""
    masterplan = revision.masterplan
    rows = (
        Regulation.objects.filter(city_id=masterplan.city_id, status=Regulation.Status.ENACTED, revision__isnull=True, body__isnull=True)
        .filter(Q(masterplan__isnull=True) | Q(masterplan=masterplan))
        .select_related("type")
    )
    legalising = masterplan_selectors.legalising_regulation(masterplan)
    return rows.exclude(pk=legalising.pk) if legalising else rows


def regulation_with_document(user, city, pk) -> Regulation:
    """A regulation the user may see that has a document (404 `not_found` otherwise)."""
    return resolve(Regulation, pk, city=city, queryset=regulations(user, city).exclude(file=""))


def meetings(city, *, kind_code: str = "", year: int | None = None) -> QuerySet:
    """The city's meetings, newest first, with how many departments, stakeholders and files each has."""
    rows = (
        Meeting.objects.filter(city=city)
        .select_related("kind", "body")
        .annotate(
            n_opds=Count("opds", distinct=True),
            n_stakeholders=Count("stakeholders", distinct=True),
            n_attachments=Count("attachments", distinct=True),
        )
        .order_by("-held_on", "-id")  # an aggregate drops Meta.ordering
    )
    if kind_code:
        rows = rows.filter(kind__code=kind_code)
    if year:
        rows = rows.filter(held_on__year=year)
    return rows


def meeting_detail(city, pk) -> Meeting:
    return resolve(
        Meeting,
        pk,
        city=city,
        queryset=Meeting.objects.select_related("kind", "body").prefetch_related(
            "opds", "stakeholders", Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by"))
        ),
    )


def attachments(city, *, subject: str = "") -> QuerySet:
    rows = Attachment.objects.filter(city=city).select_related(*ATTACHMENT_JOINS)
    return rows.filter(subject=subject) if subject else rows


def attachment_detail(city, pk) -> Attachment:
    return resolve(Attachment, pk, city=city, queryset=Attachment.objects.select_related(*ATTACHMENT_JOINS))


def subject_choices(city) -> list[tuple[str, str]]:
    """Every record of the city a file can be attached to, as `subject:id` values grouped by label (for the upload form)."""
    groups = [(str(Attachment.Subject.MOU.label), [("mou:", str(Attachment.Subject.MOU.label))])]
    records = {
        "commitment": [(c.pk, f"{c.signed_on:%d-%m-%Y} · {c.place}") for c in city.commitments.all()],
        "body": [(b.pk, b.name) for b in city.bodies.all()],
        "bimtek": [(w.pk, f"{w} · {w.masterplan}") for w in Workshop.objects.filter(masterplan__city=city).select_related("masterplan")],
        "meeting": [(m.pk, f"{m.held_on:%d-%m-%Y} · {m.title}") for m in Meeting.objects.filter(city=city)],
    }
    for subject, rows in records.items():
        if rows:
            groups.append((str(Attachment.Subject(subject).label), [(f"{subject}:{pk}", label) for pk, label in rows]))
    return groups
