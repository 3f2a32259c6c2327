"""The presentation (paparan) of the masterplan to the ministry: one slide per level-1 heading —
vision, programmes per dimension, quick wins, road map, budget."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.books import formats
from kotacerdas.books.content.common import cols, money, new_document
from kotacerdas.books.document import Document
from kotacerdas.programmes import selectors as programme_selectors

MAX_MISSIONS = 7
MAX_QUICK_WINS = 10


def build(source, lang: str) -> Document:
    masterplan = source.masterplan
    doc = new_document(source, "presentation", lang)
    doc.landscape = True
    doc.numbered = False
    summary = source.summary_by_dimension()
    missions = source.missions

    doc.heading(1, _("Smart-city vision and missions"))
    if masterplan.vision.strip():
        doc.para(masterplan.vision, "quote")
    else:
        doc.missing_para(_("the smart-city vision"))
    if missions:
        doc.bullets([m.text for m in missions[:MAX_MISSIONS]], numbered=True)
        if len(missions) > MAX_MISSIONS:
            doc.para(_("… and %(n)s more missions (Book I).") % {"n": len(missions) - MAX_MISSIONS}, "note")
    else:
        doc.missing_para(_("the missions"))

    doc.heading(1, _("Programmes per dimension"))
    total_n = sum(row["programmes"] for row in summary)
    total_budget = sum((row["budget"] for row in summary), Decimal(0))
    doc.table(
        _("Programmes and budget per dimension"),
        cols((_("Dimension"), 3), (_("Programmes"), 1.2, "right"), (_("Budget"), 2, "right")),
        [[row["name"], formats.number(row["programmes"], lang), money(row["budget"], lang)] for row in summary]
        + [[_("Total"), formats.number(total_n, lang), money(total_budget, lang)]],
        total_rows=1,
        font_size=12,
    )
    empty = [row["name"] for row in summary if not row["programmes"]]
    for name in empty:
        doc.missing_para(_("a programme for the dimension %(dimension)s") % {"dimension": name})

    doc.heading(1, _("Quick wins"))
    sheets = source.selected_quick_wins()
    if sheets:
        doc.table(
            _("Selected quick wins"),
            cols(
                ("No.", 0.65, "right"),
                (_("Quick win"), 3.5),
                (_("Dimension"), 2.2),
                (_("Lead department"), 2.2),
                (_("Score"), 0.8, "right"),
            ),
            [
                [
                    str(i),
                    s.programme.name,
                    s.programme.dimension.name,
                    s.programme.lead_opd.short_name if s.programme.lead_opd else doc.missing_text,
                    str(s.total_score),
                ]
                for i, s in enumerate(sheets[:MAX_QUICK_WINS], 1)
            ],
            font_size=11,
        )
    else:
        doc.missing_para(_("the selected quick wins"))

    doc.heading(1, _("Road map"))
    programmes = source.programmes
    if programmes:
        doc.figure(_("Road map per dimension and horizon"), roadmap_summary(source), width=0.95)
    else:
        doc.missing_para(_("the programmes of the masterplan"))

    doc.heading(1, _("Budget"))
    doc.figure(
        _("Budget per dimension (Rp million)"),
        {
            "kind": "bars",
            "labels": [row["name"] for row in summary],
            "values": [float(row["budget"] / 1_000_000) for row in summary],
            "value_labels": [formats.number(row["budget"] / 1_000_000, lang) for row in summary],
            "axis": _("Rp million"),
        },
        width=0.85,
    )
    return doc


def roadmap_summary(source) -> dict:
    """One bar per dimension × horizon, from its first to its last programme year (a slide has room for ~18 rows)."""
    masterplan, programmes, horizons = source.masterplan, source.programmes, source.horizons
    spans: dict[tuple, list] = defaultdict(list)
    for p in programmes:
        spans[(p.dimension.order, p.dimension_id, p.dimension.name, p.horizon_id)].append(p)
    by_horizon = {h.pk: h for h in horizons}
    rows = []
    for (_order, dimension_id, name, horizon_id), group in sorted(
        spans.items(), key=lambda item: (item[0][0], by_horizon[item[0][3]].order)
    ):
        horizon = by_horizon[horizon_id]
        rows.append(
            {
                "label": f"{name} – {horizon.name} ({len(group)})",
                "group": dimension_id,
                "start": min(p.start_year for p in group),
                "end": max(p.end_year for p in group),
                "colour": programme_selectors.HORIZON_COLOURS.get(horizon.code, programme_selectors.DEFAULT_COLOUR),
            }
        )
    legend = [[h.name, programme_selectors.HORIZON_COLOURS.get(h.code, programme_selectors.DEFAULT_COLOUR)] for h in horizons]
    return {"kind": "roadmap", "years": list(masterplan.years), "rows": rows, "legend": legend, "label_width": 66}
