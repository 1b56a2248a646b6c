from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats

register = template.Library()

KG_PER_TONNE = 1000.0


@register.filter
def tonnes(kg: float | None) -> str:
    """kg CO2e shown as tonnes with two decimals in the reader's number format (1 234,57)."""
    if kg is None:
        return "–"
    return floatformat(kg / KG_PER_TONNE, "2g")


@register.filter
def quantity(value: Decimal | None) -> str:
    """A quantity as entered, without trailing zeros, in the reader's number format (1 234,5)."""
    if value is None:
        return "–"
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return formats.number_format(normal, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def signed_tonnes(kg: float | None) -> str:
    """A change in kg CO2e as tonnes with its sign (+1,23 or -1,23; 0,00 unsigned)."""
    if kg is None:
        return "–"
    shown = tonnes(kg)
    return f"+{shown}" if kg > 0 and shown.strip("0,. ") else shown


@register.filter
def signed_percent(percent: float | None) -> str:
    """A change in per cent with its sign and one decimal (+5,1 %); – when not known."""
    if percent is None:
        return "–"
    shown = floatformat(percent, 1)
    return f"+{shown} %" if percent > 0 else f"{shown} %"
