"""Downloads (`core.tabular`): the alignment matrix (a row per programme, a column per kind of official plan)
and a plan's items (a row per item, in reading order)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.tabular import NUMBER, RUPIAH, Column

PLAN_ITEM_COLUMNS = [
    Column(_("Level"), lambda i: i.depth + 1, NUMBER, width=7),
    Column(_("Kind"), lambda i: i.get_kind_display(), width=14),
    Column(_("Code"), lambda i: i.code, width=20),
    Column(_("Text"), lambda i: i.text, width=60),
    Column(_("Indicator"), lambda i: i.indicator, width=40),
    Column(_("Target"), lambda i: i.target, width=18),
    Column(_("Indicative ceiling (Rp)"), lambda i: i.indicative_ceiling, RUPIAH),
    Column(_("Programme links"), lambda i: i.n_links, NUMBER, width=10),
]


def _entries(cell: list[dict]) -> str:
    """The plan items of a cell, one a line: code, text, the plan's years and department."""
    lines = []
    for entry in cell:
        item, document = entry["item"], entry["document"]
        years = str(document.start_year) if document.end_year == document.start_year else f"{document.start_year}–{document.end_year}"
        where = f"{years} · {document.opd.short_name}" if document.opd else years
        lines.append(f"{item.code or item.get_kind_display()} {item.text} ({where})")
    return "\n".join(lines)


def matrix_columns(columns: list[dict]) -> list[Column]:
    return [
        Column(_("Dimension"), lambda r: r["programme"].dimension.name, width=18),
        Column(_("Element"), lambda r: r["programme"].element.name, width=24),
        Column(_("Masterplan programme"), lambda r: r["programme"].name, width=40),
        Column(_("Lead department"), lambda r: r["programme"].lead_opd.short_name if r["programme"].lead_opd else "", width=16),
        *(Column(column["label"], lambda r, i=i: _entries(r["cells"][i]), width=50) for i, column in enumerate(columns)),
    ]
