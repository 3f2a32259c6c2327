"""Reads of masterplans and their vision tree (the same reads feed pages, API and documents)."""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.core.api import resolve
from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Revision, Target


class NoMasterplan(Http404):
    """The city has no masterplan record yet: the API answers 404; pages show what comes first
    (`site.middleware.GuidanceMiddleware`) instead of a dead end."""

    def __init__(self, city):
        self.city = city
        super().__init__(_("%(city)s has no masterplan yet.") % {"city": city.name})


def current_masterplan(city) -> Masterplan | None:
    """The city's newest masterplan (the one being drafted or implemented)."""
    return city.masterplans.order_by("-start_year").first()


def masterplan_or_404(city, masterplan_id: int | None = None) -> Masterplan:
    """A masterplan of this city (the current one when no id is given); 404 otherwise."""
    if masterplan_id:
        plan = resolve(Masterplan, masterplan_id, city=city)
    else:
        plan = current_masterplan(city)
        if plan is None:
            raise NoMasterplan(city)
    plan.city = city
    return plan


def requested_masterplan_id(value) -> int | None:
    """The `?masterplan=` of a page; anything that is not a number means the current one."""
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def masterplans_of(city):
    """Every masterplan of the city, newest first, each with `has_open_revision`."""
    open_revisions = Revision.objects.filter(masterplan=OuterRef("pk"), closed_on__isnull=True)
    return city.masterplans.order_by("-start_year").annotate(has_open_revision=Exists(open_revisions))


def revisions_of(masterplan: Masterplan):
    """The masterplan's revisions, oldest first, each with its amending regulation (the register entry that closed it)."""
    return masterplan.revisions.select_related("regulation").order_by("number")


def amendments_of(masterplan: Masterplan) -> list[dict]:
    """The closed revisions, oldest first: `number`, and the amending regulation's `regulation_number` and
    `regulation_date` (its register entry's), as the books print them."""
    rows = revisions_of(masterplan).filter(closed_on__isnull=False).values_list("number", "regulation__number", "regulation__issued_on")
    return [{"number": n, "regulation_number": number or "", "regulation_date": day} for n, number, day in rows]


def legalising_regulation(masterplan: Masterplan):
    """The entry of the city's regulation register (`governance`, through the relations it declares) that is the
    masterplan's legalising regulation: enacted or revoked, dated as the masterplan's regulation, concerning this
    masterplan or numbered alike, and not an amending one. None when no entry matches."""
    if masterplan.regulation_date is None:
        return None
    entries = masterplan.city.regulations.filter(issued_on=masterplan.regulation_date, revision__isnull=True).exclude(status="draft")
    number = " ".join(masterplan.regulation_number.split()).casefold()
    return next(
        (r for r in entries.order_by("pk") if r.masterplan_id == masterplan.pk or " ".join(r.number.split()).casefold() == number), None
    )


def missions_tree(masterplan: Masterplan) -> list[Mission]:
    """Missions → objectives (with dimensions) → targets, in four queries whatever the size."""
    objectives = Objective.objects.order_by("order", "id").prefetch_related(
        Prefetch("dimensions", queryset=Dimension.objects.order_by("order", "code")),
        Prefetch("targets", queryset=Target.objects.order_by("year", "id")),
    )
    return list(masterplan.missions.order_by("order", "id").prefetch_related(Prefetch("objectives", queryset=objectives)))


def unserved_dimensions(missions: list[Mission], dimensions) -> list[Dimension]:
    """Smart-city dimensions that no objective of the tree serves."""
    served = {d.pk for mission in missions for objective in mission.objectives.all() for d in objective.dimensions.all()}
    return [d for d in dimensions if d.pk not in served]


def vision_tree(masterplan: Masterplan) -> dict:
    missions = missions_tree(masterplan)
    dimensions = list(Dimension.objects.order_by("order", "code"))
    return {"missions": missions, "dimensions": dimensions, "unserved": unserved_dimensions(missions, dimensions)}


def mission_or_404(city, pk: int) -> Mission:
    """A mission of the city (404 `not_found` otherwise, as for one that never existed)."""
    mission = resolve(Mission, pk, city=city, queryset=Mission.objects.select_related("masterplan"))
    mission.masterplan.city = city
    return mission


def objective_or_404(city, pk: int) -> Objective:
    objective = resolve(Objective, pk, city=city, queryset=Objective.objects.select_related("mission__masterplan"))
    objective.mission.masterplan.city = city
    return objective


def target_or_404(city, pk: int) -> Target:
    target = resolve(Target, pk, city=city, queryset=Target.objects.select_related("objective__mission__masterplan"))
    target.objective.mission.masterplan.city = city
    return target
