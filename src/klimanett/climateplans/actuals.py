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
from decimal import Decimal

from django.db.models import Prefetch

from klimanett.accounting.factor_library import calculator as cached_calculator
from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    ComputedLine,
    ScopeTotals,
    scope_totals,
)
from klimanett.accounting.ghg.factors import FactorSet
from klimanett.accounting.ghg.units import UnitError
from klimanett.accounting.ghg.vsme import CARRIER_OF_CATEGORY, Carrier, is_renewable
from klimanett.accounting.line_totals import line_sums, mwh_per_unit
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


def _figures(
    account: ClimateAccount, lines: Iterable[tuple[str, Decimal | float, str]] | None = None
) -> YearFigures:
    """The account's figures from `lines` (activity, quantity, unit), by default its
    prefetched lines."""
    if lines is None:
        lines = ((line.activity, line.quantity, line.unit) for line in account.lines.all())
    # The calculator is kept per set and year (``factor_library.calculator``): each activity
    # and unit is resolved once per process, not once per account.
    calculator = cached_calculator(account.factor_set, account.year)
    compute = calculator.compute
    computed = tuple(
        compute(ActivityLine(activity=activity, quantity=float(quantity), unit=unit))
        for activity, quantity, unit in lines
    )
    revenue = float(account.revenue_nok) if account.revenue_nok is not None else None
    renewable_mwh, total_mwh = _energy_mwh(computed, calculator.factor_set)
    return YearFigures(
        year=account.year,
        account=account,
        totals=scope_totals(computed),
        energy_kwh=total_mwh * KWH_PER_MWH,
        renewable_kwh=renewable_mwh * KWH_PER_MWH,
        employees=account.employees,
        revenue_nok=revenue,
        heated_area_m2=float(account.heated_area_m2) if account.heated_area_m2 else None,
        lines=computed,
    )


def account_figures(
    account: ClimateAccount, lines: Iterable[tuple[str, Decimal | float, str]]
) -> YearFigures:
    """The figures of one account from its `lines` (activity, quantity, unit) as read by the
    caller, for loaders that choose which accounts to read (``region.report.network_report``):
    the same totals, energy use and renewable energy as ``figures_by_organisation`` gives (the
    same products, summed in the same order as ``scope_totals`` and ``_energy_mwh``), but
    without keeping each computed line (`lines` of the result is empty), which is several
    times faster. Raises ``LookupError`` or ``UnitError`` for an account its factor set cannot
    calculate, and ``InvalidQuantity`` (a ``ValueError``) for a negative quantity, as the
    engine does."""
    totals, renewable_mwh, total_mwh = line_sums(
        account.factor_set, account.year, lines, energy=True
    )
    revenue = float(account.revenue_nok) if account.revenue_nok is not None else None
    return YearFigures(
        year=account.year,
        account=account,
        totals=totals,
        energy_kwh=total_mwh * KWH_PER_MWH,
        renewable_kwh=renewable_mwh * KWH_PER_MWH,
        employees=account.employees,
        revenue_nok=revenue,
        heated_area_m2=float(account.heated_area_m2) if account.heated_area_m2 else None,
    )


def _energy_mwh(computed: Iterable[ComputedLine], factor_set: FactorSet) -> tuple[float, float]:
    """The renewable and the total energy use in MWh, exactly as ``vsme_b3(...).total_energy``
    gives them (the same sums in the same order: per carrier, then the carriers in order),
    without building the rest of the disclosure."""
    renewable = dict.fromkeys(Carrier, 0.0)
    non_renewable = dict.fromkeys(Carrier, 0.0)
    for line in computed:
        carrier = CARRIER_OF_CATEGORY.get(line.category)
        if carrier is None:
            continue
        per_unit = mwh_per_unit(factor_set, line.line.activity, line.line.unit)
        if per_unit is None:
            continue
        mwh = line.line.quantity * per_unit
        if is_renewable(line):
            renewable[carrier] += mwh
        else:
            non_renewable[carrier] += mwh
    renewable_mwh = non_renewable_mwh = 0.0
    for carrier in Carrier:
        renewable_mwh += renewable[carrier]
        non_renewable_mwh += non_renewable[carrier]
    return renewable_mwh, renewable_mwh + non_renewable_mwh


# What `_figures` and a trend of the accounts (``selectors.year_rows``) read of an account.
_FIGURE_FIELDS = (
    "organisation_id",
    "year",
    "status",
    "publish",
    "factor_set",
    "employees",
    "revenue_nok",
    "heated_area_m2",
)


def figures_by_organisation(
    organisation_ids: Iterable[int], *, published_only: bool = False, line_models: bool = True
) -> dict[int, dict[int, YearFigures]]:
    """Each organisation's submitted and approved accounts by year (`published_only`: only
    those approved and published, ``ClimateAccount.objects.published()``, for the public
    site): two queries however many organisations and accounts.

    `line_models`: prefetch the lines as models, so that ``figures.account.lines.all()`` needs
    no query. Without (for callers that use only the computed figures, such as the public
    pages) the lines are read as plain rows and the accounts with only the fields the figures
    and a trend use (`_FIGURE_FIELDS`; any other loads on access, a query each), which is
    several times faster; the figures are the same."""
    chosen = ClimateAccount.objects.published() if published_only else ClimateAccount.objects.all()
    query = (
        chosen.filter(organisation_id__in=list(organisation_ids))
        .exclude(status=ClimateAccount.Status.DRAFT)
        .order_by("organisation_id", "year")
    )
    if not line_models:
        query = query.only(*_FIGURE_FIELDS)
    else:
        query = query.prefetch_related(
            Prefetch(
                "lines",
                queryset=AccountLine.objects.only("account_id", "activity", "quantity", "unit"),
            )
        )
    accounts = list(query)
    rows: dict[int, list[tuple[str, Decimal, str]]] = {}
    if not line_models and accounts:
        # Within an account in the order of the prefetch (the lines' own ordering).
        for account_id, activity, quantity, unit in (
            AccountLine.objects.filter(account_id__in=[account.pk for account in accounts])
            .order_by("account_id", "order", "pk")
            .values_list("account_id", "activity", "quantity", "unit")
        ):
            rows.setdefault(account_id, []).append((activity, quantity, unit))
    figures: dict[int, dict[int, YearFigures]] = {}
    for account in accounts:
        try:
            year_figures = _figures(account, None if line_models else rows.get(account.pk, []))
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
