"""Activity lines imported from a CSV or Excel (XLSX) file, checked row by row.

`read_rows` reads every row of the file; `check_rows` adds what the engine refuses. Nothing here
writes to the database: the view shows the result as a dry run, and only the accepted rows are
saved when the partner confirms (`services.import_lines`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimanett.accounting.activity_csv import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from klimanett.accounting.ghg import units
from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.ghg.factors import UnknownActivity
from klimanett.accounting.ghg.numbers import InvalidNumber, parse_number

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
EXTENSIONS = (".csv", ".xlsx")
_MAX_QUANTITY = Decimal("1e12")  # AccountLine.quantity: 18 digits, 6 of them decimals
_ACTIVITY_MAX_LENGTH = 60
FIELD_LABELS = {
    "row": gettext_lazy("Row"),
    "activity": gettext_lazy("Activity"),
    "quantity": gettext_lazy("Quantity"),
    "unit": gettext_lazy("Unit"),
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


class Upload(Protocol):
    name: str | None
    size: int | None

    def read(self, *args: Any) -> bytes: ...


@dataclass(slots=True)
class RowResult:
    row_number: int  # the row in the file, the header being row 1
    activity: str
    quantity_text: str
    unit: str
    note: str
    quantity: Decimal | None = None
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message

    @property
    def accepted(self) -> bool:
        return not self.errors

    @property
    def error_list(self) -> list[tuple[str, str]]:
        """(field label, message) for each refused field."""
        return [(str(FIELD_LABELS[name]), message) for name, message in self.errors.items()]


@dataclass(frozen=True, slots=True)
class ImportPreview:
    accepted: list[RowResult]
    refused: list[RowResult]


def read_rows(upload: Upload) -> list[RowResult]:
    """The data rows of an uploaded .csv or .xlsx file, each with the errors found in reading
    it. Raises `ImportFileError` for a file that is too large, of another type, or unreadable."""
    content = read_upload(
        upload,
        extensions=EXTENSIONS,
        wrong_type=_("Choose a CSV file (.csv) or an Excel file (.xlsx)."),
    )
    name = (upload.name or "").casefold()
    table = _xlsx_table(content) if name.endswith(".xlsx") else _csv_table(content)
    return _rows_from_table(table)


def read_upload(upload: Upload, *, extensions: tuple[str, ...], wrong_type: str) -> bytes:
    """The content of an uploaded file of at most 2 MB whose name ends with one of
    `extensions`; `ImportFileError` with `wrong_type` or the size as its message otherwise."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB."))
    if not (upload.name or "").casefold().endswith(extensions):
        raise ImportFileError(wrong_type)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB."))
    return content


def csv_text(content: bytes) -> str:
    """The text of a CSV file saved as UTF-8 (with or without a byte order mark)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The CSV file could not be read. Save it as CSV UTF-8 and try again.")
        ) from error
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV file."))
    return text


def _csv_table(content: bytes) -> list[tuple[int, list[str]]]:
    text = csv_text(content)
    header_line = text.partition("\n")[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file could not be read (line %(line)s).") % {"line": reader.line_num}
        ) from error


def _xlsx_table(content: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error
    try:
        sheet = workbook.worksheets[0]
        table = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                break
            table.append((number, [_cell_text(value) for value in values]))
        return table
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows_from_table(table: list[tuple[int, list[str]]]) -> list[RowResult]:
    if not table:
        raise ImportFileError(_("The file is empty."))
    header_cells = table[0][1]
    header = [cell.strip().casefold() for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        raise ImportFileError(
            _(
                "The first row must name the columns activity, quantity, unit and optionally"
                " note (missing: %(missing)s; unknown: %(unknown)s)."
            )
            % {"missing": ", ".join(missing) or "–", "unknown": ", ".join(unknown) or "–"}
        )
    rows: list[RowResult] = []
    for number, cells in table[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
        values = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        row = make_row(
            row_number=number,
            activity=values.get("activity", ""),
            quantity_text=values.get("quantity", ""),
            unit=values.get("unit", ""),
            note=values.get("note", ""),
        )
        if any(cell.strip() for cell in cells[len(header) :]):
            row.errors["row"] = _("The row has more columns than the header.")
        rows.append(row)
    return rows


def make_row(
    *, row_number: int, activity: str, quantity_text: str, unit: str, note: str
) -> RowResult:
    """A row as read, its quantity parsed (or an error under "quantity")."""
    row = RowResult(
        row_number=row_number,
        activity=activity,
        quantity_text=quantity_text,
        unit=unit,
        note=note,
    )
    row.quantity = _quantity(row)
    return row


def _quantity(row: RowResult) -> Decimal | None:
    if not row.quantity_text:
        row.errors["quantity"] = _("The quantity is missing.")
        return None
    try:
        number = Decimal(str(parse_number(row.quantity_text)))
    except (InvalidNumber, InvalidOperation):
        row.errors["quantity"] = _("%(text)s is not a number. Write for example 1 234,5.") % {
            "text": row.quantity_text
        }
        return None
    if number < 0:
        row.errors["quantity"] = _("The quantity cannot be negative.")
        return None
    if number >= _MAX_QUANTITY:
        row.errors["quantity"] = _("The quantity is too large.")
        return None
    return number.quantize(Decimal("0.000001"))


def check_rows(rows: list[RowResult], calculator: Calculator) -> ImportPreview:
    """Split `rows` into accepted and refused, adding the engine's objections per field: an
    unknown activity, an unknown unit or one that does not fit the activity."""
    activities = set(calculator.factor_set.activities())
    for row in rows:
        if not row.activity:
            row.errors["activity"] = _("The activity is missing.")
        elif len(row.activity) > _ACTIVITY_MAX_LENGTH or row.activity not in activities:
            row.errors["activity"] = _("Unknown activity %(activity)s.") % {
                "activity": row.activity
            }
        if not row.unit:
            row.errors["unit"] = _("The unit is missing.")
            continue
        try:
            row.unit = units.unit(row.unit).symbol
        except units.UnknownUnit:
            row.errors["unit"] = _("Unknown unit %(unit)s.") % {"unit": row.unit}
            continue
        if "activity" in row.errors:
            continue
        try:
            calculator.resolve(row.activity, unit=row.unit)
        except units.UnitError:
            row.errors["unit"] = _("%(unit)s cannot be used for %(activity)s.") % {
                "unit": row.unit,
                "activity": row.activity,
            }
        except UnknownActivity:
            row.errors["activity"] = _("Unknown activity %(activity)s.") % {
                "activity": row.activity
            }
    return ImportPreview(
        accepted=[row for row in rows if row.accepted],
        refused=[row for row in rows if not row.accepted],
    )


def rows_from_post(data: Any) -> list[RowResult]:
    """The accepted rows posted back from the dry run, to be checked again."""
    try:
        count = min(int(data.get("rows", "0")), MAX_ROWS)
    except ValueError:
        count = 0
    rows = []
    for i in range(count):
        number = str(data.get(f"row-{i}-number", ""))
        row = make_row(
            row_number=int(number) if number.isdigit() else i + 2,
            activity=str(data.get(f"row-{i}-activity", "")).strip(),
            quantity_text=str(data.get(f"row-{i}-quantity", "")).strip(),
            unit=str(data.get(f"row-{i}-unit", "")).strip(),
            note=str(data.get(f"row-{i}-note", "")).strip(),
        )
        rows.append(row)
    return rows
