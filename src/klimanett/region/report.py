"""The network's annual climate report for a year: its figures (the page comes later).

Computed from the APPROVED climate accounts of the year of the active partners (an active
membership of the partner type, as it stands now); submitted accounts and drafts do not count,
nor does an account its own factor set cannot calculate (``actuals.figures_by_organisation``
leaves those out). Emissions are shown in t CO2e, scope 2 both location- and market-based.

The module has two parts:

- a PURE core, ``compute_report(year, partners)``: plain dataclasses in (`PartnerInput`, kg
  CO2e as the engine gives them) and plain dataclasses out (`NetworkReport`, t CO2e); standard
  library and the pure engine (``accounting/ghg``) only, so it is tested without a database;
- a thin loader, ``network_report(year)``, that reads what the core needs in a constant number
  of queries (six, however many partners) and evaluates the targets. It imports Django inside
  the function, so the core imports without it.

An organisation is named (`NetworkReport.named`) only where it consented: its approved account
of the year has ``publish`` set (``ClimateAccount.objects.published()``). Every other partner
appears only in the aggregates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from klimanett.accounting.ghg.calculate import ScopeTotals

KG_PER_TONNE = 1000.0


# --- What the core takes ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BaseYearTotals:
    """A partner's own base year with its totals as recorded (``accounting.BaseYear``, kept up
    to date by recalculation and restatement), in kg CO2e."""

    year: int
    total_location_kg: float
    total_market_kg: float


@dataclass(frozen=True, slots=True, kw_only=True)
class DoneMeasure:
    """A measure of the partner's action plan with the status done."""

    start_year: int
    expected_reduction_t: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PartnerInput:
    """One active partner as the core needs it.

    `accounts`: its approved accounts by year (the engine's totals, kg CO2e); `published_years`:
    the years whose approved account has ``publish`` set (its consent to be named);
    `targets_on_track`: one entry per target it has (withdrawn ones left out), whether that
    target was on track as of the report's year (None: not known)."""

    organisation_id: int
    name: str
    slug: str = ""
    sector: str
    kind: str
    accounts: Mapping[int, ScopeTotals] = field(default_factory=dict)
    published_years: frozenset[int] = frozenset()
    base_year: BaseYearTotals | None = None
    targets_on_track: tuple[bool | None, ...] = ()
    done_measures: tuple[DoneMeasure, ...] = ()


# --- What the core gives ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Emissions:
    """Emissions by scope in t CO2e; scope 2 twice, location- and market-based."""

    scope1_t: float = 0.0
    scope2_location_t: float = 0.0
    scope2_market_t: float = 0.0
    scope3_t: float = 0.0

    @classmethod
    def of(cls, totals: ScopeTotals) -> Emissions:
        return cls(
            scope1_t=totals.scope1_kg / KG_PER_TONNE,
            scope2_location_t=totals.scope2_location_kg / KG_PER_TONNE,
            scope2_market_t=totals.scope2_market_kg / KG_PER_TONNE,
            scope3_t=totals.scope3_kg / KG_PER_TONNE,
        )

    @classmethod
    def sum(cls, many: Iterable[Emissions]) -> Emissions:
        items = list(many)
        return cls(
            scope1_t=math.fsum(item.scope1_t for item in items),
            scope2_location_t=math.fsum(item.scope2_location_t for item in items),
            scope2_market_t=math.fsum(item.scope2_market_t for item in items),
            scope3_t=math.fsum(item.scope3_t for item in items),
        )

    @property
    def total_location_t(self) -> float:
        return self.scope1_t + self.scope2_location_t + self.scope3_t

    @property
    def total_market_t(self) -> float:
        return self.scope1_t + self.scope2_market_t + self.scope3_t


