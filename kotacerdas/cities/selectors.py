"""Reads of cities, scoped by the user's rights and aggregated in SQL."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.cities.models import Body, BodyMember, City, Cohort, Commitment, Opd, Signatory, Stage, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve
from kotacerdas.framework.models import StakeholderType

# Departments listed on the dashboard; the department page lists them all.
DASHBOARD_OPDS = 10


def visible_cities(user) -> QuerySet:
    """The cities this user may see (`permissions.city_scope`), with their region, province and cohort."""
    return City.objects.select_related("region", "region__parent", "cohort").filter(permissions.city_scope(user))


def cohort_list(user) -> QuerySet:
    """The programme's cohorts, oldest first, each with `n_cities`: the cities recorded in it that the
    user may see (every one for the ministry, the published ones for the public)."""
    scope = permissions.city_scope(user, "cities")
    return Cohort.objects.annotate(n_cities=Count("cities", filter=scope or None)).order_by("year", "stage_number", "id")


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


def city_summaries(user, *, cohort_id: int | None = None) -> QuerySet:
    """Cities the user may see (of one cohort when given), each with counts of departments, stakeholders, signatories."""
    cities = visible_cities(user)
    if cohort_id is not None:
        cities = cities.filter(cohort_id=cohort_id)
    return cities.annotate(
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


def _track(stages: list[str], events: dict, current: str) -> list[dict]:
    """These stages in order, each with its event (or none); only a stage with a date is done."""
    return [
        {
            "value": value,
            "label": Stage(value).label,
            "event": events.get(value),
            "reached_on": events[value].reached_on if value in events else None,
            "state": ("current" if value == current else "done") if value in events else "todo",
        }
        for value in stages
    ]


def stage_warnings(events: list) -> list[str]:
    """Advice on the order of the stages of one cycle (with the participation's): never a refusal.

    A stage dated before a stage that usually precedes it (a council formed after Bimtek I,
    implementation before the Perwali), and the usual stages left out before the furthest one
    recorded (an evaluation without a Perwali).
    """
    ordered = sorted(events, key=lambda e: Stage.index(e.stage))
    warnings = []
    for i, early in enumerate(ordered):
        for late in ordered[i + 1 :]:
            if late.reached_on < early.reached_on:
                warnings.append(
                    _("“%(late)s” (%(late_date)s) came before “%(early)s” (%(early_date)s), which usually precedes it.")
                    % {
                        "late": late.get_stage_display(),
                        "late_date": date_format(late.reached_on),
                        "early": early.get_stage_display(),
                        "early_date": date_format(early.reached_on),
                    }
                )
    cycle = [e for e in ordered if Stage.of_cycle(e.stage)]
    if cycle:
        recorded = {e.stage for e in cycle}
        furthest = Stage.index(cycle[-1].stage)
        missing = [Stage(v).label for v in Stage.values if Stage.of_cycle(v) and Stage.index(v) < furthest and v not in recorded]
        if missing:
            warnings.append(
                _("“%(stage)s” is recorded without: %(missing)s.")
                % {"stage": cycle[-1].get_stage_display(), "missing": ", ".join(str(m) for m in missing)}
            )
    return warnings


def stage_cycles(city) -> dict:
    """The city's lifecycle: its participation stages, then each masterplan cycle (newest first) with
    its own stages and warnings; `current` is the cycle the city's current stage is derived from.

    Two queries whatever the number of cycles and events.
    """
    events = list(city.stage_events.select_related("masterplan"))
    plans = list(city.masterplans.order_by("-start_year"))
    participation = {e.stage: e for e in events if not Stage.of_cycle(e.stage)}
    cycle_stages = [v for v in Stage.values if Stage.of_cycle(v)]
    cycles = []
    for plan in plans:
        own = {e.stage: e for e in events if e.masterplan_id == plan.pk}
        cycles.append({"masterplan": plan, "events": own})
    unattached = {e.stage: e for e in events if Stage.of_cycle(e.stage) and e.masterplan_id is None}
    if unattached:
        cycles.append({"masterplan": None, "events": unattached})
    with_events = [c for c in cycles if c["events"] and c["masterplan"] is not None]
    current = with_events[0] if with_events else (cycles[0] if cycles else None)
    for cycle in cycles:
        cycle["is_current"] = cycle is current
        cycle["track"] = _track(cycle_stages, cycle["events"], city.stage if cycle is current else "")
        cycle["warnings"] = stage_warnings([*participation.values(), *cycle["events"].values()])
    return {
        "events": events,
        "participation": _track([v for v in Stage.values if not Stage.of_cycle(v)], participation, city.stage),
        "cycles": cycles,
        "current": current,
    }


def stage_track(city, lifecycle: dict | None = None) -> list[dict]:
    """Every lifecycle stage in order for the current cycle, with the date reached and done/current/todo."""
    lifecycle = lifecycle or stage_cycles(city)
    current = lifecycle["current"]
    cycle_stages = [v for v in Stage.values if Stage.of_cycle(v)]
    return lifecycle["participation"] + (current["track"] if current else _track(cycle_stages, {}, city.stage))


def city_dashboard(city) -> dict:
    """The lifecycle track, key counts, bodies and the latest commitment of one city."""
    commitment = city.commitments.first()
    lifecycle = stage_cycles(city)
    return {
        "track": stage_track(city, lifecycle),
        "cycle": lifecycle["current"],
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
