"""Activity lines to kg CO2e, and the totals, intensities and changes of an account.

Floats throughout (DESIGN "Numbers"); round only when showing. Every computed line keeps the
factors it used. Scope 2 is computed twice, location-based and market-based; scopes 1 and 3 have
one value (the factor set refuses location or market factors outside scope 2), so the two totals
differ by scope 2 only. Biogenic CO2 is summed apart, outside the scopes.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from klimanett.accounting.ghg.factors import FactorChoice, FactorSet, Method
from klimanett.accounting.ghg.units import UnitError, convert, unit_symbols


class InvalidQuantity(ValueError):
    """A quantity that is negative or not a finite number."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityLine:
    activity: str
    quantity: float
    unit: str
    note: str = ""

    def __post_init__(self) -> None:
        if not math.isfinite(self.quantity) or self.quantity < 0:
            raise InvalidQuantity(f"the quantity must be zero or more, not {self.quantity}")


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorUsed:
    """The trace of one factor: enough to find it again and to show a year fallback."""

    key: str
    value: float  # kg CO2e per `unit`
    unit: str
    year: int
    requested_year: int
    set_version: str
    quality: str
    source_title: str
    source_url: str

    @property
    def fell_back(self) -> bool:
        return self.year != self.requested_year


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedActivity:
    """What one unit of an activity, entered in a given unit, amounts to for a year."""

    scope: int
    category: str
    ghgp_scope3_category: int | None
    factor_units_per_unit: float
    kgco2e_location_per_unit: float
    kgco2e_market_per_unit: float
    biogenic_kgco2_per_unit: float
    location_factor: FactorUsed
    market_factor: FactorUsed


@dataclass(frozen=True, slots=True, kw_only=True)
class ComputedLine:
    line: ActivityLine
    scope: int
    category: str
    ghgp_scope3_category: int | None
    quantity_in_factor_unit: float
    kgco2e_location: float
    kgco2e_market: float
    biogenic_kgco2: float
    location_factor: FactorUsed
    market_factor: FactorUsed


@dataclass(frozen=True, slots=True, kw_only=True)
class ScopeTotals:
    scope1_kg: float = 0.0
    scope2_location_kg: float = 0.0
    scope2_market_kg: float = 0.0
    scope3_kg: float = 0.0
    biogenic_kgco2: float = 0.0  # outside the scopes

    @property
    def total_location_kg(self) -> float:
        return self.scope1_kg + self.scope2_location_kg + self.scope3_kg

    @property
    def total_market_kg(self) -> float:
        return self.scope1_kg + self.scope2_market_kg + self.scope3_kg


class Calculator:
    """Computes lines for one factor set and account year, resolving each activity and unit
    once (so an account, or a million lines, costs a dictionary look-up and a multiplication
    per line)."""

    def __init__(self, factor_set: FactorSet, *, year: int) -> None:
        self.factor_set = factor_set
        self.year = year
        self._resolved: dict[tuple[str, str], ResolvedActivity] = {}

    def resolve(self, activity: str, *, unit: str) -> ResolvedActivity:
        """Raises `factors.UnknownActivity` or `units.UnitError`."""
        key = (activity, unit)
        resolved = self._resolved.get(key)
        if resolved is None:
            resolved = self._resolved[key] = self._resolve(activity, unit=unit)
        return resolved

    def units_for(self, activity: str) -> list[str]:
        """The units `activity` can be entered in (those `resolve` accepts), in the order of
        `units.unit_symbols`; `factors.UnknownActivity` if the set has no such activity."""
        accepted = []
        for symbol in unit_symbols():
            try:
                self.resolve(activity, unit=symbol)
            except UnitError:
                continue
            accepted.append(symbol)
        return accepted

    def _resolve(self, activity: str, *, unit: str) -> ResolvedActivity:
        location = self.factor_set.lookup(activity, year=self.year, method=Method.LOCATION)
        market = self.factor_set.lookup(activity, year=self.year, method=Method.MARKET)
        factor = location.factor
        per_unit = self.factor_set.conversion_factor(activity, from_unit=unit, to_unit=factor.unit)
        per_market_unit = self.factor_set.conversion_factor(
            activity, from_unit=unit, to_unit=market.factor.unit
        )
        return ResolvedActivity(
            scope=factor.scope,
            category=factor.category,
            ghgp_scope3_category=factor.ghgp_scope3_category,
            factor_units_per_unit=per_unit,
            kgco2e_location_per_unit=per_unit * factor.kgco2e_per_unit,
            kgco2e_market_per_unit=per_market_unit * market.factor.kgco2e_per_unit,
            biogenic_kgco2_per_unit=per_unit * (factor.biogenic_kgco2_per_unit or 0.0),
            location_factor=self._used(location),
            market_factor=self._used(market),
        )

    def _used(self, choice: FactorChoice) -> FactorUsed:
        factor = choice.factor
        return FactorUsed(
            key=factor.activity,
            value=factor.kgco2e_per_unit,
            unit=factor.unit,
            year=factor.year,
            requested_year=choice.requested_year,
            set_version=self.factor_set.version,
            quality=factor.quality,
            source_title=factor.source_title,
            source_url=factor.source_url,
        )

    def compute(self, line: ActivityLine) -> ComputedLine:
        resolved = self.resolve(line.activity, unit=line.unit)
        return ComputedLine(
            line=line,
            scope=resolved.scope,
            category=resolved.category,
            ghgp_scope3_category=resolved.ghgp_scope3_category,
            quantity_in_factor_unit=line.quantity * resolved.factor_units_per_unit,
            kgco2e_location=line.quantity * resolved.kgco2e_location_per_unit,
            kgco2e_market=line.quantity * resolved.kgco2e_market_per_unit,
            biogenic_kgco2=line.quantity * resolved.biogenic_kgco2_per_unit,
            location_factor=resolved.location_factor,
            market_factor=resolved.market_factor,
        )

    def totals(self, lines: Iterable[ActivityLine]) -> ScopeTotals:
        """The scope totals of `lines` without keeping each computed line: the batch path.
        Gives exactly what `scope_totals` of the computed lines gives."""
        scope1 = scope2_location = scope2_market = scope3 = biogenic = 0.0
        resolved_by_key = self._resolved
        for line in lines:
            resolved = resolved_by_key.get((line.activity, line.unit)) or self.resolve(
                line.activity, unit=line.unit
            )
            quantity = line.quantity
            if resolved.scope == 1:
                scope1 += quantity * resolved.kgco2e_location_per_unit
            elif resolved.scope == 2:
                scope2_location += quantity * resolved.kgco2e_location_per_unit
                scope2_market += quantity * resolved.kgco2e_market_per_unit
            else:
                scope3 += quantity * resolved.kgco2e_location_per_unit
            biogenic += quantity * resolved.biogenic_kgco2_per_unit
        return ScopeTotals(
            scope1_kg=scope1,
            scope2_location_kg=scope2_location,
            scope2_market_kg=scope2_market,
            scope3_kg=scope3,
            biogenic_kgco2=biogenic,
        )


