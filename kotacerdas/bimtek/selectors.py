"""Reads of bimtek: workshops with their counts, participants, outputs with provenance, the stage checklist."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kotacerdas.bimtek.models import Output, Participant, Workshop, roman
from kotacerdas.cities.models import Body
from kotacerdas.core.api import resolve
from kotacerdas.framework.models import Dimension, Horizon, ReadinessLens
from kotacerdas.masterplan.models import Masterplan


def _count(model, filters: dict | None = None) -> Coalesce:
    """Rows of `model` per workshop in a correlated subquery (no join fan-out)."""
    sub = model.objects.filter(workshop=OuterRef("pk"), **(filters or {})).order_by().values("workshop").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def _with_counts(workshops: QuerySet) -> QuerySet:
    return workshops.annotate(
        n_participants=_count(Participant),
        n_attended=_count(Participant, {"attended": True}),
        n_outputs=_count(Output),
    )


def workshops_of(masterplan) -> QuerySet:
    """The bimtek of a masterplan with participant, attendance and output counts (one query)."""
    return _with_counts(masterplan.workshops.all()).order_by("number")


def workshop_or_404(city, pk: int) -> Workshop:
    """A bimtek of one of the city's masterplans, with its counts; 404 `not_found` otherwise (as for one that never existed)."""
    workshop = resolve(Workshop, pk, city=city, queryset=_with_counts(Workshop.objects.select_related("masterplan")))
    # The city is already at hand: spare the query that would fetch it again.
    Masterplan.city.field.set_cached_value(workshop.masterplan, city)
    return workshop


def participant_or_404(workshop, pk: int) -> Participant:
    """A participant of this bimtek; 404 `not_found` otherwise."""
    return resolve(Participant, pk, city=workshop.masterplan.city, queryset=participants_of(workshop))


def _choice_order(field: str, choices) -> Case:
    """Sort by the order the choices are declared in (OPD staff before mentors, SWOT before notes)."""
    return Case(*[When(**{field: value}, then=Value(i)) for i, value in enumerate(choices.values)], output_field=IntegerField())


def participants_of(workshop, group: str | None = None) -> QuerySet:
    """Participants grouped as the attendance list is: OPD staff, council, team, stakeholders, mentors."""
    rows = workshop.participants.select_related("opd", "stakeholder").order_by(_choice_order("group", Participant.Group), "name", "pk")
    return rows.filter(group=group) if group else rows


