"""An account's totals summed straight from its lines (activity, quantity, unit), without a
computed line per line: the products ``Calculator.compute`` makes, summed in the order of
``scope_totals`` (and of the VSME energy sums), so the figures are the same to the last bit, but
several times faster. For loaders that read many accounts (the annual report, benchmarking,
``climateplans.actuals.account_figures``)."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from decimal import Decimal

from klimanett.accounting.factor_library import calculator as cached_calculator
from klimanett.accounting.ghg.calculate import ActivityLine, ScopeTotals
from klimanett.accounting.ghg.factors import FactorSet
from klimanett.accounting.ghg.units import UnitError
from klimanett.accounting.ghg.vsme import CARRIER_OF_CATEGORY, Carrier


def account_totals(
    factor_set: str, year: int, lines: Iterable[tuple[str, Decimal | float, str]]
) -> ScopeTotals:
    """Only the scope totals of an account's `lines` (activity, quantity, unit), calculated
    with the set `factor_set` for `year`: what ``account_figures`` gives as ``totals``, and
    the same exceptions."""
    return line_sums(factor_set, year, lines, energy=False)[0]


def line_sums(
    version: str, year: int, lines: Iterable[tuple[str, Decimal | float, str]], *, energy: bool
) -> tuple[ScopeTotals, float, float]:
    """The scope totals and the renewable and the total energy use in MWh (0 unless `energy`)
    of the lines: per line the products ``Calculator.compute`` makes, summed in the order of
    ``scope_totals`` and ``_energy_mwh``, so the figures are the same to the last bit."""
    calculator = cached_calculator(version, year)
    resolve = calculator.resolve
    factor_set = calculator.factor_set
    scope1 = scope2_location = scope2_market = scope3 = biogenic = 0.0
    renewable = dict.fromkeys(Carrier, 0.0)
    non_renewable = dict.fromkeys(Carrier, 0.0)
    for activity, quantity, unit in lines:
        amount = float(quantity)
        if not math.isfinite(amount) or amount < 0:
            ActivityLine(activity=activity, quantity=amount, unit=unit)  # raises InvalidQuantity
        resolved = resolve(activity, unit=unit)
        location = amount * resolved.kgco2e_location_per_unit
        if resolved.scope == 1:
            scope1 += location
        elif resolved.scope == 2:
            scope2_location += location
            scope2_market += amount * resolved.kgco2e_market_per_unit
        else:
            scope3 += location
        biogenic_kg = amount * resolved.biogenic_kgco2_per_unit
        biogenic += biogenic_kg
        if not energy:
            continue
        carrier = CARRIER_OF_CATEGORY.get(resolved.category)
        if carrier is None:
            continue
        per_unit = mwh_per_unit(factor_set, activity, unit)
        if per_unit is None:
            continue
        # ``vsme.is_renewable`` of the computed line.
        if resolved.category == "electricity":
            renewable_line = resolved.market_factor.value == 0.0
        else:
            renewable_line = carrier is Carrier.FUELS and biogenic_kg > 0.0
        if renewable_line:
            renewable[carrier] += amount * per_unit
        else:
            non_renewable[carrier] += amount * per_unit
    renewable_mwh = non_renewable_mwh = 0.0
    for carrier in Carrier:
        renewable_mwh += renewable[carrier]
        non_renewable_mwh += non_renewable[carrier]
    totals = ScopeTotals(
        scope1_kg=scope1,
        scope2_location_kg=scope2_location,
        scope2_market_kg=scope2_market,
        scope3_kg=scope3,
        biogenic_kgco2=biogenic,
    )
    return totals, renewable_mwh, renewable_mwh + non_renewable_mwh


@functools.lru_cache(maxsize=4096)
def mwh_per_unit(factor_set: FactorSet, activity: str, unit: str) -> float | None:
    """What one `unit` of `activity` is in MWh (None: the set has no energy content for it)."""
    try:
        return factor_set.conversion_factor(activity, from_unit=unit, to_unit="MWh")
    except UnitError:
        return None
