"""Reads of cities, scoped by the user's rights and aggregated in SQL."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stage, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve
from kotacerdas.framework.models import StakeholderType

# Departments listed on the dashboard; the department page lists them all.
DASHBOARD_OPDS = 10


def visible_cities(user) -> QuerySet:
    """The cities this user may see (`permissions.city_scope`), with their region and province."""
    return City.objects.select_related("region", "region__parent").filter(permissions.city_scope(user))


def city_or_404(user, code: str) -> City:
    """The city with this region code, if the user may see it; 404 otherwise (no existence leak)."""
    city = visible_cities(user).filter(region_id=code).first()
    if city is None:
        raise Http404(_("No city with code %(code)s.") % {"code": code})
    return city


def count_per_city(model, city_path: str, **filters) -> Coalesce:
    """Count rows of `model` per city in a correlated subquery (no join fan-out)."""
    sub = model.objects.filter(**{city_path: OuterRef("pk")}, **filters).order_by().values(city_path).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def city_summaries(user) -> QuerySet:
    """Cities the user may see, each with counts of departments, stakeholders, signatories."""
    return visible_cities(user).annotate(
        n_opds=count_per_city(Opd, "city"),
        n_stakeholders=count_per_city(Stakeholder, "city"),
        n_signatories=count_per_city(Signatory, "commitment__city"),
    )


def city_counts(city) -> dict:
    """Key counts of one city (`opd_count`, `body_count` …), in one query."""
    names = {
        "opd_count": count_per_city(Opd, "city"),
        "body_count": count_per_city(Body, "city"),
        "body_member_count": count_per_city(BodyMember, "body__city"),
        "stakeholder_count": count_per_city(Stakeholder, "city"),
        "commitment_count": count_per_city(Commitment, "city"),
        "signatory_count": count_per_city(Signatory, "commitment__city"),
    }
    return City.objects.filter(pk=city.pk).annotate(**names).values(*names).get()


def stage_track(city) -> list[dict]:
    """Every lifecycle stage in order, with the date reached and done/current/todo; a stage before the
    current one without a recorded date is "undated", not done: nothing shows when it happened."""

    events = {e.stage: e for e in city.stage_events.all()}
    current = Stage.index(city.stage)
    return [
        {
            "value": value,
            "label": label,
            "event": events.get(value),
            "reached_on": _reached_on(events, value),
            "state": "current" if i == current else "todo" if i > current else "done" if _reached_on(events, value) else "undated",
        }
        for i, (value, label) in enumerate(Stage.choices)
    ]


def _reached_on(events: dict, stage: str):
    return events[stage].reached_on if stage in events else None


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


def opd_programmes(opd) -> dict:
    """The programmes a department leads and, apart, those it only supports (through the relations
    the programmes app declares on Opd), with their status: two queries."""
    led = opd.led_programmes.select_related("status")
    return {
        "led_programmes": list(led),
        "supported_programmes": list(opd.supported_programmes.exclude(lead_opd=opd).select_related("status", "lead_opd")),
    }


def body_list(city) -> QuerySet:
    return city.bodies.annotate(n_members=Count("members")).order_by("kind", "name")


def body_detail(city, pk: int):
    """A body of the city with its members (404 `not_found` otherwise)."""
    return resolve(
        Body, pk, city=city, queryset=Body.objects.prefetch_related(Prefetch("members", queryset=BodyMember.objects.select_related("opd")))
    )


def stakeholder_list(city, q: str = "", type_code: str = "") -> QuerySet:
    """The city's stakeholders, searched by name or contact person and filtered by type code."""
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
    return [{"type": t, "n": counts[t.code]} for t in StakeholderType.objects.filter(code__in=counts)]


def commitment_detail(city, pk: int):
    """A commitment of the city with its signatories (404 `not_found` otherwise)."""
    return resolve(
        Commitment,
        pk,
        city=city,
        queryset=Commitment.objects.prefetch_related(
            Prefetch("signatories", queryset=Signatory.objects.select_related("opd", "stakeholder"))
        ),
    )


def commitment_list(city) -> QuerySet:
    return city.commitments.annotate(n_signatories=Count("signatories")).order_by("-signed_on", "-id")
