"""Reading uploaded Excel workbooks without letting a hostile one cost more than a legitimate one.

openpyxl's read-only mode streams a sheet's rows, but on opening it looks for the sheet's
`<dimension>` record by parsing forward until the end of `<sheetData>`: a workbook without that
record (a few hundred KiB can hold millions of compressed rows) is read to its end before the
first row is seen; and a record claiming 16,384 columns pads every row to that width.
`open_workbook` opens workbooks whose sheets take no size from the file: each row is as wide as
its last cell, rows are streamed, and the caller stops at its own row and column limits.
`read_table` does that with the import limits of the settings; every spreadsheet import uses it.
"""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.reader import excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError


class UnsizedWorksheet(ReadOnlyWorksheet):
    """A read-only sheet that does not read its size from the file (see the module)."""

    def _get_size(self):
        self._min_column = self._min_row = 1
        self._max_column = self._max_row = None


def open_workbook(file, data_only: bool = True):
    """`openpyxl.load_workbook(file, read_only=True, data_only=data_only)` with unsized sheets: iterate with
    `sheet.iter_rows(min_row=1, values_only=True)` and stop at your limits."""
    excel.ReadOnlyWorksheet = UnsizedWorksheet  # the class openpyxl's reader instantiates in read-only mode
    return excel.load_workbook(file, read_only=True, data_only=data_only)


# A cell longer than this is cut before validation (every imported field is shorter).
TEXT_CELL_MAX = 20000


def check_import_file(upload) -> None:
    """Refuse (400 `file_invalid`) no file, an empty one, or one over `settings.IMPORT_MAX_BYTES`, naming the limit."""
    if upload is None:
        raise ServiceError(CoreError.FILE_INVALID, _("Choose a file to upload."), field="file")
    if not upload.size:
        raise ServiceError(CoreError.FILE_INVALID, _("The file is empty."), field="file")
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("The file is %(size)s; an import accepts at most %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)},
            field="file",
        )


def read_table(file, progress=None, sheet_names: tuple[str, ...] = ()) -> tuple[list[str], list[tuple[int, tuple]]] | None:
    """A sheet of an .xlsx workbook: its header (lower-case, trimmed) and its non-empty rows below it
    with their row numbers in the sheet. The sheet is the active one, or with `sheet_names` the first
    sheet named one of them (case-insensitive); None when there is none.

    The sheet is streamed (openpyxl's read-only mode) and reading stops at the first row beyond
    `settings.IMPORT_MAX_ROWS` or the first cell beyond `settings.IMPORT_MAX_COLUMNS`, with a
    message naming the limit: a hostile workbook (millions of compressed rows) costs no more
    than a legitimate one of the largest size. A formula is refused, naming its cell: an import
    reads what the user sees, and a formula's last computed value may be missing or stale.
    `progress(0, 0, message)` hears about it every 250 rows.
    """
    max_rows, max_columns = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS
    _check_unpacked_size(file)
    workbook = None
    try:
        workbook = open_workbook(file, data_only=False)
        if sheet_names:
            wanted = {name.lower() for name in sheet_names}
            sheet = next((s for s in workbook.worksheets if s.title.strip().lower() in wanted), None)
            if sheet is None:
                workbook.close()
                return None
        else:
            sheet = workbook.active
        title = sheet.title
        rows = (_values(title, number, row) for number, row in enumerate(sheet.iter_rows(min_row=1), start=1))
        header_row = next(rows, None)
    except ServiceError:
        workbook.close()
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on a file that is not a workbook
        if workbook is not None:
            workbook.close()
        raise ServiceError(CoreError.FILE_INVALID, _("The file is not an Excel workbook (.xlsx)."), field="file") from exc
    try:
        if header_row is None:
            raise ServiceError(CoreError.FILE_INVALID, _("The sheet “%(sheet)s” is empty.") % {"sheet": title}, field="file")
        header = [str(cell if cell is not None else "").strip().lower() for cell in header_row]
        parsed = []
        for number, row in enumerate(_bounded(rows, header_row, max_columns), start=2):
            if number - 1 > max_rows:
                raise ServiceError(
                    CoreError.FILE_INVALID,
                    _("The sheet “%(sheet)s” has more than %(max)d rows below its header; an import takes at most %(max)d. Split the file.")
                    % {"max": max_rows, "sheet": title},
                    field="file",
                )
            if any(cell not in (None, "") for cell in row):
                parsed.append((number, row))
            if progress and number % 250 == 0:
                progress(0, 0, _("Reading row %(n)d…") % {"n": number})
        return header, parsed
    except ServiceError:
        raise
    except Exception as exc:  # a workbook broken further down
        raise ServiceError(CoreError.FILE_INVALID, _("The file is not an Excel workbook (.xlsx)."), field="file") from exc
    finally:
        workbook.close()


def sheet_titles(file) -> list[str]:
    """The titles of a workbook's sheets, in order (the same refusals as `read_table`)."""
    _check_unpacked_size(file)
    try:
        workbook = open_workbook(file)
        titles = workbook.sheetnames
        workbook.close()
    except Exception as exc:  # openpyxl raises many kinds of errors on a file that is not a workbook
        raise ServiceError(CoreError.FILE_INVALID, _("The file is not an Excel workbook (.xlsx)."), field="file") from exc
    finally:
        file.seek(0)
    return titles


def _values(title: str, number: int, cells: tuple) -> tuple:
    """A streamed row's values; a formula is refused naming its sheet, row and column."""
    for cell in cells:
        if getattr(cell, "data_type", None) == "f":
            raise ServiceError(
                CoreError.FILE_INVALID,
                _(
                    "Sheet “%(sheet)s”, row %(row)d, column %(column)s holds a formula (%(formula)s); an import reads values "
                    "only: copy the cells and paste them as values."
                )
                % {"sheet": title, "row": number, "column": cell.column_letter, "formula": str(cell.value)[:40]},
                field="file",
            )
    return tuple(getattr(cell, "value", None) for cell in cells)


def cell_text(row: tuple, index: int) -> str:
    """A cell of a row read by `read_table` as trimmed text (blank when missing), cut at `TEXT_CELL_MAX`."""
    value = row[index] if index < len(row) else None
    return str(value if value is not None else "").strip()[:TEXT_CELL_MAX]


def _check_unpacked_size(file) -> None:
    """The sheets are streamed, but openpyxl reads the rest (the shared text table, styles) whole:
    refuse a workbook whose other parts unpack to more than `IMPORT_MAX_UNPACKED_BYTES`."""
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist() if not info.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ServiceError(CoreError.FILE_INVALID, _("The file is not an Excel workbook (.xlsx)."), field="file") from exc
    finally:
        file.seek(0)
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("The workbook's text and styles unpack to %(size)s; an import reads at most %(max)s.")
            % {"size": filesizeformat(unpacked), "max": filesizeformat(limit)},
            field="file",
        )


def _bounded(rows, header_row, max_columns):
    """The rows, refusing one with a value beyond the column limit (the header included)."""
    _check_columns(header_row, max_columns)
    for row in rows:
        _check_columns(row, max_columns)
        yield row


def _check_columns(row, max_columns: int) -> None:
    if len(row) > max_columns and any(cell is not None for cell in row[max_columns:]):
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("The sheet uses more than %(max)d columns; an import reads at most %(max)d.") % {"max": max_columns},
            field="file",
        )
