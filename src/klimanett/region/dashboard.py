"""The regional climate dashboard's figures: pure arithmetic over rows of municipal statistics
(no Django import).

From rows of (year, sector, municipality, tonnes CO2e): the totals per year and per sector per
year, the baseline (the total in the base year, 2009), the target path from the baseline to the
target year (the county's path, ``climateplans.reference_targets.county_path``: −60 % by 2030),
the latest year's total, the distance left to the target in tonnes and in percent of the latest
year's total, and the cut needed every year from the latest year to the target year (linear).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from klimanett.climateplans.paths import ReferencePath

BASE_YEAR = 2009
TARGET_YEAR = 2030


@dataclass(frozen=True, slots=True, kw_only=True)
class EmissionRow:
    year: int
    sector: str
    municipality: str  # the municipality's number
    t_co2e: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PathYear:
    year: int
    actual: float | None  # the statistics' total, where there is one
    target: float  # what the target path allows


@dataclass(frozen=True, slots=True, kw_only=True)
class Dashboard:
    years: list[int]  # with statistics, oldest first
    sectors: list[str]  # largest in the latest year first (then by name)
    totals: dict[int, float]  # year -> tonnes
    by_sector: dict[int, dict[str, float]]  # year -> sector -> tonnes (0.0 where none)
    base_year: int
    target_year: int
    baseline: float | None  # the total in the base year; None without statistics for it
    target_value: float | None  # what the path allows in the target year
    path: list[PathYear]  # base year to target year; empty without a baseline
    latest_year: int | None
    latest_total: float | None
    distance_t: float | None  # latest total − target value (negative: below the target)
    distance_percent: float | None  # the same in percent of the latest total
    yearly_cut_t: float | None  # distance spread evenly over the years left to the target

    @property
    def empty(self) -> bool:
        return not self.years


def compute_dashboard(
    rows: Iterable[EmissionRow],
    *,
    path: ReferencePath,
    base_year: int = BASE_YEAR,
    target_year: int = TARGET_YEAR,
) -> Dashboard:
    totals: dict[int, float] = defaultdict(float)
    sector_sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        totals[row.year] += row.t_co2e
        sector_sums[row.year][row.sector] += row.t_co2e
    years = sorted(totals)
    latest_year = years[-1] if years else None
    all_sectors = {sector for sums in sector_sums.values() for sector in sums}
    latest_sums = sector_sums[latest_year] if latest_year is not None else {}
    sectors = sorted(all_sectors, key=lambda s: (-latest_sums.get(s, 0.0), s))
    by_sector = {
        year: {sector: sector_sums[year].get(sector, 0.0) for sector in sectors} for year in years
    }
    baseline = totals.get(base_year)
    target_value = path_years = None
    if baseline is not None:
        base_level = path.level(base_year)
        path_years = [
            PathYear(
                year=year,
                actual=totals.get(year),
                target=baseline * path.level(year) / base_level,
            )
            for year in range(base_year, target_year + 1)
        ]
        target_value = path_years[-1].target
    latest_total = totals[latest_year] if latest_year is not None else None
    distance_t = distance_percent = yearly_cut_t = None
    if target_value is not None and latest_total is not None and latest_year is not None:
        distance_t = latest_total - target_value
        distance_percent = distance_t / latest_total * 100 if latest_total else None
        if latest_year < target_year:
            yearly_cut_t = distance_t / (target_year - latest_year)
    return Dashboard(
        years=years,
        sectors=sectors,
        totals=dict(totals),
        by_sector=by_sector,
        base_year=base_year,
        target_year=target_year,
        baseline=baseline,
        target_value=target_value,
        path=path_years or [],
        latest_year=latest_year,
        latest_total=latest_total,
        distance_t=distance_t,
        distance_percent=distance_percent,
        yearly_cut_t=yearly_cut_t,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class MunicipalityLine:
    municipality: str
    latest_t: float | None  # in the dashboard's latest year
    base_t: float | None  # in the base year
    change_percent: float | None  # latest against the base year


def municipality_lines(
    rows: Iterable[EmissionRow], *, latest_year: int | None, base_year: int = BASE_YEAR
) -> list[MunicipalityLine]:
    """Each municipality's total in the latest year and its change since the base year, in
    the order the municipalities first appear in `rows`."""
    sums: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        sums[row.municipality][row.year] += row.t_co2e
    lines = []
    for municipality, years in sums.items():
        latest = years.get(latest_year) if latest_year is not None else None
        base = years.get(base_year)
        change = (latest - base) / base * 100 if latest is not None and base else None
        lines.append(
            MunicipalityLine(
                municipality=municipality, latest_t=latest, base_t=base, change_percent=change
            )
        )
    return lines