def participant_groups(workshop) -> list[dict]:
    """Participants and attendance per group, in the order of the groups (one query)."""
    counts = {
        row["group"]: row
        for row in workshop.participants.order_by().values("group").annotate(n=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    }
    return [
        {"value": value, "label": label, "n": counts.get(value, {}).get("n", 0), "attended": counts.get(value, {}).get("attended", 0)}
        for value, label in Participant.Group.choices
    ]


def outputs_of(workshop=None, *, kind: str | None = None, masterplan=None) -> QuerySet:
    """Outputs with everything their provenance and adoption need, in a constant number of queries."""
    # Programmes live above bimtek: reach them through the relation they declare to outputs.
    programme_model = Output.programmes.rel.related_model
    rows = (
        Output.objects.select_related(
            "workshop",
            "dimension",
            "lens",
            "proposed_by_opd",
            "proposed_by_stakeholder",
        )
        .prefetch_related(
            Prefetch("programmes", queryset=programme_model.objects.only("pk", "name", "origin_id").order_by("name")),
            "swot_items",
            "gap_items",
            "strategies",
        )
        .order_by(
            _choice_order("kind", Output.Kind), "dimension__order", "lens__order", _choice_order("swot_category", Output.SwotCategory), "pk"
        )
    )
    if workshop is not None:
        rows = rows.filter(workshop=workshop)
    if masterplan is not None:
        rows = rows.filter(workshop__masterplan=masterplan)
    return rows.filter(kind=kind) if kind else rows


def output_kinds(workshop) -> list[dict]:
    counts = dict(workshop.outputs.order_by().values_list("kind").annotate(n=Count("pk")))
    return [{"value": value, "label": label, "n": counts.get(value, 0)} for value, label in Output.Kind.choices]


def output_or_404(workshop, pk: int) -> Output:
    """An output of this bimtek (with what its provenance and adoption need); 404 `not_found` otherwise."""
    return resolve(Output, pk, city=workshop.masterplan.city, queryset=outputs_of(workshop))


def vision_keywords(masterplan) -> QuerySet:
    """Vision keywords collected in the masterplan's bimtek, with who proposed them where."""
    return (
        Output.objects.filter(workshop__masterplan=masterplan, kind=Output.Kind.VISION_KEYWORD)
        .select_related("workshop", "proposed_by_opd", "proposed_by_stakeholder")
        .order_by("workshop__number", "id")
    )


def became(output: Output) -> list[dict]:
    """What plan content the output became (uses the prefetched relations)."""
    items = [{"kind": "programme", "id": p.pk, "label": p.name} for p in output.programmes.all()]
    items += [{"kind": "swot_item", "id": s.pk, "label": s.text} for s in output.swot_items.all()]
    items += [{"kind": "gap_item", "id": g.pk, "label": g.description} for g in output.gap_items.all()]
    items += [{"kind": "strategy", "id": s.pk, "label": s.title} for s in output.strategies.all()]
    return items


# --- the stage checklist --------------------------------------------------------------------


def _link(name: str, *args, query: str = "") -> str | None:
    """A link to a page of another app, or None while that app does not serve it."""
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def _item(
    key: str, label: str, parts: list[dict], *, done: bool | None = None, link: str | None = None, note: str = "", missing=None
) -> dict:
    """One line of the checklist: done when every part has what it needs; `missing` names what is
    missing when the parts' labels do not (e.g. the programmes still without years)."""
    if done is None:
        done = all(p["count"] >= p["needed"] for p in parts)
    return {
        "key": key,
        "label": label,
        "done": done,
        "count": sum(p["count"] for p in parts),
        "parts": parts,
        "missing": missing if missing is not None else [p["label"] for p in parts if p["count"] < p["needed"]],
        "link": link,
        "note": note,
    }


def _part(label: str, count: int, needed: int = 1) -> dict:
    return {"label": label, "count": count, "needed": needed, "done": count >= needed}


UNSCHEDULED_NAMED = 5  # the checklist names at most this many programmes without years


def checklist(masterplan) -> list[dict]:
    """What each bimtek should produce and what is still missing (docs/domain.md §4), in 10 queries.

    Outputs count from the bimtek they were recorded in; programmes, quick wins, bodies and
    the commitment are plan content and count for the whole masterplan.
    """
    city = masterplan.city
    outputs = Counter()
    for row in (
        Output.objects.filter(workshop__masterplan=masterplan)
        .order_by()
        .values("workshop__number", "kind", "lens_id", "dimension_id")
        .annotate(n=Count("pk"))
    ):
        outputs[(row["workshop__number"], row["kind"], row["lens_id"], row["dimension_id"])] += row["n"]
    by = defaultdict(int)  # (number, kind) and (number, kind, "lens"|"dim", id) → count
    for (number, kind, lens_id, dimension_id), n in outputs.items():
        by[(number, kind)] += n
        by[(number, kind, "lens", lens_id)] += n
        by[(number, kind, "dim", dimension_id)] += n
    lenses = list(ReadinessLens.objects.filter(is_core=True).order_by("order"))
    dimensions = list(Dimension.objects.order_by("order"))
    bodies = dict(Body.objects.filter(city=city).order_by().values_list("kind").annotate(n=Count("pk")))
    plan_years = masterplan.end_year - masterplan.start_year + 1
    horizons = list(Horizon.objects.filter(first_year__lte=plan_years).order_by("order"))
    # Programmes and quick wins live above bimtek: count them through the masterplan's relations.
    programmes = {
        row["horizon_id"]: row
        for row in masterplan.programmes.order_by()
        .values("horizon_id")
        .annotate(n=Count("pk", distinct=True), scheduled=Count("pk", distinct=True, filter=Q(years__isnull=False)))
    }
    quick_wins = dict(
        masterplan.programmes.filter(quick_win__isnull=False).order_by().values_list("quick_win__stage").annotate(n=Count("pk"))
    )
    commitments = city.commitments.count()

    code = city.code

    def outputs_link(number: int, kind: str) -> str | None:
        workshop_id = workshop_ids.get(number)
        return _link("bimtek:detail", code, workshop_id, query=f"?kind={kind}#outputs") if workshop_id else None

    workshop_ids = dict(masterplan.workshops.values_list("number", "pk"))
    n_programmes = sum(r["n"] for r in programmes.values())
    n_scheduled = sum(r["scheduled"] for r in programmes.values())
    unscheduled = list(masterplan.programmes.filter(years__isnull=True).values_list("name", flat=True)[: UNSCHEDULED_NAMED + 1])
    if len(unscheduled) > UNSCHEDULED_NAMED:
        unscheduled[UNSCHEDULED_NAMED:] = [_("and %(count)d more") % {"count": n_programmes - n_scheduled - UNSCHEDULED_NAMED}]
    shortlist = quick_wins.get("shortlisted", 0) + quick_wins.get("selected", 0)
    selected = quick_wins.get("selected", 0)
    Kind = Output.Kind
    stages = {
        1: [
            _item(
                "institutions",
                _("Policy direction and institutions (council and implementation team)"),
                [_part(_("council"), bodies.get(Body.Kind.COUNCIL, 0)), _part(_("implementation team"), bodies.get(Body.Kind.TEAM, 0))],
                link=_link("cities:dashboard", code),
            ),
            _item(
                "readiness",
                _("Readiness analysis: SWOT items for each core lens"),
                [_part(lens.name, by[(1, Kind.SWOT, "lens", lens.pk)]) for lens in lenses],
                link=outputs_link(1, Kind.SWOT),
            ),
            _item("gaps", _("Gap analysis: gap items"), [_part(_("gap items"), by[(1, Kind.GAP)])], link=outputs_link(1, Kind.GAP)),
            _item(
                "vision_keywords",
                _("Keywords for the vision"),
                [_part(_("vision keywords"), by[(1, Kind.VISION_KEYWORD)])],
                link=outputs_link(1, Kind.VISION_KEYWORD),
            ),
            _item(
                "programme_ideas",
                _("Long-list of programme ideas for each dimension"),
                [_part(d.name, by[(1, Kind.PROGRAMME_IDEA, "dim", d.pk)]) for d in dimensions],
                link=outputs_link(1, Kind.PROGRAMME_IDEA),
            ),
        ],
        2: [
            _item(
                "strategies",
                _("A strategy for each dimension"),
                [_part(d.name, by[(2, Kind.STRATEGY, "dim", d.pk)]) for d in dimensions],
                link=outputs_link(2, Kind.STRATEGY),
            ),
            _item(
                "programmes",
                _("Programmes for the short, medium and long term"),
                [_part(h.name, programmes.get(h.pk, {}).get("n", 0)) for h in horizons],
                link=_link("programmes:list", code),
            ),
        ],
        3: [
            _item(
                "roadmap",
                _("Roadmap: every programme scheduled by year"),
                [_part(_("programmes with years"), n_scheduled, max(n_programmes, 1))],
                link=_link("programmes:roadmap", code),
                note=_("%(done)d of %(total)d programmes") % {"done": n_scheduled, "total": n_programmes},
                # name the programmes without years; no programme at all is what is missing otherwise
                missing=[_("programmes without years: %(names)s") % {"names": ", ".join(unscheduled)}] if unscheduled else None,
            ),
            _item(
                "quick_win_shortlist",
                _("Quick-win shortlist"),
                [
                    _part(_("shortlisted or selected quick wins"), shortlist),
                    _part(_("quick-win candidates from the bimtek"), by[(3, Kind.QUICK_WIN)], 0),
                ],
                link=_link("programmes:quick_wins", code),
            ),
        ],
        4: [
            _item(
                "commitment", _("Commitment signed"), [_part(_("signed commitments"), commitments)], link=_link("cities:dashboard", code)
            ),
            _item(
                "final_quick_wins",
                _("Final quick wins selected (often 3)"),
                [_part(_("selected quick wins"), selected)],
                link=_link("programmes:quick_wins", code),
            ),
        ],
    }
    return [
        {
            "number": number,
            "roman": roman(number),
            "workshop_id": workshop_ids.get(number),
            "items": items,
            "done": sum(1 for i in items if i["done"]),
            "total": len(items),
        }
        for number, items in stages.items()
    ]
