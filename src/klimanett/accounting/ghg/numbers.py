"""Norwegian number input ("1 234,5") to float."""

import math
import re

# Spaces people and spreadsheets put between thousands: space, no-break space, narrow no-break
# space, thin space.
_GROUP_SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009")
_MINUS_SIGNS = ("\u2212", "\u2013")  # minus sign and en dash, as word processors write them
_PLAIN = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}( \d{3})+([.,]\d+)?")


class InvalidNumber(ValueError):
    """The text is not a number in a format we accept."""


def parse_number(text: str) -> float:
    """Read "1 234,5", "1 234,5" (no-break space), "1234.5" or "-2" as a float.

    A comma or a point is the decimal separator; spaces may group thousands in threes. Text with
    both a comma and a point is refused, as "1,234.5" and "1.234,5" mean different things in
    different countries.
    """
    cleaned = text.strip()
    for sign in _MINUS_SIGNS:
        cleaned = cleaned.replace(sign, "-")
    for separator in _GROUP_SEPARATORS:
        cleaned = cleaned.replace(separator, " ")
    if not (_PLAIN.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned)):
        raise InvalidNumber(f"{text!r} is not a number (write for example 1 234,5)")
    value = float(cleaned.replace(" ", "").replace(",", "."))
    if not math.isfinite(value):
        raise InvalidNumber(f"{text!r} is too large")
    return value
