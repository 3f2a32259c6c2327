"""Buku III, the quick wins: one sheet per selected quick win with its scores on the criteria."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.books.content.common import cols, money, new_document, partners_of, years_text
from kotacerdas.books.document import Document


def build(source, lang: str) -> Document:
    doc = new_document(source, "3", lang)
    sheets = source.selected_quick_wins()
    criteria = source.criteria
    max_total = sum(c.max_score for c in criteria)
    doc.toc(_("Table of contents"))
    doc.heading(1, _("Introduction"))
    doc.para(
        _(
            "Quick wins are programmes that show results within the first year and build trust in the masterplan. "
            "Each was scored on the criteria below; this book has one sheet per selected quick win."
        )
    )
    doc.table(
        _("Quick-win criteria"),
        cols(("No.", 0.65, "right"), (_("Criterion"), 5), (_("Maximum score"), 1.5, "right")),
        [[str(i), c.name, str(c.max_score)] for i, c in enumerate(criteria, 1)],
    )
    if sheets:
        doc.table(
            _("Selected quick wins"),
            cols(("No.", 0.65, "right"), (_("Quick win"), 4), (_("Dimension"), 2.5), (_("Total score"), 1.4, "right")),
            [[str(i), s.programme.name, s.programme.dimension.name, f"{s.total_score} / {max_total}"] for i, s in enumerate(sheets, 1)],
        )
    doc.heading(1, _("Quick-win sheets"))
    if not sheets:
        doc.missing_para(_("the selected quick wins"))
    for sheet in sheets:
        programme = sheet.programme
        doc.heading(2, programme.name)
        years = list(programme.years.all())
        budget = sum((y.budget for y in years), Decimal(0))
        partners = "; ".join(f"{p.stakeholder.name} ({p.get_role_display()})" for p in partners_of(programme))
        doc.table(
            None,
            cols((_("Item"), 1.6), (_("Content"), 5)),
            [
                [_("Problem"), sheet.problem or programme.problem or doc.missing_text],
                [_("Innovation"), sheet.innovation or doc.missing_text],
                [_("Benefit"), sheet.benefit or doc.missing_text],
                [_("Dimension / element"), f"{programme.dimension.name} / {programme.element.name}"],
                [_("Lead department"), programme.lead_opd.name if programme.lead_opd else doc.missing_text],
                [_("Partners"), sheet.partners or partners or doc.missing_text],
                [_("Budget"), money(budget, lang) if years else doc.missing_text],
                [_("Timeline"), sheet.timeline or years_text(programme.start_year, programme.end_year)],
                [_("Risks"), sheet.risks or doc.missing_text],
            ],
            key_value=True,
        )
        scores = {s.criterion_id: s.score for s in sheet.scores.all()}
        if not scores:
            doc.missing_para(_("the scores of %(p)s") % {"p": programme.name})
            continue
        rows = [[c.name, str(scores[c.pk]) if c.pk in scores else doc.missing_text, str(c.max_score)] for c in criteria]
        rows.append([_("Total"), str(sheet.total_score), str(max_total)])
        doc.table(
            _("Scores of %(p)s") % {"p": programme.name},
            cols((_("Criterion"), 5), (_("Score"), 1.2, "right"), (_("Maximum"), 1.2, "right")),
            rows,
            total_rows=1,
        )
    return doc
