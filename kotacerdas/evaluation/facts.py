"""What the system already knows about a city, shown beside its self-assessment so it is not retyped.

`known_facts(city, year)` is the one place these facts are gathered (pages and API). The programme
realisation ratio is the monitoring app's (`monitoring.selectors.city_progress`), the same the
monitoring pages show.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from kotacerdas.masterplan import selectors as masterplan_selectors
from kotacerdas.monitoring.selectors import city_progress
from kotacerdas.programmes.models import Programme, ProgrammeYear


def known_facts(city, year: int) -> dict:
    """The masterplan's regulation, the bodies and their decrees, the year's budget, the quick wins.

    Keys: `masterplan` (title, period, status, regulation number and date, or None), `bodies`
    (kind, name, decree number and date, member count), `budget` (the year's planned budget in
    Rupiah, and the number of programmes with a budget line that year), `quick_wins` (names,
    dimension, lead department), `realisation` (the programmes of that year realised: `ratio`,
    `numerator`, `denominator`; `ratio` is None without programmes). At most nine queries.
    """
    plan = masterplan_selectors.current_masterplan(city)
    bodies = list(city.bodies.annotate(member_count=Count("members")).order_by("kind", "name"))
    budget = {"year": year, "total": 0, "programme_count": 0}
    quick_wins = []
    if plan is not None:
        totals = ProgrammeYear.objects.filter(programme__masterplan=plan, year=year).aggregate(
            total=Sum("budget"), programmes=Count("programme", distinct=True, filter=Q(budget__gt=0))
        )
        budget = {"year": year, "total": int(totals["total"] or 0), "programme_count": totals["programmes"]}
        quick_wins = list(
            Programme.objects.filter(masterplan=plan, is_quick_win=True).select_related("dimension", "lead_opd").order_by("name")
        )
    return {
        "masterplan": plan,
        "bodies": bodies,
        "budget": budget,
        "quick_wins": quick_wins,
        "realisation": city_progress(city, year=year),
    }
