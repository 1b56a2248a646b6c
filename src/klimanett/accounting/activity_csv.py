"""Activity lines from a CSV file: header `activity,quantity,unit` and an optional `note`.

Comma-separated, or semicolon-separated as Excel writes CSV in Norway (then "1 234,5" decimals).
"""

import csv
import io
from dataclasses import dataclass

from klimanett.accounting.ghg.calculate import ActivityLine, InvalidQuantity
from klimanett.accounting.ghg.numbers import InvalidNumber, parse_number

REQUIRED_COLUMNS = ("activity", "quantity", "unit")
OPTIONAL_COLUMNS = ("note",)


class ActivityFileError(ValueError):
    """A file we cannot read, with the line of the file where the trouble is."""

    def __init__(self, line_number: int, message: str) -> None:
        super().__init__(f"line {line_number}: {message}")
        self.line_number = line_number


@dataclass(frozen=True, slots=True)
class NumberedLine:
    line_number: int  # the line in the file, the header being line 1
    line: ActivityLine


def read_activity_lines(text: str) -> list[NumberedLine]:
    """The activity lines of the CSV `text`; blank rows are skipped."""
    text = text.removeprefix("\ufeff")
    header_line = text.partition("\n")[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().casefold() for name in next(reader, [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        raise ActivityFileError(
            1,
            f"the header must be {','.join(REQUIRED_COLUMNS)} and optionally note"
            f" (missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'})",
        )
    lines = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ActivityFileError(
                reader.line_num, f"{len(row)} fields, the header has {len(header)}"
            )
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        lines.append(NumberedLine(reader.line_num, _activity_line(values, reader.line_num)))
    return lines


def _activity_line(values: dict[str, str], line_number: int) -> ActivityLine:
    activity, unit = values.get("activity", ""), values.get("unit", "")
    if not activity or not unit:
        raise ActivityFileError(line_number, "the activity and the unit must be filled in")
    try:
        quantity = parse_number(values.get("quantity", ""))
        return ActivityLine(
            activity=activity, quantity=quantity, unit=unit, note=values.get("note", "")
        )
    except (InvalidNumber, InvalidQuantity) as error:
        raise ActivityFileError(line_number, f"quantity: {error}") from error
