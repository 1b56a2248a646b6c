"""Values written to files that people open in spreadsheets, and workbooks of them."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook

# A cell starting with one of these runs as a formula in Excel and LibreOffice (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_STARTS)


def safe_csv_value(value: Any) -> Any:
    """The value, with a leading apostrophe where a spreadsheet would run it as a formula."""
    return "'" + value if is_formula(value) else value


def xlsx_workbook(sheets: Iterable[tuple[str, Sequence[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per (title, rows); text that looks like a formula stays text."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        for row in rows:
            sheet.append(list(row))
        for sheet_row in sheet.iter_rows():
            for cell in sheet_row:
                if cell.data_type == "f":  # text that looks like a formula stays text
                    cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
