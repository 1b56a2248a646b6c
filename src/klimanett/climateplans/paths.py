"""Pure arithmetic of targets, paths and climate budgets (no Django import).

Values are per year in one unit (kg CO2e for emissions, kWh for energy); a reduction is a
fraction of the base-year value (0.6 = 60 %). A target path is linear from the base year to the
target year (as the county's and SBTi's paths are) and stays at the target after it.

Paces compared with:
- 1.5 °C-aligned: SBTi's absolute contraction approach, a linear cut of at least 4.2 % of the
  base-year emissions every year (SBTi Corporate Net-Zero Standard / target validation
  protocol).
- The county's path: Vestfold og Telemark's −60 % by 2030 against 2009, linear from 2009, then
  on to a low-emission society in 2050, taken as −90 % (the lower end of the national law's
  90–95 %); see ``reference_targets`` for the figures and their sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SBTI_1_5C_LINEAR_RATE = 0.042  # of base-year emissions, every year


class PathError(ValueError):
    """Inputs that make no path: a target year not after the base year, a reduction outside
    0–100 %."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetSpec:
    base_year: int
    base_value: float
    target_year: int
    reduction: float  # fraction of the base-year value, 0–1

    def __post_init__(self) -> None:
        if self.target_year <= self.base_year:
            raise PathError("the target year must come after the base year")
        if not 0.0 <= self.reduction <= 1.0:
            raise PathError("a reduction is between 0 and 100 %")

    @property
    def years(self) -> int:
        return self.target_year - self.base_year

    @property
    def target_value(self) -> float:
        return self.base_value * (1.0 - self.reduction)


def target_path_value(spec: TargetSpec, year: int) -> float:
    """The value the linear path allows in `year` (the base value before the base year, the
    target value from the target year on)."""
    if year <= spec.base_year:
        return spec.base_value
    if year >= spec.target_year:
        return spec.target_value
    done = (year - spec.base_year) / spec.years
    return spec.base_value * (1.0 - spec.reduction * done)


def linear_yearly_rate(spec: TargetSpec) -> float:
    """The yearly cut as a fraction of the base-year value (0.6 over 10 years: 0.06)."""
    return spec.reduction / spec.years


def compound_yearly_rate(spec: TargetSpec) -> float:
    """The same cut as a constant yearly percentage of the year before (0.6 over 10 years:
    1 − 0.4^(1/10) ≈ 0.0876); 1.0 for a cut of 100 %."""
    if spec.reduction >= 1.0:
        return 1.0
    return 1.0 - (1.0 - spec.reduction) ** (1.0 / spec.years)


def is_1_5c_aligned(spec: TargetSpec) -> bool:
    """At least SBTi's 4.2 % of base-year emissions a year, linear."""
    return linear_yearly_rate(spec) >= SBTI_1_5C_LINEAR_RATE - 1e-12


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferencePath:
    """A public path as milestones (year, fraction of the base year's level), linear between
    them and flat after the last: the county's is ((2009, 1.0), (2030, 0.4), (2050, 0.1))."""

    milestones: tuple[tuple[int, float], ...]

    def level(self, year: int) -> float:
        points = sorted(self.milestones)
        if year <= points[0][0]:
            return points[0][1]
        for (y0, l0), (y1, l1) in zip(points, points[1:], strict=False):
            if year <= y1:
                return l0 + (l1 - l0) * (year - y0) / (y1 - y0)
        return points[-1][1]

    def reduction_between(self, base_year: int, target_year: int) -> float:
        """The cut the path makes from `base_year` to `target_year`, as a fraction of the
        base year's level."""
        return 1.0 - self.level(target_year) / self.level(base_year)


def keeps_pace_with(spec: TargetSpec, path: ReferencePath) -> bool:
    """Whether the target cuts at least as much as the path does between the same years."""
    return spec.reduction >= path.reduction_between(spec.base_year, spec.target_year) - 1e-12


def on_track(spec: TargetSpec, actual: Mapping[int, float]) -> bool | None:
    """Whether the latest actual value after the base year is at or below the path for its
    year; None when there is no actual value after the base year yet."""
    later = [year for year in actual if year > spec.base_year]
    if not later:
        return None
    latest = max(later)
    return actual[latest] <= target_path_value(spec, latest) + 1e-9


# --- Targets that raise a share (the renewable share of energy use) --------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ShareTargetSpec:
    """A target that raises a share, in percent (0–100): linear from the base year's share to
    the target share in the target year, and at the target share after it."""

    base_year: int
    base_share: float
    target_year: int
    target_share: float

    def __post_init__(self) -> None:
        if self.target_year <= self.base_year:
            raise PathError("the target year must come after the base year")
        if not (0.0 <= self.base_share <= 100.0 and 0.0 <= self.target_share <= 100.0):
            raise PathError("a share is between 0 and 100 %")
        if self.target_share < self.base_share:
            raise PathError("a share target raises the share")

    @property
    def years(self) -> int:
        return self.target_year - self.base_year


def share_path_value(spec: ShareTargetSpec, year: int) -> float:
    """The share the linear path asks for in `year` (the base share up to the base year, the
    target share from the target year on)."""
    if year <= spec.base_year:
        return spec.base_share
    if year >= spec.target_year:
        return spec.target_share
    done = (year - spec.base_year) / spec.years
    return spec.base_share + (spec.target_share - spec.base_share) * done


