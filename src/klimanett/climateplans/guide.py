"""The target guide (målveiviser): from the latest climate account to a proposed target and the
measures that would reach it, in three steps a contact person without climate training can
follow.

The proposal: scopes 1 and 2 (what the organisation burns and buys, the emissions its own
measures move; scope 3 can be added), the target year 2030 (the county's and the network's),
and a cut at least as fast as both a 1.5 °C-aligned pace (SBTi's 4.2 % of the base year a
year) and the county's path between the same years, rounded up to whole 5 %, at most 100 %.

The measures of step 3: the templates that act on an activity within the target's scopes (a
template acts on the activities it replaces: electric vans act on the diesel, scope 1, and add
electricity, scope 2, so they count for a scope 1 target, with their net cut), ticked beforehand
as the set that cuts the most without claiming more than 100 % of an activity
(``measure_templates.choice``: the three heating templates are alternatives). Their sum is
measured against what is left to cut: the target's scopes in the latest account less the
target's value in the target year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from klimanett.accounting.selectors import CATEGORY_NAMES
from klimanett.climateplans import actuals, baselines, paths, reference_targets
from klimanett.climateplans.actuals import YearFigures
from klimanett.climateplans.budget import covered_scopes
from klimanett.climateplans.measure_templates import best_set
from klimanett.climateplans.models import Target
from klimanett.climateplans.suggestions import Suggestion, latest_figures, suggest_measures
from klimanett.partners.models import Organisation

TARGET_YEAR = 2030
YEARS_AHEAD_AFTER_2030 = 5  # once 2030 is near or past, five years ahead
KG_PER_TONNE = 1000.0
TOLERANCE_TONNES = 1e-9


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

    def base_tonnes(self, scopes: str) -> float:
        return actuals.emissions_kg(self.figures[self.base_year], scopes) / KG_PER_TONNE

    def latest_tonnes(self, scopes: str) -> float:
        return actuals.emissions_kg(self.latest, scopes) / KG_PER_TONNE

    def offered(self, scopes: str) -> list[Suggestion]:
        """The suggestions that act on an activity within `scopes` (a target's "1", "1+2" or
        "1+2+3") in the latest account, the largest cut first."""
        within = covered_scopes(scopes)
        scope_of = {line.line.activity: line.scope for line in self.latest.lines}
        return [
            s
            for s in self.suggestions
            if any(scope_of.get(activity) in within for activity in s.estimate.activities)
        ]

    def preticked(self, scopes: str) -> list[Suggestion]:
        """Of the suggestions offered for `scopes`, the set that cuts the most without claiming
        more than 100 % of an activity (one of the heating alternatives), the largest first."""
        offered = self.offered(scopes)
        keys = {estimate.template_key for estimate in best_set(s.estimate for s in offered)}
        return [s for s in offered if s.key in keys]


def tonnes_of(suggestions: Iterable[Suggestion]) -> float:
    """What the suggestions cut a year together, in t CO2e (net, as each measure is saved)."""
    return sum(s.reduction_t for s in suggestions)


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
    target_year: int
    target_tonnes: float  # the target's value in the target year
    latest_year: int
    latest_tonnes: float  # the target's scopes in the latest account
    linear_rate_percent: float  # of the base year, a year
    aligned_1_5c: bool | None  # None: not judged (scope 1 only, or nothing to cut)
    county_cut_percent: float
    keeps_county_pace: bool

    @property
    def left_tonnes(self) -> float:
        """Left to cut: the target's scopes in the latest account less the target's value in
        the target year (0 when the latest account is already at or below it)."""
        return max(0.0, self.latest_tonnes - self.target_tonnes)


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
        target_year=target_year,
        target_tonnes=spec.target_value,
        latest_year=proposal.latest.year,
        latest_tonnes=proposal.latest_tonnes(scopes),
        linear_rate_percent=100 * paths.linear_yearly_rate(spec),
        # Judged as on the target's page: scopes 1 and 2 at least, with emissions to cut.
        aligned_1_5c=paths.is_1_5c_aligned(spec)
        if scopes != Target.Scopes.SCOPE_1 and base > 0
        else None,
        county_cut_percent=100 * county.reduction_between(proposal.base_year, target_year),
        keeps_county_pace=paths.keeps_pace_with(spec, county),
    )


@dataclass(frozen=True, slots=True)
class MeasuresAgainstTarget:
    """The chosen measures against what is left to cut: the target's scopes in the latest
    account less the target's value in the target year."""

    chosen: ChosenTarget
    measures_tonnes: float  # a year, the chosen measures together

    @property
    def short_tonnes(self) -> float:
        """What the measures fall short of what is left to cut (0 when they are enough)."""
        return max(0.0, self.chosen.left_tonnes - self.measures_tonnes)

    @property
    def enough(self) -> bool:
        return self.short_tonnes <= TOLERANCE_TONNES
