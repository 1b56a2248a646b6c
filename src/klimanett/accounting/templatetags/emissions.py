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
