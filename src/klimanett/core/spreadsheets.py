"""Values written to files that people open in spreadsheets."""

from typing import Any

# A cell starting with one of these runs as a formula in Excel and LibreOffice (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_STARTS)


def safe_csv_value(value: Any) -> Any:
    """The value, with a leading apostrophe where a spreadsheet would run it as a formula."""
    return "'" + value if is_formula(value) else value
