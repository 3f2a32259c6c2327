"""Reading uploaded Excel workbooks without letting a hostile one cost more than a legitimate one.

openpyxl's read-only mode streams a sheet's rows, but on opening it looks for the sheet's
`<dimension>` record by parsing forward until the end of `<sheetData>`: a workbook without that
record (a few hundred KiB can hold millions of compressed rows) is read to its end before the
first row is seen; and a record claiming 16,384 columns pads every row to that width.
`open_workbook` opens workbooks whose sheets take no size from the file: each row is as wide as
its last cell, rows are streamed, and the caller stops at its own row and column limits.
"""

from __future__ import annotations

from openpyxl.reader import excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet


class UnsizedWorksheet(ReadOnlyWorksheet):
    """A read-only sheet that does not read its size from the file (see the module)."""

    def _get_size(self):
        self._min_column = self._min_row = 1
        self._max_column = self._max_row = None


def open_workbook(file):
    """`openpyxl.load_workbook(file, read_only=True, data_only=True)` with unsized sheets: iterate with
    `sheet.iter_rows(min_row=1, values_only=True)` and stop at your limits."""
    excel.ReadOnlyWorksheet = UnsizedWorksheet  # the class openpyxl's reader instantiates in read-only mode
    return excel.load_workbook(file, read_only=True, data_only=True)