def share_yearly_increase(spec: ShareTargetSpec) -> float:
    """The yearly rise in percentage points (40 % to 90 % over 10 years: 5.0)."""
    return (spec.target_share - spec.base_share) / spec.years


def share_on_track(spec: ShareTargetSpec, actual: Mapping[int, float]) -> bool | None:
    """Whether the latest actual share after the base year is at or above the path for its
    year; None when there is no actual share after the base year yet."""
    later = [year for year in actual if year > spec.base_year]
    if not later:
        return None
    latest = max(later)
    return actual[latest] >= share_path_value(spec, latest) - 1e-9


# --- Measures and the climate budget ---------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureEffect:
    """A measure's expected yearly reduction (in the path's unit), from its start year on.

    `under_way`: the measure is done or in progress, so from its start year on its effect is in
    the actual figures. A measure that is only planned is not: when its start year has passed
    it is late, and it is counted from the year after the latest actual value (`counted_from`).
    """

    key: str
    reduction: float
    start_year: int
    under_way: bool = True


def counted_from(measure: MeasureEffect, *, reference_from: int, target_year: int) -> int | None:
    """The first year the measure lowers the expected path, whose reference starts at the latest
    actual value in `reference_from`: its start year when that is later; for a late measure (not
    under way, its start year in or before `reference_from`) the year after `reference_from`;
    None when it is under way and so already in the actual figures, or when that year comes
    after `target_year`."""
    if measure.start_year > reference_from:
        year = measure.start_year
    elif measure.under_way:
        return None
    else:
        year = reference_from + 1
    return year if year <= target_year else None


def in_actual_figures(measure: MeasureEffect, *, reference_from: int) -> bool:
    """Whether the measure is under way and started in or before `reference_from`, the year of
    the latest actual value: its effect is in that value already."""
    return measure.under_way and measure.start_year <= reference_from


def is_late(measure: MeasureEffect, *, reference_from: int) -> bool:
    """Whether the measure should have started by the latest actual value but is not under way."""
    return not measure.under_way and measure.start_year <= reference_from


def abatement_cost_nok_per_t(
    *, investment_nok: float, lifetime_years: int, yearly_cost_nok: float, reduction_t: float
) -> float | None:
    """What a tonne cut costs: (investment spread evenly over the lifetime + yearly cost) /
    yearly reduction; negative when the measure saves money; None without a reduction."""
    if reduction_t <= 0:
        return None
    if lifetime_years < 1:
        raise PathError("a lifetime is at least one year")
    return (investment_nok / lifetime_years + yearly_cost_nok) / reduction_t


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetYear:
    year: int
    actual: float | None  # from the account of the year, if there is one
    reference: float | None  # with no new measures, from the latest actual year on
    target: float
    expected: float | None  # the reference minus the measures started by then
    gap: float | None  # expected − target: what is still missing (negative: ahead)


def climate_budget(
    *,
    spec: TargetSpec,
    actual: Mapping[int, float],
    measures: Iterable[MeasureEffect],
    reference_growth: float = 0.0,
) -> list[BudgetYear]:
    """One row per year from the base year to the target year.

    The reference path starts at the latest actual value (the base value if there is none) and
    changes by `reference_growth` (a fraction) a year after it; each measure lowers the expected
    path by its reduction from the year `counted_from` gives on: measures that start after that
    year from their start year, late measures (planned, not under way, with a start year that
    has passed) from the year after it, and measures under way that started earlier not at all,
    as they are in the actual figures already. Neither path goes below zero. Actual values
    outside the base year to the target year are left out (a later account must not leave the
    budget without paths).
    """
    known = {
        year: value for year, value in actual.items() if spec.base_year <= year <= spec.target_year
    }
    start_year = max(known, default=spec.base_year)
    start_value = known.get(start_year, spec.base_value)
    starts = [
        (first, m.reduction)
        for m in measures
        if (first := counted_from(m, reference_from=start_year, target_year=spec.target_year))
        is not None
    ]
    rows = []
    for year in range(spec.base_year, spec.target_year + 1):
        reference = expected = None
        if year >= start_year:
            reference = max(0.0, start_value * (1.0 + reference_growth) ** (year - start_year))
            cut = sum(reduction for first, reduction in starts if first <= year)
            expected = max(0.0, reference - cut)
        target = target_path_value(spec, year)
        rows.append(
            BudgetYear(
                year=year,
                actual=known.get(year),
                reference=reference,
                target=target,
                expected=expected,
                gap=expected - target if expected is not None else None,
            )
        )
    return rows


@dataclass(frozen=True, slots=True, kw_only=True)
class CostedMeasure:
    key: str
    reduction_t: float
    cost_nok_per_t: float


@dataclass(frozen=True, slots=True, kw_only=True)
class CurveBar:
    """A measure on the marginal abatement cost curve: its width is its yearly reduction,
    starting where the cheaper measures end."""

    key: str
    start_t: float
    reduction_t: float
    cost_nok_per_t: float


def abatement_curve(measures: Sequence[CostedMeasure]) -> list[CurveBar]:
    """The measures from the cheapest tonne to the dearest, side by side."""
    bars, start = [], 0.0
    for measure in sorted(measures, key=lambda m: (m.cost_nok_per_t, m.key)):
        bars.append(
            CurveBar(
                key=measure.key,
                start_t=start,
                reduction_t=measure.reduction_t,
                cost_nok_per_t=measure.cost_nok_per_t,
            )
        )
        start += measure.reduction_t
    return bars
