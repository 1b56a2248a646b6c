"""Benchmarking (issue 8, item 4): a partner's emission intensity against the other
organisations of its sector, shown only where the group is large enough that no single partner
can be read out of it.

Two measures, both of **scope 1 + scope 2 location-based** emissions:

- kg CO2e per full-time equivalent (the account's employees);
- kg CO2e per million NOK revenue (shown in tonnes on the page, as the VSME intensity is).

Scope 3 is left out because what partners include of it varies too much to compare: one reports
business travel only, another also materials, waste and water, so a higher scope 3 often means a
more complete account, not higher emissions. Scope 2 is location-based, as in targets
(``climateplans.actuals``): a purchase of guarantees of origin would otherwise move a partner
far from its sector without any change in its use. A missing or zero denominator gives no value
for that measure (the organisation is then not among the peers of that measure).

Disclosure rules, enforced here rather than in the template:

- The peers are the *other* organisations: ``compare`` takes the peers keyed by organisation and
  drops the partner's own key, so its own value can never be part of its group.
- A measure's figures are given only when at least ``MIN_PEERS`` (5, as for the peers' check at
  submission, ``ghg.checks.MIN_PEERS``) peers have a value for it; otherwise only that it is
  hidden. And only when the peers that did not publish their account (whose figures are not
  known) are none or at least ``MIN_PEERS`` of them: a quartile lies between two peers' values,
  and when one of them is published, the other could be worked out from it.
- Only the number of peers, their median and their lower and upper quartile are given: never the
  lowest, the highest, or any peer's value as such. The quartiles are those of
  ``statistics.quantiles(values, n=4, method="exclusive")`` (Python's default; R's type 6, the
  method of Minitab and SPSS): with five or more values they lie within the values, and in
  the smallest groups shown (5 or 6 peers) they fall between two peers' values, where the
  "inclusive" method would give the second and fourth of five exactly. (They can fall on a
  value in other group sizes, as the median of an odd group is its middle peer's value; it
  tells nobody whose.)

The core (`compare` and the dataclasses) is pure: no Django import at module level. `load` reads
the peers' figures in one query, however many they are.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from klimanett.accounting.ghg.calculate import ScopeTotals
from klimanett.accounting.ghg.checks import MIN_PEERS

if TYPE_CHECKING:
    from klimanett.accounting.models import ClimateAccount

NOK_PER_MILLION = 1_000_000.0
QUARTILE_METHOD: Final = "exclusive"  # statistics.quantiles; see the module docstring

PER_EMPLOYEE = "per_employee"
PER_MNOK_REVENUE = "per_mnok_revenue"
MEASURES = (PER_EMPLOYEE, PER_MNOK_REVENUE)


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganisationIntensity:
    """One organisation's kg CO2e (scope 1 + scope 2 location-based) per full-time
    equivalent and per million NOK revenue; None where its account lacks the denominator."""

    per_employee: float | None = None
    per_mnok_revenue: float | None = None
    published: bool = False  # its account (and so its figures) is public

    def value(self, measure: str) -> float | None:
        return self.per_employee if measure == PER_EMPLOYEE else self.per_mnok_revenue


def intensity_of(
    totals: ScopeTotals,
    *,
    employees: float | None,
    revenue_nok: float | Decimal | None,
    published: bool = False,
) -> OrganisationIntensity:
    """The benchmark intensities of an account's totals (scope 1 + scope 2 location-based);
    None for a missing, zero or negative denominator."""
    emissions = totals.scope1_kg + totals.scope2_location_kg
    revenue_mnok = float(revenue_nok) / NOK_PER_MILLION if revenue_nok else None
    return OrganisationIntensity(
        per_employee=emissions / employees if employees and employees > 0 else None,
        per_mnok_revenue=emissions / revenue_mnok if revenue_mnok and revenue_mnok > 0 else None,
        published=published,
    )


class Position(enum.Enum):
    """Where a value stands in a group, by its quartiles. On a boundary it counts to the
    middle: a value equal to the lower quartile or the median is LOWER_MIDDLE, one equal to
    the upper quartile UPPER_MIDDLE."""

    BELOW_LOWER_QUARTILE = "below_lower_quartile"
    LOWER_MIDDLE = "lower_middle"  # lower quartile ≤ value ≤ median
    UPPER_MIDDLE = "upper_middle"  # median < value ≤ upper quartile
    ABOVE_UPPER_QUARTILE = "above_upper_quartile"


@dataclass(frozen=True, slots=True, kw_only=True)
class PeerGroup:
    """What is shown of a group of peers: never a single peer's value, the lowest or the
    highest."""

    peers: int  # how many organisations (the partner itself not among them)
    median: float
    lower_quartile: float
    upper_quartile: float


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureComparison:
    measure: str  # PER_EMPLOYEE or PER_MNOK_REVENUE
    own: float | None  # the partner's value; None without the denominator
    group: PeerGroup | None  # None: fewer than MIN_PEERS peers with a value (hidden)
    position: Position | None  # None when `own` or `group` is None

    @property
    def hidden(self) -> bool:
        return self.group is None


@dataclass(frozen=True, slots=True, kw_only=True)
class Benchmark:
    per_employee: MeasureComparison
    per_mnok_revenue: MeasureComparison
    minimum: int = MIN_PEERS  # the smallest group shown, for the page's text

    @property
    def measures(self) -> tuple[MeasureComparison, ...]:
        """The measures the partner has a value of (the others are not shown)."""
        return tuple(m for m in (self.per_employee, self.per_mnok_revenue) if m.own is not None)

    @property
    def shown(self) -> tuple[MeasureComparison, ...]:
        """Of `measures`, those with a group large enough to show."""
        return tuple(m for m in self.measures if not m.hidden)

    @property
    def hidden(self) -> tuple[MeasureComparison, ...]:
        """Of `measures`, those whose group is too small to show."""
        return tuple(m for m in self.measures if m.hidden)


def peer_group(values: list[float], *, unpublished: int | None = None) -> PeerGroup | None:
    """The group's figures; None for fewer than MIN_PEERS values, or when 1 to MIN_PEERS − 1
    of them are not published (`unpublished`; by default all)."""
    unpublished = len(values) if unpublished is None else unpublished
    if len(values) < MIN_PEERS or 0 < unpublished < MIN_PEERS:
        return None
    lower, median, upper = statistics.quantiles(values, n=4, method=QUARTILE_METHOD)
    return PeerGroup(
        peers=len(values),
        median=statistics.median(values),
        lower_quartile=lower,
        upper_quartile=upper,
    )


def position(value: float, group: PeerGroup) -> Position:
    if value < group.lower_quartile:
        return Position.BELOW_LOWER_QUARTILE
    if value <= group.median:
        return Position.LOWER_MIDDLE
    if value <= group.upper_quartile:
        return Position.UPPER_MIDDLE
    return Position.ABOVE_UPPER_QUARTILE


def compare(
    own: OrganisationIntensity,
    peers: Mapping[int, OrganisationIntensity],
    *,
    organisation_id: int,
) -> Benchmark:
    """The partner's intensities (`own`) against those of its `peers` (by organisation id);
    the partner's own entry among `peers`, if any, is left out."""
    comparisons = {}
    for measure in MEASURES:
        valued = [
            (value, intensity.published)
            for organisation, intensity in peers.items()
            if organisation != organisation_id and (value := intensity.value(measure)) is not None
        ]
        group = peer_group(
            [value for value, _ in valued],
            unpublished=sum(not published for _, published in valued),
        )
        own_value = own.value(measure)
        comparisons[measure] = MeasureComparison(
            measure=measure,
            own=own_value,
            group=group,
            position=position(own_value, group)
            if group is not None and own_value is not None
            else None,
        )
    return Benchmark(
        per_employee=comparisons[PER_EMPLOYEE], per_mnok_revenue=comparisons[PER_MNOK_REVENUE]
    )