def compute_lines(
    lines: Iterable[ActivityLine], *, factor_set: FactorSet, year: int
) -> list[ComputedLine]:
    calculator = Calculator(factor_set, year=year)
    return [calculator.compute(line) for line in lines]


def scope_totals(computed: Iterable[ComputedLine]) -> ScopeTotals:
    scope1 = scope2_location = scope2_market = scope3 = biogenic = 0.0
    for line in computed:
        if line.scope == 1:
            scope1 += line.kgco2e_location
        elif line.scope == 2:
            scope2_location += line.kgco2e_location
            scope2_market += line.kgco2e_market
        else:
            scope3 += line.kgco2e_location
        biogenic += line.biogenic_kgco2
    return ScopeTotals(
        scope1_kg=scope1,
        scope2_location_kg=scope2_location,
        scope2_market_kg=scope2_market,
        scope3_kg=scope3,
        biogenic_kgco2=biogenic,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Emissions:
    kgco2e_location: float
    kgco2e_market: float


def totals_by_category(computed: Iterable[ComputedLine]) -> dict[str, Emissions]:
    sums: dict[str, tuple[float, float]] = {}
    for line in computed:
        location, market = sums.get(line.category, (0.0, 0.0))
        sums[line.category] = (location + line.kgco2e_location, market + line.kgco2e_market)
    return {
        category: Emissions(kgco2e_location=location, kgco2e_market=market)
        for category, (location, market) in sums.items()
    }


def totals_by_scope3_category(computed: Iterable[ComputedLine]) -> dict[int, float]:
    """kg CO2e per GHG Protocol scope 3 category (1–15)."""
    sums: dict[int, float] = {}
    for line in computed:
        if line.scope == 3 and line.ghgp_scope3_category is not None:
            category = line.ghgp_scope3_category
            sums[category] = sums.get(category, 0.0) + line.kgco2e_location
    return sums


@dataclass(frozen=True, slots=True, kw_only=True)
class Denominators:
    """What an account's emissions are divided by; None where the partner has not said."""

    employees: float | None = None
    revenue_nok: float | None = None
    heated_area_m2: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Intensities:
    per_employee: Emissions | None
    per_mnok_revenue: Emissions | None
    per_m2_heated_area: Emissions | None


def intensities(totals: ScopeTotals, denominators: Denominators) -> Intensities:
    """kg CO2e per employee, per million NOK revenue and per m² heated area; None for a
    missing or zero denominator."""
    revenue_mnok = (
        None
        if denominators.revenue_nok is None
        else convert(denominators.revenue_nok, from_unit="NOK", to_unit="MNOK")
    )
    return Intensities(
        per_employee=_per(totals, denominators.employees),
        per_mnok_revenue=_per(totals, revenue_mnok),
        per_m2_heated_area=_per(totals, denominators.heated_area_m2),
    )


def _per(totals: ScopeTotals, denominator: float | None) -> Emissions | None:
    if not denominator:
        return None
    return Emissions(
        kgco2e_location=totals.total_location_kg / denominator,
        kgco2e_market=totals.total_market_kg / denominator,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    absolute_kg: float
    percent: float | None  # None when the earlier figure is zero


@dataclass(frozen=True, slots=True, kw_only=True)
class TotalsChange:
    location: Change
    market: Change


@dataclass(frozen=True, slots=True, kw_only=True)
class Changes:
    against_last_year: TotalsChange | None
    against_base_year: TotalsChange | None


def change(*, current_kg: float, earlier_kg: float) -> Change:
    absolute = current_kg - earlier_kg
    return Change(absolute_kg=absolute, percent=absolute / earlier_kg * 100 if earlier_kg else None)


def changes(
    *, current: ScopeTotals, last_year: ScopeTotals | None, base_year: ScopeTotals | None
) -> Changes:
    """The change of the total against last year and the base year (None where not known)."""
    return Changes(
        against_last_year=_totals_change(current, last_year),
        against_base_year=_totals_change(current, base_year),
    )


def _totals_change(current: ScopeTotals, earlier: ScopeTotals | None) -> TotalsChange | None:
    if earlier is None:
        return None
    return TotalsChange(
        location=change(current_kg=current.total_location_kg, earlier_kg=earlier.total_location_kg),
        market=change(current_kg=current.total_market_kg, earlier_kg=earlier.total_market_kg),
    )
