"""Measures suggested from an organisation's latest climate account: the measure templates
(``measure_templates``, pure) applied to its lines, in the reader's language and number format.

For the action plan's "add from template" page and for the target guide::

    suggestions = suggest_measures(organisation, figures)   # largest cut first
    services.add_suggested_measures(organisation=..., suggestions=suggestions[:3], ...)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import get_language, gettext

from klimanett.accounting.factor_library import get_factor_set, latest_version
from klimanett.accounting.ghg.calculate import ActivityLine
from klimanett.accounting.ghg.factors import FactorSet
from klimanett.climateplans import actuals
from klimanett.climateplans.actuals import YearFigures
from klimanett.climateplans.measure_templates import (
    BY_KEY,
    TEMPLATES,
    AccountLines,
    Estimate,
    MeasureTemplate,
    ranked,
)
from klimanett.partners.models import Organisation

THOUSANDTHS = Decimal("0.001")


def local_number(value: float, decimals: int) -> str:
    """A number in the reader's format, grouped: 1 234,57 in bokmål."""
    return formats.number_format(
        round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def activity_names(factor_set: FactorSet) -> dict[str, str]:
    """Each activity's name in the reader's language (bokmål for nynorsk too)."""
    english = (get_language() or "nb").startswith("en")
    return {
        factor.activity: factor.name_en if english else factor.name_nb
        for factor in factor_set.factors
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class Suggestion:
    """A template applied to an account, ready to show and to save as a measure."""

    template: MeasureTemplate
    estimate: Estimate
    account_year: int | None  # None when the organisation has no account to read
    title: str
    description: str
    assumptions: str
    share_label: str
    arithmetic: tuple[str, ...]
    activity_names: tuple[str, ...]  # of the activities found, or of the template's

    @property
    def key(self) -> str:
        return self.template.key

    @property
    def category(self) -> str:
        return self.template.category

    @property
    def applicable(self) -> bool:
        return self.estimate.applicable

    @property
    def activity_keys(self) -> list[str]:
        """The activities found in the account (the template's when none are)."""
        return list(self.estimate.activities or self.template.activity_keys)

    @property
    def reduction_t(self) -> float:
        return self.estimate.reduction_t

    @property
    def energy_kwh(self) -> float | None:
        return self.estimate.energy_kwh

    @property
    def share_percent(self) -> int:
        return round(self.estimate.share * 100)

    def measure_values(self, *, start_year: int) -> dict[str, Any]:
        """The fields of a measure made from the suggestion (``services.add_measure``)."""
        energy = self.energy_kwh
        return {
            "title": self.title,
            "description": self.description,
            "category": self.category,
            "activity_keys": self.activity_keys,
            "template_key": self.key,
            "expected_reduction_t": Decimal(repr(self.reduction_t)).quantize(
                THOUSANDTHS, rounding=ROUND_HALF_UP
            ),
            "expected_energy_kwh": None
            if energy is None
            else Decimal(repr(energy)).quantize(Decimal(1), rounding=ROUND_HALF_UP),
            "start_year": start_year,
        }


def latest_figures(figures: Mapping[int, YearFigures]) -> YearFigures | None:
    return figures[max(figures)] if figures else None


def account_lines(year_figures: YearFigures) -> AccountLines:
    account = year_figures.account
    return AccountLines(
        (
            ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
            for line in account.lines.all()
        ),
        factor_set=get_factor_set(account.factor_set),
        year=account.year,
    )


def _suggestion(
    template: MeasureTemplate,
    estimate: Estimate,
    *,
    year: int | None,
    names: Mapping[str, str],
) -> Suggestion:
    keys = estimate.activities or template.activity_keys
    return Suggestion(
        template=template,
        estimate=estimate,
        account_year=year,
        title=gettext(template.title),
        description=gettext(template.description),
        assumptions=gettext(template.assumptions),
        share_label=gettext(template.share_label),
        arithmetic=tuple(
            step.render(
                number=local_number,
                activity_name=lambda key: names.get(key, key),
                translate=gettext,
            )
            for step in estimate.steps
        ),
        activity_names=tuple(names.get(key, key) for key in keys),
    )


def _not_applicable(template: MeasureTemplate, share: float | None) -> Estimate:
    return Estimate(
        template_key=template.key,
        share=template.default_share if share is None else share,
        activities=(),
        reduction_t=0.0,
        energy_kwh=None,
        steps=(),
    )


def all_suggestions(
    figures: Mapping[int, YearFigures], *, shares: Mapping[str, float] | None = None
) -> list[Suggestion]:
    """Every template applied to the latest submitted or approved account, in the library's
    order, those that find nothing to act on marked not applicable; `shares` by template key
    overrides the default shares (a fraction, 0–1)."""
    shares = shares or {}
    latest = latest_figures(figures)
    if latest is None:
        names = activity_names(get_factor_set(latest_version()))
        return [
            _suggestion(t, _not_applicable(t, shares.get(t.key)), year=None, names=names)
            for t in TEMPLATES
        ]
    lines = account_lines(latest)
    names = activity_names(lines.factor_set)
    return [
        _suggestion(t, t.estimate(lines, share=shares.get(t.key)), year=latest.year, names=names)
        for t in TEMPLATES
    ]


def suggestion_for(
    figures: Mapping[int, YearFigures], key: str, *, share: float | None = None
) -> Suggestion | None:
    """One template applied to the latest account; None for an unknown template."""
    if key not in BY_KEY:
        return None
    shares = {key: share} if share is not None else None
    return next(s for s in all_suggestions(figures, shares=shares) if s.key == key)


def suggest_measures(
    organisation: Organisation, figures: Mapping[int, YearFigures] | None = None
) -> list[Suggestion]:
    """The templates that cut something in the organisation's latest submitted or approved
    account, with their default shares, the largest cut first; empty without an account.
    `figures` (``actuals.figures_of``) if the caller has them, else they are read."""
    if figures is None:
        figures = actuals.figures_of(organisation.pk)
    found = all_suggestions(figures)
    by_key = {suggestion.key: suggestion for suggestion in found}
    return [by_key[estimate.template_key] for estimate in ranked(s.estimate for s in found)]
