"""Reads of masterplans and their vision tree (the same reads feed pages, API and documents)."""
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Target


def current_masterplan(city) -> Masterplan | None:
    """The city's newest masterplan (the one being drafted or implemented)."""
    return city.masterplans.order_by("-start_year").first()


def masterplan_or_404(city, masterplan_id: int | None = None) -> Masterplan:
    """A masterplan of this city (the current one when no id is given)."""
    plan = city.masterplans.filter(pk=masterplan_id).first() if masterplan_id else current_masterplan(city)
    if plan is None:
        raise Http404(_("%(city)s has no masterplan yet.") % {"city": city.name})
    plan.city = city
    return plan


def requested_masterplan_id(value) -> int | None:
    """The `?masterplan=` of a page; anything that is not a number means the current one."""
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def masterplans_of(city):
    """Every masterplan of the city, newest first."""
    return city.masterplans.order_by("-start_year")


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


def vision_keywords(masterplan: Masterplan):
    """Vision keywords collected in the masterplan's bimtek, with who proposed them where."""
    from kotacerdas.bimtek.models import Output

    return (Output.objects.filter(workshop__masterplan=masterplan, kind=Output.Kind.VISION_KEYWORD)
            .select_related("workshop", "proposed_by_opd", "proposed_by_stakeholder")
            .order_by("workshop__number", "id"))


def vision_tree(masterplan: Masterplan) -> dict:
    missions = missions_tree(masterplan)
    dimensions = list(Dimension.objects.order_by("order", "code"))
    return {"missions": missions, "dimensions": dimensions, "unserved": unserved_dimensions(missions, dimensions)}


def mission_or_404(city, pk: int) -> Mission:
    return _scoped(Mission.objects.select_related("masterplan"), pk, masterplan__city=city)


def objective_or_404(city, pk: int) -> Objective:
    return _scoped(Objective.objects.select_related("mission__masterplan"), pk, mission__masterplan__city=city)


def target_or_404(city, pk: int) -> Target:
    return _scoped(Target.objects.select_related("objective__mission__masterplan"), pk, objective__mission__masterplan__city=city)


def _scoped(queryset, pk, **city_filter):
    obj = queryset.filter(pk=pk, **city_filter).first()
    if obj is None:
        raise Http404(_("Not found in this city."))
    return obj
