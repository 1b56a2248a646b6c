"""The target guide (målveiviser): from the latest climate account to a proposed target and the
measures that would reach it, in three steps a contact person without climate training can
follow.

The proposal: scopes 1 and 2 (what the organisation burns and buys, the emissions its own
measures move; scope 3 can be added), the target year 2030 (the county's and the network's),
and a cut at least as fast as both a 1.5 °C-aligned pace (SBTi's 4.2 % of the base year a
year) and the county's path between the same years, rounded up to whole 5 %, at most 100 %.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from klimanett.accounting.selectors import CATEGORY_NAMES
from klimanett.climateplans import actuals, baselines, paths, reference_targets
from klimanett.climateplans.actuals import YearFigures
from klimanett.climateplans.models import Target
from klimanett.climateplans.suggestions import Suggestion, latest_figures, suggest_measures
from klimanett.partners.models import Organisation

TARGET_YEAR = 2030
YEARS_AHEAD_AFTER_2030 = 5  # once 2030 is near or past, five years ahead
KG_PER_TONNE = 1000.0


@dataclass(frozen=True, slots=True)
class Source:
    """A category of the latest account and its share of the emissions (location-based)."""

    name: str
    scope: int
    tonnes: float
    share_percent: float


@dataclass(frozen=True)
class Proposal:
    organisation: Organisation
    latest: YearFigures  # the latest submitted or approved account
    base_year: int
    figures: Mapping[int, YearFigures]
    sources: list[Source]  # largest first
    suggestions: list[Suggestion]  # applicable ones, the largest cut first
    scopes: str
    target_year: int
    reduction_percent: Decimal

    @property
    def suggested_tonnes(self) -> float:
        """What all the suggested measures would cut a year."""
        return sum(s.reduction_t for s in self.suggestions)

    def base_tonnes(self, scopes: str) -> float:
        return actuals.emissions_kg(self.figures[self.base_year], scopes) / KG_PER_TONNE


def proposed_target_year(this_year: int) -> int:
    return TARGET_YEAR if this_year < TARGET_YEAR - 1 else this_year + YEARS_AHEAD_AFTER_2030


def proposed_reduction_percent(*, base_year: int, target_year: int) -> Decimal:
    """The faster of SBTi's 1.5 °C pace and the county's path between the years, rounded up to
    whole 5 % (at most 100 %)."""
    years = target_year - base_year
    needed = max(
        paths.SBTI_1_5C_LINEAR_RATE * years,
        reference_targets.county_path().reduction_between(base_year, target_year),
    )
    return Decimal(min(100, 5 * math.ceil(round(needed * 100, 6) / 5)))


def sources_of(latest: YearFigures) -> list[Source]:
    """The latest account's categories, the largest first."""
    by_category: dict[tuple[int, str], float] = {}
    for line in latest.lines:
        key = (line.scope, line.category)
        by_category[key] = by_category.get(key, 0.0) + line.kgco2e_location
    total = sum(by_category.values())
    return [
        Source(
            name=str(CATEGORY_NAMES.get(category, category)),
            scope=scope,
            tonnes=kg / KG_PER_TONNE,
            share_percent=100 * kg / total if total else 0.0,
        )
        for (scope, category), kg in sorted(by_category.items(), key=lambda item: -item[1])
        if kg > 0
    ]


def propose(organisation: Organisation, *, this_year: int) -> Proposal | None:
    """The guide's proposal from the organisation's accounts; None without a submitted or
    approved account."""
    figures = actuals.figures_of(organisation.pk)
    latest = latest_figures(figures)
    base_year = baselines.default_base_year(organisation.pk, figures)
    if latest is None or base_year is None:
        return None
    target_year = max(proposed_target_year(this_year), base_year + 1)
    return Proposal(
        organisation=organisation,
        latest=latest,
        base_year=base_year,
        figures=figures,
        sources=sources_of(latest),
        suggestions=[s for s in suggest_measures(organisation, figures) if s.applicable],
        scopes=Target.Scopes.SCOPES_1_2,
        target_year=target_year,
        reduction_percent=proposed_reduction_percent(base_year=base_year, target_year=target_year),
    )


def chosen_suggestions(proposal: Proposal, keys: Sequence[str]) -> list[Suggestion]:
    """The proposal's suggestions with these template keys, in the proposal's order."""
    wanted = set(keys)
    return [s for s in proposal.suggestions if s.key in wanted]


@dataclass(frozen=True, slots=True)
class ChosenTarget:
    """What a target choice means in tonnes, and how it measures up."""

    base_tonnes: float
    needed_tonnes: float  # the cut from the base year to the target year
    linear_rate_percent: float  # of the base year, a year
    aligned_1_5c: bool
    county_cut_percent: float
    keeps_county_pace: bool


def measure_up(
    proposal: Proposal, *, scopes: str, target_year: int, reduction: Decimal
) -> ChosenTarget:
    base = proposal.base_tonnes(scopes)
    spec = paths.TargetSpec(
        base_year=proposal.base_year,
        base_value=base,
        target_year=target_year,
        reduction=float(reduction) / 100,
    )
    county = reference_targets.county_path()
    return ChosenTarget(
        base_tonnes=base,
        needed_tonnes=base - spec.target_value,
        linear_rate_percent=100 * paths.linear_yearly_rate(spec),
        aligned_1_5c=paths.is_1_5c_aligned(spec),
        county_cut_percent=100 * county.reduction_between(proposal.base_year, target_year),
        keeps_county_pace=paths.keeps_pace_with(spec, county),
    )