def peer_intensities(
    *, year: int, sector: str, exclude_organisation_id: int
) -> dict[int, OrganisationIntensity]:
    """The benchmark intensities of the peers: the approved accounts of `year` of the other
    organisations of `sector` with an active partner membership. One query, however many
    peers: the lines summed by account, activity and unit in the database, then calculated as
    the report calculates them (``line_totals.account_totals``). An account its set cannot
    calculate is left out, as `climateplans.actuals.figures_by_organisation` leaves it out."""
    from django.db.models import Sum

    from klimanett.accounting.line_totals import account_totals
    from klimanett.accounting.models import AccountLine, ClimateAccount
    from klimanett.partners.models import Membership

    partners = Membership.objects.filter(
        type=Membership.Type.PARTNER, status=Membership.Status.ACTIVE
    ).values("organisation_id")
    rows = (
        AccountLine.objects.filter(
            account__year=year,
            account__status=ClimateAccount.Status.APPROVED,
            account__organisation__sector=sector,
            account__organisation_id__in=partners,  # a subquery: no join to duplicate lines
        )
        .exclude(account__organisation_id=exclude_organisation_id)
        .values_list(
            "account__organisation_id",
            "account__factor_set",
            "account__employees",
            "account__revenue_nok",
            "account__publish",
            "activity",
            "unit",
        )
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    lines: dict[int, list[tuple[str, Decimal, str]]] = {}
    accounts: dict[int, tuple[str, int | None, Decimal | None, bool]] = {}
    for organisation_id, factor_set, employees, revenue_nok, publish, activity, unit, total in rows:
        lines.setdefault(organisation_id, []).append((activity, total, unit))
        accounts[organisation_id] = (factor_set, employees, revenue_nok, publish)
    intensities = {}
    for organisation_id, (factor_set, employees, revenue_nok, publish) in accounts.items():
        try:
            totals = account_totals(factor_set, year, lines[organisation_id])
        except (LookupError, ValueError):  # an unknown set or activity; a unit error
            continue
        intensities[organisation_id] = intensity_of(
            totals, employees=employees, revenue_nok=revenue_nok, published=publish
        )
    return intensities


def load(account: ClimateAccount, totals: ScopeTotals) -> Benchmark | None:
    """The benchmark of `account` (its `totals` as already computed for its page) against the
    approved accounts of the same year of its sector's other active partners. None, without a
    query, when the account gives neither employees nor revenue."""
    own = intensity_of(totals, employees=account.employees, revenue_nok=account.revenue_nok)
    if own.per_employee is None and own.per_mnok_revenue is None:
        return None
    peers = peer_intensities(
        year=account.year,
        sector=account.organisation.sector,
        exclude_organisation_id=account.organisation_id,
    )
    return compare(own, peers, organisation_id=account.organisation_id)
