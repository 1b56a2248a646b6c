"""Read Miljødirektoratet's municipal greenhouse gas statistics ("Utslipp av klimagasser i
kommuner") in its published CSV form: one line per municipality, year, sector (and subsector).

PURE: standard library only, no Django. The reader is tolerant of how the file was saved
(semicolons or commas, UTF-8 with or without a byte order mark or Windows-1252, Norwegian
headers spelled a little differently, decimal commas and thousand separators) and strict about
the content: a number cell with text, a year out of range or a missing value is a refusal with
its line number and column. Cells the statistics suppress ("", "-", ".", ":", "..", "x") have no
value: such a line is skipped and counted, not refused. Whether a municipality number exists is
for the caller to check (against the database).

Refusals carry a reason code, not a sentence, so the caller can say it in the user's language.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

FIRST_YEAR = 1990  # the statistics start in 1990 (Klimaloven's base year)

# Canonical columns; the first four are required.
MUNICIPALITY_NUMBER = "municipality_number"
YEAR = "year"
SECTOR = "sector"
T_CO2E = "t_co2e"
MUNICIPALITY_NAME = "municipality_name"
SUBSECTOR = "subsector"
REQUIRED_COLUMNS = (MUNICIPALITY_NUMBER, YEAR, SECTOR, T_CO2E)

# Reason codes of a refusal.
MISSING_COLUMN = "missing_column"
NOT_A_NUMBER = "not_a_number"
BAD_YEAR = "bad_year"
BAD_MUNICIPALITY_NUMBER = "bad_municipality_number"
UNKNOWN_MUNICIPALITY = "unknown_municipality"
MISSING_VALUE = "missing_value"
DUPLICATE = "duplicate"
UNREADABLE = "unreadable"

SUPPRESSED = frozenset({"", "-", ".", ":", "..", "...", "x", "–", "—"})
# Sum lines some versions of the file carry; importing them would count emissions twice.
TOTAL_SECTORS = frozenset({"totalt", "total", "sum", "allesektorer", "ialt"})

_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u2007]+")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[ .]\d{3})+(?:,\d+)?")
_PLAIN_COMMA = re.compile(r"\d*,\d+|\d+(?:,\d*)?")
_PLAIN_DOT = re.compile(r"\d*\.\d+")
_MUNICIPALITY = re.compile(r"(?:k-?)?(\d{3,4})(?:\s.*)?", re.IGNORECASE)
_HEADER_SEARCH_LINES = 20


@dataclass(frozen=True)
class StatisticsRow:
    line: int
    municipality_number: str
    municipality_name: str
    year: int
    sector: str
    subsector: str
    t_co2e: Decimal


@dataclass(frozen=True)
class Refusal:
    """A refused line (or, with line 0 or the header's line, the whole file).

    `field` is the canonical column (``year``, ``t_co2e`` …), `column` the header as the file
    spells it (empty for a missing column), `value` the cell as written, `detail` what the
    reason needs beyond that (the allowed years, the line a duplicate repeats)."""

    line: int
    reason: str
    field: str = ""
    column: str = ""
    value: str = ""
    detail: str = ""


@dataclass
class ParsedStatistics:
    rows: list[StatisticsRow] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    suppressed_lines: int = 0  # lines whose value the statistics suppress
    total_lines: int = 0  # sum lines ("Totalt") left out
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header in the file

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})

    @property
    def municipality_numbers(self) -> list[str]:
        return sorted({row.municipality_number for row in self.rows})


class NotANumber(ValueError):
    """The text is not a number the Norwegian way (nor a plain decimal point number)."""


def normalise_header(text: str) -> str:
    """Lower case, no diacritics, no punctuation or spaces: "Utslipp (tonn CO₂-ekv.)" ->
    "utslipptonnco2ekv"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def column_for(header: str) -> str | None:
    """The canonical column a header names, or None."""
    h = normalise_header(header)
    if not h:
        return None
    if h in {"kommunenummer", "kommunenr", "knr", "kommunekode", "kommunenrkode"} or (
        h.startswith(("kommunenummer", "kommunenr"))
    ):
        return MUNICIPALITY_NUMBER
    if h in {"kommune", "kommunenavn", "navn", "kommunename"} or h.startswith("kommunenavn"):
        return MUNICIPALITY_NAME
    if h in {"ar", "aar", "arstall", "aarstall", "year", "ars"}:
        return YEAR
    if h in {"sektor", "hovedsektor", "sector"}:
        return SECTOR
    if h in {"undersektor", "kilde", "utslippskilde", "delsektor", "subsector", "kildekategori"}:
        return SUBSECTOR
    if (
        h.startswith(("utslipp", "tonnco2", "co2ekv", "co2e"))
        or h in {"verdi", "value", "tco2e", "tonn", "mengde"}
        or ("co2" in h and ("tonn" in h or "ekv" in h))
    ):
        return T_CO2E
    return None


def parse_number(text: str) -> Decimal:
    """A number written the Norwegian way: decimal comma, thousands separated by spaces
    (also non-breaking) or by dots followed by exactly three digits; a plain decimal point is
    accepted where it cannot be a thousand separator. Raises `NotANumber`."""
    s = _SPACES.sub(" ", text.strip())
    sign = ""
    if s[:1] in {"-", "−", "+"}:
        sign = "-" if s[0] in {"-", "−"} else ""
        s = s[1:].lstrip()
    if _GROUPED.fullmatch(s):
        plain = s.replace(" ", "").replace(".", "").replace(",", ".")
    elif _PLAIN_COMMA.fullmatch(s):
        plain = s.replace(",", ".")
    elif _PLAIN_DOT.fullmatch(s):
        plain = s
    else:
        raise NotANumber(text)
    if plain.endswith("."):
        plain = plain[:-1]
    try:
        value = Decimal(sign + plain)
    except InvalidOperation as error:  # pragma: no cover - the patterns above rule it out
        raise NotANumber(text) from error
    return abs(value) if value.is_zero() else value  # no negative zero


def format_number(value: Decimal, *, thousands: str = "\u00a0") -> str:
    """A Decimal the Norwegian way (``-1 234 567,25``); the inverse of `parse_number`."""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = thousands.join(groups)
    if fraction:
        out += "," + fraction
    return ("-" if value < 0 else "") + out


def is_suppressed(text: str) -> bool:
    return _SPACES.sub("", text).casefold() in SUPPRESSED


def decode(content: bytes) -> str:
    """UTF-8 with or without a byte order mark, else Windows-1252 (Excel's "CSV" on Windows)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def sniff_delimiter(lines: Iterable[str]) -> str:
    """Semicolon, tab or comma: the one the first non-empty line uses most (ties: ;)."""
    for line in lines:
        if line.strip():
            counts = {d: line.count(d) for d in (";", "\t", ",")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ";"
    return ";"


def parse(content: bytes | str, *, last_year: int) -> ParsedStatistics:
    """Read the file; every line is either a row, a suppressed line, a sum line or a refusal."""
    result = ParsedStatistics()
    text = decode(content) if isinstance(content, bytes) else content.removeprefix("\ufeff")
    if "\x00" in text:
        result.refusals.append(Refusal(line=0, reason=UNREADABLE))
        return result
    delimiter = sniff_delimiter(text.splitlines()[:_HEADER_SEARCH_LINES])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error:
        result.refusals.append(Refusal(line=reader.line_num, reason=UNREADABLE))
        return result

    header_index, columns = _find_header(table)
    header_line = table[header_index][0] if table else 1
    result.columns = {name: table[header_index][1][i].strip() for name, i in columns.items()}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        result.refusals.extend(
            Refusal(line=header_line, reason=MISSING_COLUMN, field=name) for name in missing
        )
        return result

    seen: dict[tuple[str, int, str, str], int] = {}
    for line, cells in table[header_index + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        row = _read_row(line, cells, columns, result, last_year=last_year)
        if row is None:
            continue
        key = (row.municipality_number, row.year, row.sector, row.subsector)
        if key in seen:
            result.refusals.append(Refusal(line=line, reason=DUPLICATE, detail=str(seen[key])))
            continue
        seen[key] = line
        result.rows.append(row)
    return result


def _find_header(table: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """The first line (of the first few) naming the required columns, with where each column
    is; when there is none, the first non-empty line, to say which columns are missing."""
    best: tuple[int, dict[str, int]] | None = None
    for index, (_, cells) in enumerate(table[:_HEADER_SEARCH_LINES]):
        if not any(cell.strip() for cell in cells):
            continue
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            name = column_for(cell)
            if name is not None and name not in columns:
                columns[name] = position
        if all(name in columns for name in REQUIRED_COLUMNS):
            return index, columns
        if best is None:
            best = (index, columns)
    return best if best is not None else (0, {})


def _read_row(
    line: int,
    cells: list[str],
    columns: dict[str, int],
    result: ParsedStatistics,
    *,
    last_year: int,
) -> StatisticsRow | None:
    def cell(name: str) -> str:
        position = columns.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    def refuse(reason: str, name: str, *, detail: str = "") -> None:
        result.refusals.append(
            Refusal(
                line=line,
                reason=reason,
                field=name,
                column=result.columns.get(name, ""),
                value=cell(name),
                detail=detail,
            )
        )

    sector = cell(SECTOR)
    if normalise_header(sector) in TOTAL_SECTORS:
        result.total_lines += 1
        return None
    raw_value = cell(T_CO2E)
    if is_suppressed(raw_value):
        result.suppressed_lines += 1
        return None

    refused = len(result.refusals)
    number = cell(MUNICIPALITY_NUMBER)
    match = _MUNICIPALITY.fullmatch(number)
    if not number:
        refuse(MISSING_VALUE, MUNICIPALITY_NUMBER)
    elif match is None:
        refuse(BAD_MUNICIPALITY_NUMBER, MUNICIPALITY_NUMBER)
    year_text = cell(YEAR)
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    if not year_text:
        refuse(MISSING_VALUE, YEAR)
    elif year is None or not FIRST_YEAR <= year <= last_year:
        refuse(BAD_YEAR, YEAR, detail=f"{FIRST_YEAR}–{last_year}")
    if not sector:
        refuse(MISSING_VALUE, SECTOR)
    value: Decimal | None = None
    try:
        value = parse_number(raw_value)
    except NotANumber:
        refuse(NOT_A_NUMBER, T_CO2E)
    if len(result.refusals) > refused:
        return None
    assert match is not None and year is not None and value is not None
    return StatisticsRow(
        line=line,
        municipality_number=match.group(1).zfill(4),
        municipality_name=cell(MUNICIPALITY_NAME),
        year=year,
        sector=sector,
        subsector=cell(SUBSECTOR),
        t_co2e=value,
    )
