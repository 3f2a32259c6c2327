"""The programme lists as tables (downloads) and the programme table read back (import).

`PROGRAMME_COLUMNS` is both the download of the programme list and the import's template: a
downloaded file, edited and uploaded, updates the programmes whose ID it names and creates the
rows without an ID.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from kotacerdas.core.tabular import NUMBER, RUPIAH, YES_NO, Column


def _short(opd) -> str:
    return opd.short_name if opd else ""


PROGRAMME_COLUMNS = {
    "id": Column(_("ID"), lambda p: p.pk, NUMBER, 8),
    "name": Column(_("Name"), lambda p: p.name, width=40),
    "dimension": Column(_("Dimension"), lambda p: p.dimension.name, width=20),
    "element": Column(_("Element"), lambda p: p.element.name, width=28),
    "lead_opd": Column(_("Lead department"), lambda p: _short(p.lead_opd), width=16),
    "supporting_opds": Column(_("Supporting departments"), lambda p: "; ".join(o.short_name for o in p.supporting_opds.all())),
    "person_in_charge": Column(_("Person in charge"), lambda p: p.person_in_charge),
    "horizon": Column(_("Horizon"), lambda p: p.horizon.name, width=14),
    "start_year": Column(_("First year"), lambda p: p.start_year, NUMBER, 10),
    "end_year": Column(_("Last year"), lambda p: p.end_year, NUMBER, 10),
    "status": Column(_("Status"), lambda p: p.status.name, width=14),
    "is_quick_win": Column(_("Quick win"), lambda p: p.is_quick_win, YES_NO, 10),
    "budget_total": Column(_("Total budget (Rp)"), lambda p: p.budget_total, RUPIAH),
    "description": Column(_("Description"), lambda p: p.description, width=50),
    "problem": Column(_("Problem addressed"), lambda p: p.problem, width=50),
}
# Read on import; the others (the total budget) are shown only.
IMPORTED = [key for key in PROGRAMME_COLUMNS if key != "budget_total"]

ROADMAP_COLUMNS = [
    Column(_("Dimension"), lambda p: p.dimension.name, width=20),
    Column(_("Programme"), lambda p: p.name, width=40),
    Column(_("Lead department"), lambda p: _short(p.lead_opd), width=16),
    Column(_("Horizon"), lambda p: p.horizon.name, width=14),
    Column(_("First year"), lambda p: p.start_year, NUMBER, 10),
    Column(_("Last year"), lambda p: p.end_year, NUMBER, 10),
    Column(_("Status"), lambda p: p.status.name, width=14),
    Column(_("Total budget (Rp)"), lambda p: p.budget_total, RUPIAH),
]


def quick_win_columns(criteria: list) -> list[Column]:
    """The quick-win sheets with one column per scoring criterion (its range in the header) and the total."""
    scores = [
        Column(f"{criterion.name} (0–{criterion.max_score})", lambda s, i=i: s.score_row[i], NUMBER, 14)
        for i, criterion in enumerate(criteria)
    ]
    return [
        Column(_("Programme"), lambda s: s.programme.name, width=40),
        Column(_("Dimension"), lambda s: s.programme.dimension.name, width=20),
        Column(_("Lead department"), lambda s: _short(s.programme.lead_opd), width=16),
        Column(_("Stage"), lambda s: s.get_stage_display(), width=14),
        Column(_("Problem"), lambda s: s.problem, width=40),
        Column(_("Innovation"), lambda s: s.innovation, width=40),
        Column(_("Benefit"), lambda s: s.benefit, width=40),
        Column(_("Partners"), lambda s: s.partners),
        Column(_("Budget (Rp)"), lambda s: s.budget_total, RUPIAH),
        Column(_("Timeline"), lambda s: s.timeline),
        Column(_("Risks"), lambda s: s.risks, width=40),
        *scores,
        Column(_("Total score"), lambda s: s.total_score, NUMBER, 10),
    ]


def header_keys() -> dict[str, str]:
    """Every header of the programme table, in Indonesian and English (lower case), to its column key."""
    keys = {}
    for language in ("id", "en"):
        with override(language):
            keys.update({str(column.header).strip().lower(): key for key, column in PROGRAMME_COLUMNS.items()})
    return keys
