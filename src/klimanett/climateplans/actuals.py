"""What an organisation's climate accounts say, year by year, in the terms of a target:
emissions of the scopes it covers (absolute or per unit), energy use in kWh, the renewable
share. Submitted and approved accounts count; drafts, and accounts their factor set cannot
calculate, do not.

Scope 2 is location-based in targets (the physical Norwegian supply, which a partner's own
measures move), so a purchase of guarantees of origin is never mistaken for a cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Prefetch

from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    Calculator,
    ComputedLine,
    ScopeTotals,
    scope_totals,
)
from klimanett.accounting.ghg.units import UnitError
from klimanett.accounting.ghg.vsme import vsme_b3
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.climateplans.models import Target

KWH_PER_MWH = 1000.0


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: int
    account: ClimateAccount
    totals: ScopeTotals
    energy_kwh: float
    renewable_kwh: float
    employees: float | None
    revenue_nok: float | None
    heated_area_m2: float | None
    lines: tuple[ComputedLine, ...] = ()  # the account's lines as the engine computed them


def _figures(account: ClimateAccount) -> YearFigures:
    factor_set = get_factor_set(account.factor_set)
    calculator = Calculator(factor_set, year=account.year)
    computed = [
        calculator.compute(
            ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
        )
        for line in account.lines.all()
    ]
    revenue = float(account.revenue_nok) if account.revenue_nok is not None else None
    energy = vsme_b3(computed, factor_set=factor_set, revenue_nok=revenue).total_energy
    return YearFigures(
        year=account.year,
        account=account,
        totals=scope_totals(computed),
        energy_kwh=energy.total_mwh * KWH_PER_MWH,
        renewable_kwh=energy.renewable_mwh * KWH_PER_MWH,
        employees=account.employees,
        revenue_nok=revenue,
        heated_area_m2=float(account.heated_area_m2) if account.heated_area_m2 else None,
        lines=tuple(computed),
    )


def figures_by_organisation(
    organisation_ids: Iterable[int], *, published_only: bool = False
) -> dict[int, dict[int, YearFigures]]:
    """Each organisation's submitted and approved accounts by year (`published_only`: only
    those approved and published, ``ClimateAccount.objects.published()``, for the public
    site): two queries however many organisations and accounts."""
    chosen = ClimateAccount.objects.published() if published_only else ClimateAccount.objects.all()
    accounts = (
        chosen.filter(organisation_id__in=list(organisation_ids))
        .exclude(status=ClimateAccount.Status.DRAFT)
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=AccountLine.objects.only("account_id", "activity", "quantity", "unit"),
            )
        )
        .order_by("organisation_id", "year")
    )
    figures: dict[int, dict[int, YearFigures]] = {}
    for account in accounts:
        try:
            year_figures = _figures(account)
        except (LookupError, UnitError):
            # An account its own set cannot calculate (its page says so) counts as missing.
            continue
        figures.setdefault(account.organisation_id, {})[account.year] = year_figures
    return figures


def figures_of(organisation_id: int) -> dict[int, YearFigures]:
    return figures_by_organisation([organisation_id]).get(organisation_id, {})


def emissions_kg(figures: YearFigures, scopes: str) -> float:
    """The emissions of the scopes a target covers ("1", "1+2", "1+2+3"), scope 2
    location-based."""
    totals = figures.totals
    if scopes == Target.Scopes.SCOPE_1:
        return totals.scope1_kg
    if scopes == Target.Scopes.SCOPES_1_2:
        return totals.scope1_kg + totals.scope2_location_kg
    return totals.total_location_kg


def _denominator(figures: YearFigures, metric: str) -> float | None:
    if metric == Target.Metric.PER_EMPLOYEE:
        return figures.employees
    if metric == Target.Metric.PER_MILLION_NOK:
        return figures.revenue_nok / 1_000_000 if figures.revenue_nok else None
    if metric == Target.Metric.PER_M2:
        return figures.heated_area_m2
    return 1.0


def target_value(*, kind: str, metric: str, scopes: str, figures: YearFigures) -> float | None:
    """The year's value in the terms of a target (None when an intensity's denominator or a
    renewable share's energy use is missing)."""
    if kind == Target.Kind.RENEWABLE_SHARE:
        return 100.0 * figures.renewable_kwh / figures.energy_kwh if figures.energy_kwh else None
    value = emissions_kg(figures, scopes) if kind == Target.Kind.EMISSIONS else figures.energy_kwh
    denominator = _denominator(figures, metric)
    return value / denominator if denominator else None


@dataclass(frozen=True, slots=True, kw_only=True)
class BaseValue:
    """What a target is measured from. `value` is read live from the base year's submitted or
    approved account (`from_account`), as that account may have been returned, changed and
    submitted again, recalculated or restated since the target was set; when the base year has
    no such account now (or it no longer gives the figure), `value` is the value `recorded`
    when the target was set."""

    value: float
    recorded: float
    from_account: bool

    @property
    def changed(self) -> bool:
        """Whether the account now gives another value than the one recorded."""
        return self.from_account and not math.isclose(
            self.value, self.recorded, rel_tol=1e-9, abs_tol=1e-9
        )


def base_value(target: Target, figures: Mapping[int, YearFigures]) -> BaseValue:
    """The target's base-year value from the organisation's `figures` (``figures_of``,
    ``figures_by_organisation``), or the recorded one when they do not give it. No query."""
    year_figures = figures.get(target.base_year)
    live = (
        None
        if year_figures is None
        else target_value(
            kind=target.kind, metric=target.metric, scopes=target.scopes, figures=year_figures
        )
    )
    if live is None:
        return BaseValue(value=target.base_value, recorded=target.base_value, from_account=False)
    return BaseValue(value=live, recorded=target.base_value, from_account=True)


def actual_values(target: Target, figures: Mapping[int, YearFigures]) -> dict[int, float]:
    """The target's value for every year with an account (and the denominator it needs)."""
    values = {
        year: target_value(
            kind=target.kind, metric=target.metric, scopes=target.scopes, figures=year_figures
        )
        for year, year_figures in figures.items()
    }
    return {year: value for year, value in values.items() if value is not None}
