"""Buku IV, the road map on its own: the programmes over the years and the plan of each year."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.books.content import buku2
from kotacerdas.books.content.common import cols, funding_text, money, new_document, output_targets
from kotacerdas.books.document import Document


def build(source, lang: str) -> Document:
    masterplan = source.masterplan
    doc = new_document(source, "4", lang)
    programmes = source.programmes
    doc.toc(_("Table of contents"))
    doc.heading(1, _("Road map"))
    doc.para(
        _(
            "Programmes laid over the years of the masterplan, coloured by horizon: short term (about year 1), medium term (years 2–5) and long term (years 6–10)."
        )
    )
    buku2.roadmap_figures(doc, source)
    doc.heading(1, _("Plan per year"))
    by_year: dict[int, list] = defaultdict(list)
    for programme in programmes:
        for row in programme.years.all():
            by_year[row.year].append((programme, row))
    years = sorted(set(masterplan.years) | set(by_year))
    for year in years:
        doc.heading(2, _("Year %(year)s") % {"year": year})
        rows = by_year.get(year, [])
        if not rows:
            doc.missing_para(_("programmes with targets for %(year)s") % {"year": year})
            continue
        table = [
            [
                str(i),
                p.name,
                p.dimension.name,
                p.lead_opd.short_name if p.lead_opd else doc.missing_text,
                output_targets(p, y.year, lang) or doc.missing_text,
                money(y.budget, lang),
                funding_text(y, lang, doc.missing_text),
            ]
            for i, (p, y) in enumerate(rows, 1)
        ]
        table.append(["", _("Total"), "", "", "", money(sum((y.budget for _p, y in rows), Decimal(0)), lang), ""])
        doc.table(
            _("Programmes and budget in %(year)s") % {"year": year},
            cols(
                ("No.", 0.6, "right"),
                (_("Programme"), 2.4),
                (_("Dimension"), 1.6),
                (_("Lead"), 1.8),
                (_("Output and target"), 2.4),
                (_("Budget"), 1.9, "right"),
                (_("Funding"), 2.2),
            ),
            table,
            total_rows=1,
            font_size=7.5,
        )
    return doc
