"""Reads of cities, scoped by the user's rights and aggregated in SQL."""
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kotacerdas.core import permissions

# Departments listed on the dashboard; the department page lists them all.
DASHBOARD_OPDS = 10


def _count(model, city_path: str, **filters) -> Coalesce:
    """Count rows of `model` per city in a correlated subquery (no join fan-out)."""
    sub = (
        model.objects.filter(**{city_path: OuterRef("pk")}, **filters)
        .order_by()
        .values(city_path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def city_summaries(user) -> QuerySet:
    """Cities the user may see, each with counts of departments, stakeholders, signatories, programmes."""
    from kotacerdas.cities.models import Opd, Signatory, Stakeholder
    from kotacerdas.programmes.models import Programme

    return permissions.cities_visible_to(user).annotate(
        n_opds=_count(Opd, "city"),
        n_stakeholders=_count(Stakeholder, "city"),
        n_signatories=_count(Signatory, "commitment__city"),
        n_programmes=_count(Programme, "masterplan__city"),
    )


def city_counts(city) -> dict:
    """Key counts of one city, in one query."""
    from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stakeholder

    names = {
        "opds": _count(Opd, "city"), "bodies": _count(Body, "city"), "body_members": _count(BodyMember, "body__city"),
        "stakeholders": _count(Stakeholder, "city"), "commitments": _count(Commitment, "city"),
        "signatories": _count(Signatory, "commitment__city"),
    }
    row = City.objects.filter(pk=city.pk).annotate(**{f"n_{k}": v for k, v in names.items()}).values(*(f"n_{k}" for k in names)).get()
    return {k: row[f"n_{k}"] for k in names}


def stage_track(city) -> list[dict]:
    """Every lifecycle stage in order, with the date reached and done/current/todo."""
    from kotacerdas.cities.models import Stage

    events = {e.stage: e for e in city.stage_events.all()}
    current = Stage.index(city.stage)
    return [
        {"value": value, "label": label, "event": events.get(value),
         "reached_on": events[value].reached_on if value in events else None,
         "state": "current" if i == current else "done" if i < current else "todo"}
        for i, (value, label) in enumerate(Stage.choices)
    ]


def city_dashboard(city) -> dict:
    """The lifecycle track, key counts, bodies and the latest commitment of one city."""
    commitment = city.commitments.first()
    return {
        "track": stage_track(city),
        "counts": city_counts(city),
        "leading_sector": city.opds.filter(is_leading_sector=True).first(),
        "opds": city.opds.all()[:DASHBOARD_OPDS],
        "bodies": body_list(city),
        "stakeholder_groups": stakeholder_groups(city),
        "commitment": commitment,
    }


def opd_list(city, q: str = "") -> QuerySet:
    opds = city.opds.all()
    if q:
        opds = opds.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(head_name__icontains=q))
    return opds


def body_list(city) -> QuerySet:
    return city.bodies.annotate(n_members=Count("members")).order_by("kind", "name")


def body_detail(city, pk: int):
    from django.shortcuts import get_object_or_404

    from kotacerdas.cities.models import BodyMember

    return get_object_or_404(
        city.bodies.prefetch_related(Prefetch("members", queryset=BodyMember.objects.select_related("opd"))), pk=pk
    )


def stakeholder_list(city, q: str = "", type_code: str = "") -> QuerySet:
    stakeholders = city.stakeholders.select_related("type")
    if q:
        stakeholders = stakeholders.filter(Q(name__icontains=q) | Q(contact_person__icontains=q))
    if type_code:
        stakeholders = stakeholders.filter(type__code=type_code)
    return stakeholders


def stakeholder_groups(city) -> list[dict]:
    """How many stakeholders of each type (for the dashboard)."""
    rows = city.stakeholders.order_by().values("type__code").annotate(n=Count("pk"))
    counts = {row["type__code"]: row["n"] for row in rows}
    from kotacerdas.framework.models import StakeholderType

    return [{"type": t, "n": counts[t.code]} for t in StakeholderType.objects.filter(code__in=counts)]


def commitment_detail(city, pk: int):
    from django.shortcuts import get_object_or_404

    from kotacerdas.cities.models import Signatory

    return get_object_or_404(
        city.commitments.prefetch_related(Prefetch("signatories", queryset=Signatory.objects.select_related("opd", "stakeholder"))),
        pk=pk,
    )


def commitment_list(city) -> QuerySet:
    return city.commitments.annotate(n_signatories=Count("signatories")).order_by("-signed_on", "-id")