def _percent(change: float, previous: float) -> float | None:
    return 100.0 * change / previous if previous else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """The change of the total emissions (t CO2e) over a like-for-like set of `partners`: the
    same partners on both sides, so that a partner joining or reporting for the first time is
    not mistaken for growth, nor one missing for a cut. The percentages are None when the
    earlier total is 0 (or the set is empty)."""

    partners: int = 0
    previous_location_t: float = 0.0
    previous_market_t: float = 0.0
    current_location_t: float = 0.0
    current_market_t: float = 0.0

    @property
    def location_t(self) -> float:
        return self.current_location_t - self.previous_location_t

    @property
    def market_t(self) -> float:
        return self.current_market_t - self.previous_market_t

    @property
    def location_percent(self) -> float | None:
        return _percent(self.location_t, self.previous_location_t)

    @property
    def market_percent(self) -> float | None:
        return _percent(self.market_t, self.previous_market_t)


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """The reporting partners of one sector (NACE section) or kind of organisation."""

    key: str  # the ``partners.Sector`` or ``partners.OrganisationKind`` value
    partners: int
    emissions: Emissions


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetFigures:
    """Targets among the reporting partners. A partner with targets is on track when at least
    one of its targets is known to be and none is known to be off track; off track when one is
    known to be off track; otherwise not known (no account after the base year, or one that
    lacks what an intensity needs)."""

    reporting: int = 0
    with_target: int = 0
    on_track: int = 0
    off_track: int = 0
    not_known: int = 0

    @property
    def share_with_target(self) -> float | None:
        """Of the reporting partners, 0–1."""
        return self.with_target / self.reporting if self.reporting else None

    @property
    def share_on_track(self) -> float | None:
        """Of the reporting partners with a target, 0–1."""
        return self.on_track / self.with_target if self.with_target else None


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureFigures:
    """The active partners' measures done, started in the report's year or before."""

    partners: int = 0  # partners with at least one
    count: int = 0
    expected_reduction_t: float = 0.0  # expected yearly reduction, summed


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedPartner:
    """A reporting partner that consented to be named (its approved account is published)."""

    organisation_id: int
    name: str
    slug: str
    sector: str
    kind: str
    emissions: Emissions


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingPartner:
    """What the disclosure rules (``report_disclosure``) need of each reporting partner: the
    groups it is counted in, whether it consented to be named, whether it is in the
    like-for-like sets, and its emissions. Never shown as such."""

    sector: str
    kind: str
    named: bool
    in_previous_year: bool
    in_base_year: bool
    emissions: Emissions


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkReport:
    year: int
    active_partners: int
    reporting_partners: int  # active partners with an approved account for the year
    emissions: Emissions  # the sum over the reporting partners
    # Like-for-like: partners with approved accounts for both this year and the year before.
    against_previous_year: Change
    # Like-for-like: reporting partners with a base year before this year, against the totals
    # recorded for their base year (each partner its own).
    against_base_year: Change
    by_sector: tuple[Group, ...]  # sorted by the key; they sum to `emissions`
    by_kind: tuple[Group, ...]
    targets: TargetFigures
    measures: MeasureFigures
    named: tuple[NamedPartner, ...]  # by name
    reporting: tuple[ReportingPartner, ...] = ()  # in the order of the partners given

    @property
    def share_reporting(self) -> float | None:
        """Of the active partners, 0–1."""
        return self.reporting_partners / self.active_partners if self.active_partners else None


# --- The core ----------------------------------------------------------------------------------


def _change(pairs: list[tuple[float, float, float, float]]) -> Change:
    """`pairs`: (previous location, previous market, current location, current market) in kg."""
    return Change(
        partners=len(pairs),
        previous_location_t=math.fsum(pair[0] for pair in pairs) / KG_PER_TONNE,
        previous_market_t=math.fsum(pair[1] for pair in pairs) / KG_PER_TONNE,
        current_location_t=math.fsum(pair[2] for pair in pairs) / KG_PER_TONNE,
        current_market_t=math.fsum(pair[3] for pair in pairs) / KG_PER_TONNE,
    )


def _groups(reporting: list[PartnerInput], year: int, key: str) -> tuple[Group, ...]:
    members: dict[str, list[Emissions]] = {}
    for partner in reporting:
        members.setdefault(getattr(partner, key), []).append(Emissions.of(partner.accounts[year]))
    return tuple(
        Group(key=value, partners=len(emissions), emissions=Emissions.sum(emissions))
        for value, emissions in sorted(members.items())
    )


def _targets(reporting: list[PartnerInput]) -> TargetFigures:
    with_target = on_track = off_track = 0
    for partner in reporting:
        if not partner.targets_on_track:
            continue
        with_target += 1
        if False in partner.targets_on_track:
            off_track += 1
        elif True in partner.targets_on_track:
            on_track += 1
    return TargetFigures(
        reporting=len(reporting),
        with_target=with_target,
        on_track=on_track,
        off_track=off_track,
        not_known=with_target - on_track - off_track,
    )


