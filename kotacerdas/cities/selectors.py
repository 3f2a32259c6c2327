"""Reads of cities, scoped by the user's rights and aggregated in SQL."""
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kotacerdas.core import permissions


def _count(model, city_path: str) -> Coalesce:
    """Count rows of `model` per city in a correlated subquery (no join fan-out)."""
    sub = (
        model.objects.filter(**{city_path: OuterRef("pk")})
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


def city_dashboard(city) -> dict:
    """The lifecycle track and the departments, stakeholders and commitment of one city."""
    from kotacerdas.cities.models import Stage

    events = {e.stage: e.reached_on for e in city.stage_events.all()}
    current = Stage.index(city.stage)
    track = [
        {"value": value, "label": label, "reached_on": events.get(value),
         "state": "current" if i == current else "done" if i < current else "todo"}
        for i, (value, label) in enumerate(Stage.choices)
    ]
    commitment = city.commitments.first()
    return {
        "track": track,
        "opds": city.opds.all(),
        "stakeholders": city.stakeholders.select_related("type"),
        "bodies": city.bodies.prefetch_related("members"),
        "commitment": commitment,
        "signatories": commitment.signatories.all() if commitment else [],
    }
