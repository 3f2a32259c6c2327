"""Lists as Excel (.xlsx) and CSV downloads: every list page offers its rows with the same filters.

A view declares its `Column`s (a translated header, how to get the value from a row, its kind)
and hands the rows of the page's own selector to `download(...)`: the headers follow the
interface's language, the workbook has a styled and frozen header row, column widths, Rupiah and
date formats; the CSV is UTF-8 with a byte-order mark (so Excel reads it as UTF-8).
A text starting like a formula stays text: a string cell in the workbook, quoted with `'` in the CSV.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
TEXT, NUMBER, RUPIAH, DATE, YES_NO = "text", "number", "rupiah", "date", "yes_no"
NUMBER_FORMATS = {NUMBER: "#,##0.##", RUPIAH: '"Rp" #,##0', DATE: "dd/mm/yyyy"}
WIDTHS = {TEXT: 30, NUMBER: 12, RUPIAH: 18, DATE: 12, YES_NO: 8}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


@dataclass(frozen=True)
class Column:
    """One column: `header` (a lazy translation), `value(row)`, its `kind` and, optionally, its width in characters."""

    header: Any
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int | None = None


def file_name(what: str, city, fmt: str, today: datetime.date | None = None) -> str:
    """`program-81.71-kota-ambon-2026-11-29.xlsx`: what, the city's code and name, the day."""
    today = today or timezone.localdate()
    parts = [slugify(str(what)), *([city.code, slugify(city.name)] if city is not None else []), today.isoformat()]
    return f"{'-'.join(p for p in parts if p)}.{fmt}"


def download(*, fmt: str, columns: list[Column], rows: Iterable, what: str, city=None, more_sheets=()) -> HttpResponse:
    """The rows as an .xlsx or .csv attachment (404 for another format); headers in the active language.
    `more_sheets`, (title, columns, rows) each, follow as further sheets of the workbook (a CSV holds one table)."""
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        headers = [str(column.header) for column in columns]
        content = _csv(headers, columns, ([column.value(row) for column in columns] for row in rows))
    else:
        workbook = Workbook(write_only=True)
        for title, sheet_columns, sheet_rows in [(what, columns, rows), *more_sheets]:
            _xlsx_sheet(workbook, str(title), sheet_columns, sheet_rows)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(what, city, fmt)}"'
    return response


def _xlsx_sheet(workbook, title: str, columns: list[Column], rows: Iterable) -> None:
    headers = [str(column.header) for column in columns]
    values = ([column.value(row) for column in columns] for row in rows)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        letter = _letter(index)
        sheet.column_dimensions[letter].width = column.width or max(WIDTHS.get(column.kind, 20), min(len(headers[index]) + 2, 40))
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in values:
        sheet.append([_xlsx_cell(sheet, column, value) for column, value in zip(columns, row, strict=True)])


def _xlsx_cell(sheet, column: Column, value) -> WriteOnlyCell:
    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if column.kind in NUMBER_FORMATS:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = NUMBER_FORMATS[column.kind]
        return cell
    cell = WriteOnlyCell(sheet, value=None)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", _text(column, value))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _csv(headers: list[str], columns: list[Column], values: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in values:
        writer.writerow([_csv_value(column, value) for column, value in zip(columns, row, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(column: Column, value) -> str:
    if value is None:
        return ""
    if column.kind == DATE:
        return value.isoformat()
    if column.kind in (NUMBER, RUPIAH):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    text = _text(column, value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _text(column: Column, value) -> str:
    if column.kind == YES_NO or isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"


def _letter(index: int) -> str:
    return get_column_letter(index + 1)