def compute_report(year: int, partners: Iterable[PartnerInput]) -> NetworkReport:
    """The report for `year` over the active `partners`. Pure: no query, no Django."""
    active = list(partners)
    reporting = [partner for partner in active if year in partner.accounts]
    previous = [
        (
            partner.accounts[year - 1].total_location_kg,
            partner.accounts[year - 1].total_market_kg,
            partner.accounts[year].total_location_kg,
            partner.accounts[year].total_market_kg,
        )
        for partner in reporting
        if year - 1 in partner.accounts
    ]
    against_base = [
        (
            partner.base_year.total_location_kg,
            partner.base_year.total_market_kg,
            partner.accounts[year].total_location_kg,
            partner.accounts[year].total_market_kg,
        )
        for partner in reporting
        if partner.base_year is not None and partner.base_year.year < year
    ]
    done = [
        measure
        for partner in active
        for measure in partner.done_measures
        if measure.start_year <= year
    ]
    named = sorted(
        (
            NamedPartner(
                organisation_id=partner.organisation_id,
                name=partner.name,
                slug=partner.slug,
                sector=partner.sector,
                kind=partner.kind,
                emissions=Emissions.of(partner.accounts[year]),
            )
            for partner in reporting
            if year in partner.published_years
        ),
        key=lambda named: (named.name, named.organisation_id),
    )
    return NetworkReport(
        year=year,
        active_partners=len(active),
        reporting_partners=len(reporting),
        emissions=Emissions.sum(Emissions.of(partner.accounts[year]) for partner in reporting),
        against_previous_year=_change(previous),
        against_base_year=_change(against_base),
        by_sector=_groups(reporting, year, "sector"),
        by_kind=_groups(reporting, year, "kind"),
        targets=_targets(reporting),
        measures=MeasureFigures(
            partners=sum(
                any(measure.start_year <= year for measure in partner.done_measures)
                for partner in active
            ),
            count=len(done),
            expected_reduction_t=math.fsum(measure.expected_reduction_t for measure in done),
        ),
        named=tuple(named),
        reporting=tuple(
            ReportingPartner(
                sector=partner.sector,
                kind=partner.kind,
                named=year in partner.published_years,
                in_previous_year=year - 1 in partner.accounts,
                in_base_year=partner.base_year is not None and partner.base_year.year < year,
                emissions=Emissions.of(partner.accounts[year]),
            )
            for partner in reporting
        ),
    )


# --- The loader --------------------------------------------------------------------------------


