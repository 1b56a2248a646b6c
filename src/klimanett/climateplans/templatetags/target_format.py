"""Numbers of targets as the reader's locale writes them (1 234,5), and whether a target has a
climate budget."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

from klimanett.climateplans import budget
from klimanett.climateplans.models import Target

register = template.Library()


@register.filter
def amount(value: float | None) -> str:
    """A target's value with as many decimals as its size needs: 1 235, 12,3 or 1,23."""
    if value is None:
        return "–"
    size = abs(value)
    decimals = "0g" if size >= 100 else "1g" if size >= 10 else "2g"
    return floatformat(value, decimals)


@register.filter
def percent(value: float | None) -> str:
    """A percentage with at most one decimal: 12,5 % or 60 %; – when not known."""
    if value is None:
        return "–"
    return f"{floatformat(value, '-1g')} %"


@register.filter
def has_budget(target: Target) -> bool:
    """Whether the target has a climate budget to link to (``budget.has_budget``)."""
    return budget.has_budget(target)
