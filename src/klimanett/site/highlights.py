"""Highlights of the network on the home page, computed from what partners publish.

Only organisations in the public partner directory (``Organisation.objects.in_directory()``:
a public profile and an active membership) take part, and only with published data: accounts
approved by the secretariat that the partner publishes (``ClimateAccount.objects.published()``)
and targets the partner publishes (``Target.objects.published()``). Nothing unpublished is read.

The rules are pure functions over plain data (`largest_reductions`, `on_track`,
`fossil_free`); `load_highlights` reads the data for them in four queries.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from klimanett.accounting.ghg.calculate import ScopeTotals
from klimanett.climateplans import actuals, evaluation
from klimanett.climateplans.models import Target
from klimanett.partners.models import Organisation

REDUCTION_SPAN_YEARS = 3
TOP_REDUCTIONS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Partner:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishedYear:
    """What a published account gives the highlights."""

    year: int
    total_location_kg: float
    scope1_kg: float  # fossil direct emissions (biogenic CO2 is outside the scopes)
    scope1_lines: int  # its scope 1 lines (fuels, own vehicles) with a quantity above zero


@dataclass(frozen=True, slots=True, kw_only=True)
class Reduction:
    partner: Partner
    from_year: int
    to_year: int
    from_kg: float
    to_kg: float

    @property
    def change_percent(self) -> float:
        """The relative change of the location-based total, negative for a cut."""
        return (self.to_kg - self.from_kg) / self.from_kg * 100.0


@dataclass(frozen=True, slots=True, kw_only=True)
class OnTrack:
    partner: Partner
    targets: int  # how many of its published targets are on track


@dataclass(frozen=True, slots=True, kw_only=True)
class FossilFree:
    partner: Partner
    year: int  # of the latest published account


@dataclass(frozen=True, slots=True, kw_only=True)
class Highlights:
    reductions: list[Reduction]
    on_track: list[OnTrack]
    fossil_free: list[FossilFree]

    def __bool__(self) -> bool:
        return bool(self.reductions or self.on_track or self.fossil_free)


def _by_name(partner: Partner) -> tuple[str, int]:
    return (partner.name.casefold(), partner.pk)


def largest_reductions(
    years: Mapping[Partner, Mapping[int, PublishedYear]],
    *,
    span: int = REDUCTION_SPAN_YEARS,
    limit: int = TOP_REDUCTIONS,
) -> list[Reduction]:
    """The largest relative reductions of the location-based total over `span` years.

    Rule: Y is the latest year for which any partner has a published account. A partner is
    ranked when it has published accounts for both Y and Y − `span` (a partner with fewer
    years, or a gap at either end, is not ranked), its total in Y − `span` is above 0 (no
    relative change from nothing), and its total has fallen. The largest cut in percent comes
    first, ties by name; at most `limit` partners.
    """
    latest = max((year for by_year in years.values() for year in by_year), default=None)
    if latest is None:
        return []
    earlier = latest - span
    found = []
    for partner, by_year in years.items():
        if latest not in by_year or earlier not in by_year:
            continue
        base, now = by_year[earlier].total_location_kg, by_year[latest].total_location_kg
        if base > 0 and now < base:
            found.append(
                Reduction(
                    partner=partner, from_year=earlier, to_year=latest, from_kg=base, to_kg=now
                )
            )
    found.sort(key=lambda r: (r.change_percent, *_by_name(r.partner)))
    return found[:limit]


def on_track(statuses: Mapping[Partner, Iterable[bool | None]]) -> list[OnTrack]:
    """Partners on track to their published targets, by name.

    Rule: each published target is on track (True), behind (False) or not known yet (None: no
    published account after its base year, or one that does not give its value). A partner is
    listed when at least one of its published targets is on track and none is behind.
    """
    listed = []
    for partner, values in statuses.items():
        known = [value for value in values if value is not None]
        if known and all(known):
            listed.append(OnTrack(partner=partner, targets=len(known)))
    return sorted(listed, key=lambda item: _by_name(item.partner))


def fossil_free(
    years: Mapping[Partner, Mapping[int, PublishedYear]], *, recent_span: int = 1
) -> list[FossilFree]:
    """Partners fossil-free in their direct emissions, by name.

    Rule: the partner's latest published account is recent, from Y or up to `recent_span`
    years before (Y: the latest year for which any partner has a published account), has at
    least one scope 1 line with a quantity above zero (it reports fuels or its own vehicles)
    and its scope 1 emissions are 0 kg CO2e: every fuel it burns is renewable (biogenic CO2
    is reported outside the scopes). An account without such lines is not counted, as it
    does not show that direct fuel use was replaced.
    """
    newest = max((year for by_year in years.values() for year in by_year), default=None)
    listed = []
    for partner, by_year in years.items():
        if not by_year or newest is None or max(by_year) < newest - recent_span:
            continue
        latest = by_year[max(by_year)]
        if latest.scope1_lines > 0 and math.isclose(latest.scope1_kg, 0.0, abs_tol=1e-9):
            listed.append(FossilFree(partner=partner, year=latest.year))
    return sorted(listed, key=lambda item: _by_name(item.partner))


def _published_year(figures: actuals.YearFigures) -> PublishedYear:
    totals: ScopeTotals = figures.totals
    return PublishedYear(
        year=figures.year,
        total_location_kg=totals.total_location_kg,
        scope1_kg=totals.scope1_kg,
        scope1_lines=sum(
            1 for line in figures.lines if line.scope == 1 and line.quantity_in_factor_unit > 0
        ),
    )


def load_highlights() -> Highlights:
    """The highlights from the published data of the partners in the directory: four
    queries however many partners, accounts and targets."""
    partners = {
        pk: Partner(pk=pk, name=name, slug=slug)
        for pk, name, slug in Organisation.objects.in_directory().values_list("pk", "name", "slug")
    }
    figures = actuals.figures_by_organisation(partners, published_only=True, line_models=False)
    years = {
        partners[pk]: {year: _published_year(item) for year, item in by_year.items()}
        for pk, by_year in figures.items()
    }
    targets = Target.objects.published().filter(organisation_id__in=partners).order_by("pk")
    statuses: dict[Partner, list[bool | None]] = {}
    for item in evaluation.evaluate_targets(targets, figures):
        statuses.setdefault(partners[item.target.organisation_id], []).append(item.on_track)
    return Highlights(
        reductions=largest_reductions(years),
        on_track=on_track(statuses),
        fossil_free=fossil_free(years),
    )