def network_report(year: int) -> NetworkReport:
    """The report for `year` from the database: six queries however many partners (the active
    partners; their targets; the approved accounts the report needs and their lines, two; base
    years; measures done).

    Only the accounts the report reads are loaded and calculated: the year's and the year
    before's (the like-for-like change) and, for partners with targets, each target's base
    year (its base value is read live from that account). Whether a target is on track depends
    on nothing else (``evaluation``: the latest account after the base year, which for a
    reporting partner is this year's, against the path from the base value), and the base-year
    change uses the totals recorded on ``BaseYear``. The lines are summed without building
    each computed line: ``line_totals.account_totals`` for the accounts only summed, and
    ``actuals.account_figures`` (totals, energy use, denominators) for a partner's accounts of
    its targets' base years and of this year, which the targets' values need; both give the
    engine's figures to the last bit. The result is the same as from every approved account up
    to the year through ``actuals.figures_by_organisation`` (``PartnerInput.accounts`` holds
    only the years loaded: the core reads this year's and the year before's)."""
    # Imported here so that the core above imports without Django.
    from django.db.models import FloatField, Q
    from django.db.models.functions import Cast

    from klimanett.accounting.ghg.units import UnitError
    from klimanett.accounting.line_totals import account_totals
    from klimanett.accounting.models import AccountLine, BaseYear, ClimateAccount
    from klimanett.climateplans.actuals import YearFigures, account_figures
    from klimanett.climateplans.evaluation import evaluate_targets
    from klimanett.climateplans.models import Measure, Target
    from klimanett.partners.models import Membership, Organisation

    active = Organisation.objects.filter(
        memberships__status=Membership.Status.ACTIVE,
        memberships__type=Membership.Type.PARTNER,
    )
    organisations = list(
        active.distinct().order_by("pk").values_list("pk", "name", "slug", "sector", "kind")
    )
    ids = [row[0] for row in organisations]
    # The later queries take the active partners as a subquery rather than a list of ids.
    active_ids = active.values("pk")
    all_targets = list(
        Target.objects.filter(organisation_id__in=active_ids)
        .exclude(status=Target.Status.WITHDRAWN)
        .order_by("organisation_id", "pk")
    )
    # Whose accounts of which years need their full figures: the targets' base years and the
    # report's year (see `evaluation`); every other account is only summed.
    full_figures = {(target.organisation_id, target.base_year) for target in all_targets} | {
        (target.organisation_id, year) for target in all_targets
    }
    # Approved accounts of the year and the year before, and of the targets' base years up to
    # the report's year (a later account does not tell whether a target was on track then).
    wanted = Q(year__in=[year - 1, year])
    by_base_year: dict[int, set[int]] = {}
    for target in all_targets:
        if target.base_year < year - 1:
            by_base_year.setdefault(target.base_year, set()).add(target.organisation_id)
    for base_year, organisation_ids in sorted(by_base_year.items()):
        wanted |= Q(year=base_year, organisation_id__in=sorted(organisation_ids))
    chosen = ClimateAccount.objects.filter(
        wanted, organisation_id__in=active_ids, status=ClimateAccount.Status.APPROVED
    )
    accounts = list(
        chosen.order_by("organisation_id", "year").values_list(
            "pk",
            "organisation_id",
            "year",
            "publish",
            "factor_set",
            "employees",
            "revenue_nok",
            "heated_area_m2",
        )
    )
    lines: dict[int, list[tuple[str, float, str]]] = {}
    if accounts:
        # Within an account in the lines' own order, as ``actuals.figures_by_organisation``.
        # The quantity comes as a float (PostgreSQL's and Python's conversions of a decimal
        # both round correctly, so it is the float the engine makes of it), which spares
        # making a Decimal of each.
        for account_id, activity, quantity, unit in (
            AccountLine.objects.filter(account__in=chosen.values("pk"))
            .order_by("account_id", "order", "pk")
            .values_list("account_id", "activity", Cast("quantity", FloatField()), "unit")
        ):
            lines.setdefault(account_id, []).append((activity, quantity, unit))
    totals: dict[int, dict[int, ScopeTotals]] = {}
    figures: dict[int, dict[int, YearFigures]] = {}  # of the partners with targets
    published: dict[int, set[int]] = {}
    for (
        pk,
        organisation_id,
        account_year,
        publish,
        factor_set,
        employees,
        revenue_nok,
        heated_area_m2,
    ) in accounts:
        account_lines = lines.get(pk, [])
        try:
            if (organisation_id, account_year) in full_figures:
                year_figures = account_figures(
                    ClimateAccount(
                        pk=pk,
                        organisation_id=organisation_id,
                        year=account_year,
                        status=ClimateAccount.Status.APPROVED,
                        publish=publish,
                        factor_set=factor_set,
                        employees=employees,
                        revenue_nok=revenue_nok,
                        heated_area_m2=heated_area_m2,
                    ),
                    account_lines,
                )
                figures.setdefault(organisation_id, {})[account_year] = year_figures
                sums = year_figures.totals
            else:
                sums = account_totals(factor_set, account_year, account_lines)
        except (LookupError, UnitError):
            # An account its own set cannot calculate counts as missing (as in ``actuals``).
            continue
        totals.setdefault(organisation_id, {})[account_year] = sums
        if publish:
            published.setdefault(organisation_id, set()).add(account_year)
    reporting = {pk for pk in ids if year in totals.get(pk, {})}
    base_years = {
        organisation_id: BaseYearTotals(
            year=base_year, total_location_kg=location_kg, total_market_kg=market_kg
        )
        # Those of the active partners (the core reads a reporting partner's only).
        for organisation_id, base_year, location_kg, market_kg in BaseYear.objects.filter(
            organisation_id__in=active_ids
        ).values_list("organisation_id", "account__year", "total_location_kg", "total_market_kg")
    }
    on_track: dict[int, list[bool | None]] = {}
    targets = [target for target in all_targets if target.organisation_id in reporting]
    for evaluation in evaluate_targets(targets, figures):
        on_track.setdefault(evaluation.target.organisation_id, []).append(evaluation.on_track)
    measures: dict[int, list[DoneMeasure]] = {}
    for organisation_id, start_year, reduction_t in Measure.objects.filter(
        plan__organisation_id__in=active_ids, status=Measure.Status.DONE, start_year__lte=year
    ).values_list("plan__organisation_id", "start_year", "expected_reduction_t"):
        measures.setdefault(organisation_id, []).append(
            DoneMeasure(start_year=start_year, expected_reduction_t=float(reduction_t))
        )
    return compute_report(
        year,
        (
            PartnerInput(
                organisation_id=pk,
                name=name,
                slug=slug,
                sector=sector,
                kind=kind,
                accounts=totals.get(pk, {}),
                published_years=frozenset(published.get(pk, ())),
                base_year=base_years.get(pk),
                targets_on_track=tuple(on_track.get(pk, ())),
                done_measures=tuple(measures.get(pk, ())),
            )
            for pk, name, slug, sector, kind in organisations
        ),
    )
