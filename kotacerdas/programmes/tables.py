"""The programme lists as tables (downloads) and the programme table read back (import).

`PROGRAMME_COLUMNS` (first sheet) and `YEAR_COLUMNS` (sheet “Tahun”/“Years”) are both the download
of the programme list and the import's template: a downloaded file, edited and uploaded, updates
the programmes whose ID it names and creates the rows without an ID; a years sheet, when present,
replaces the yearly rows of each programme it names.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from kotacerdas.core.tabular import HEADER_FILL, HEADER_FONT, NUMBER, RUPIAH, YES_NO, Column

SUBHEADER_FONT = Font(bold=True)


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

# The sheet of yearly rows: a programme is named by its ID, or by its name for a new programme.
YEARS_SHEET = _("Years")
YEAR_COLUMNS = {
    "programme_id": Column(_("Programme ID"), lambda y: y.programme_id, NUMBER, 12),
    "programme": Column(_("Programme"), lambda y: y.programme.name, width=40),
    "year": Column(_("Year"), lambda y: y.year, NUMBER, 8),
    "budget": Column(_("Budget (Rp)"), lambda y: y.budget, RUPIAH),
    "funding_source": Column(_("Funding source"), lambda y: y.single_source.name if y.single_source else "", width=20),
    "year_status": Column(_("Status in the year"), lambda y: y.status.name if y.status else "", width=14),
    "funding": Column(_("Funding shares"), lambda y: "; ".join(f"{f.label}: {f.amount:.0f}" for f in y.funding.all()), width=50),
}
YEARS_IMPORTED = ["programme_id", "programme", "year", "budget", "funding_source"]

# What each column of the template holds (a comment on its header).
HINTS = {
    "id": _("Empty for a new programme; the ID of the download to change one."),
    "name": _("Required; unique in the masterplan."),
    "dimension": _("Code or name: see the sheet “Reference”."),
    "element": _("Code or name of an element of the dimension: see the sheet “Reference”."),
    "lead_opd": _("Short name of the department: see the sheet “Reference”."),
    "supporting_opds": _("Short names separated by “;”."),
    "horizon": _("Code or name: see the sheet “Reference”."),
    "start_year": _("A year, e.g. 2025 (a number, not a date)."),
    "end_year": _("A year, not before the first year."),
    "status": _("Code or name: see the sheet “Reference”."),
    "is_quick_win": _("“Ya” or “Tidak”."),
    "budget_total": _("Not read: the sum of the sheet “Years”."),
    "programme_id": _("The programme's ID, or empty for a new programme named in the next column."),
    "programme": _("The programme's name as on the first sheet."),
    "year": _("Within the programme's first and last year; each year once."),
    "budget": _("Rupiah, a number of at least 0."),
    "funding_source": _(
        "Code or name: see the sheet “Reference”: the whole budget from this source. Empty: the year's funding shares "
        "(entered on the programme's page) stay as they are."
    ),
    "year_status": _("Not read: set on the programme's page."),
    "funding": _("Not read: the year's funding shares, set on the programme's page."),
}

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


def header_keys(columns: dict = PROGRAMME_COLUMNS) -> dict[str, str]:
    """Every header of a table, in Indonesian and English (lower case), to its column key."""
    keys = {}
    for language in ("id", "en"):
        with override(language):
            keys.update({str(column.header).strip().lower(): key for key, column in columns.items()})
    return keys


def years_sheet_names() -> tuple[str, ...]:
    """The years sheet's title in Indonesian and English."""
    names = []
    for language in ("id", "en"):
        with override(language):
            names.append(str(YEARS_SHEET))
    return tuple(names)


def template_workbook(references: dict) -> bytes:
    """The import template: the two sheets' headers, each with a comment saying what it holds, and the
    sheet “Reference” listing the codes and names the cells may use (`selectors.template_references`)."""
    workbook = Workbook()
    programmes = workbook.active
    programmes.title = str(_("Programmes"))
    years = workbook.create_sheet(str(YEARS_SHEET))
    for sheet, columns in ((programmes, PROGRAMME_COLUMNS), (years, YEAR_COLUMNS)):
        for index, (key, column) in enumerate(columns.items(), start=1):
            cell = sheet.cell(row=1, column=index, value=str(column.header))
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            if key in HINTS:
                cell.comment = Comment(str(HINTS[key]), "Kota Cerdas", width=260, height=80)
            sheet.column_dimensions[cell.column_letter].width = column.width or 20
        sheet.freeze_panes = "A2"
    reference = workbook.create_sheet(str(_("Reference")))
    blocks = [
        (
            _("Dimension and element"),
            [(f"{e.dimension.code} / {e.code}", f"{e.dimension.name} / {e.name}") for e in references["elements"]],
        ),
        (_("Department"), [(o.short_name, o.name) for o in references["opds"]]),
        (_("Horizon"), [(h.code, h.name) for h in references["horizons"]]),
        (_("Status"), [(s.code, s.name) for s in references["statuses"]]),
        (_("Funding source"), [(f.code, f.name) for f in references["funding_sources"]]),
    ]
    column = 1
    for title, entries in blocks:
        head = reference.cell(row=1, column=column, value=str(title))
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        reference.cell(row=2, column=column, value=str(_("Code"))).font = SUBHEADER_FONT
        reference.cell(row=2, column=column + 1, value=str(_("Name"))).font = SUBHEADER_FONT
        for row, (code, name) in enumerate(entries, start=3):
            reference.cell(row=row, column=column, value=code).data_type = "s"
            reference.cell(row=row, column=column + 1, value=name).data_type = "s"
        reference.column_dimensions[reference.cell(row=1, column=column).column_letter].width = 22
        reference.column_dimensions[reference.cell(row=1, column=column + 1).column_letter].width = 36
        column += 3
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
