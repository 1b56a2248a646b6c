"""Read-side of recalculation and the base year: what an account's figures become with a newer
factor set, each year of an organisation restated, and whether the base year has moved so much
that it must be recalculated. The splits come from the pure `ghg.restatement`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from klimanett.accounting import factor_library, selectors
from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    ComputedLine,
    ScopeTotals,
    scope_totals,
)
from klimanett.accounting.ghg.restatement import (
    Decomposition,
    Position,
    PositionKey,
    compare_sets,
    decompose,
    needs_recalculation,
    positions,
)
from klimanett.accounting.models import AccountLine, BaseYear, ClimateAccount
from klimanett.partners.models import Organisation


class NotNewerVersion(Exception):
    """The version is not a factor set that came after the account's own."""

    def __init__(self, *, version: str, current: str) -> None:
        super().__init__(f"{version!r} is not newer than {current!r}")
        self.version = version
        self.current = current


class CannotRecalculate(Exception):
    """The set cannot calculate some lines (an activity or unit it does not have)."""

    def __init__(self, *, version: str, activities: list[str]) -> None:
        super().__init__(f"{version} cannot calculate {', '.join(activities)}")
        self.version = version
        self.activities = activities


def check_newer(*, current: str, version: str) -> None:
    """`NotNewerVersion` unless `version` came after `current`."""
    if version not in factor_library.newer_versions(current):
        raise NotNewerVersion(version=version, current=current)


def _activity_line(line: AccountLine) -> ActivityLine:
    return ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)


def _positions(
    account: ClimateAccount, version: str, lines: Iterable[AccountLine] | None = None
) -> dict[PositionKey, Position]:
    """The account's lines (`lines` if already read) with `version` (`CannotRecalculate` if it
    lacks an activity)."""
    activity_lines = [
        _activity_line(line) for line in (account.lines.all() if lines is None else lines)
    ]
    try:
        return positions(activity_lines, factor_library.calculator(version, account.year))
    except (LookupError, ValueError) as error:
        raise CannotRecalculate(
            version=version, activities=_uncalculable(activity_lines, version, account.year)
        ) from error


def _uncalculable(lines: list[ActivityLine], version: str, year: int) -> list[str]:
    calculator = factor_library.calculator(version, year)
    failed = set()
    for line in lines:
        try:
            calculator.resolve(line.activity, unit=line.unit)
        except (LookupError, ValueError):
            failed.add(f"{line.activity} ({line.unit})")
    return sorted(failed)


# --- One account with a newer set ---------------------------------------------------------


@dataclass(frozen=True)
class RecalculatedLine:
    line: AccountLine
    name: str
    old: ComputedLine
    new: ComputedLine


@dataclass(frozen=True)
class Recalculation:
    account: ClimateAccount
    old_version: str
    new_version: str
    lines: list[RecalculatedLine]
    old_totals: ScopeTotals
    new_totals: ScopeTotals
    split: Decomposition  # the same lines: the change is all factor effect


def recalculation(account: ClimateAccount, version: str) -> Recalculation:
    """Each line and the totals of the account with its own set and with the newer `version`
    (`NotNewerVersion`, `CannotRecalculate`)."""
    check_newer(current=account.factor_set, version=version)
    current = selectors.account_result(account)
    new_calculator = factor_library.calculator(version, account.year)
    activity_lines = [_activity_line(row.line) for row in current.lines]
    try:
        new_lines = [new_calculator.compute(line) for line in activity_lines]
    except (LookupError, ValueError) as error:
        raise CannotRecalculate(
            version=version, activities=_uncalculable(activity_lines, version, account.year)
        ) from error
    return Recalculation(
        account=account,
        old_version=account.factor_set,
        new_version=version,
        lines=[
            RecalculatedLine(line=row.line, name=row.name, old=row.computed, new=new)
            for row, new in zip(current.lines, new_lines, strict=True)
        ],
        old_totals=current.totals,
        new_totals=scope_totals(new_lines),
        split=compare_sets(
            activity_lines,
            old=factor_library.calculator(account.factor_set, account.year),
            new=new_calculator,
        ),
    )


def totals_data(totals: ScopeTotals) -> dict[str, float]:
    """Scope totals as stored in an audit entry."""
    return asdict(totals) | {
        "total_location_kg": totals.total_location_kg,
        "total_market_kg": totals.total_market_kg,
    }


# --- The base year ------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseYearRecord:
    positions: list[dict[str, object]]  # `Position`s as JSON
    total_location_kg: float
    total_market_kg: float


def base_year_record(account: ClimateAccount) -> BaseYearRecord:
    """The account's activities and totals with its own set, as a base year records them."""
    found = list(_positions(account, account.factor_set).values())
    return BaseYearRecord(
        positions=[asdict(position) for position in found],
        total_location_kg=sum(position.kg_location for position in found),
        total_market_kg=sum(position.kg_market for position in found),
    )


def _recorded(base_year: BaseYear) -> dict[PositionKey, Position]:
    recorded = (Position(**data) for data in base_year.positions)
    return {position.key: position for position in recorded}


@dataclass(frozen=True)
class BaseYearStatus:
    base_year: BaseYear
    newest_version: str
    # From the recorded base year to its current lines with the newest set; None when the
    # newest set cannot calculate them.
    drift: Decomposition | None

    @property
    def year(self) -> int:
        return self.base_year.account.year

    @property
    def flagged(self) -> bool:
        """Moved by more than 5 % (location- or market-based), or no longer calculable."""
        if self.drift is None:
            return True
        return any(
            needs_recalculation(recorded_kg=effects.old_kg, current_kg=effects.new_kg)
            for effects in (self.drift.location, self.drift.market)
        )

    @property
    def lines_changed(self) -> bool:
        """Lines added, removed or changed since the base year was recorded."""
        return self.drift is not None and any(
            change.old is None or change.new is None or change.old.quantity != change.new.quantity
            for change in self.drift.positions
        )

    @property
    def newer_set(self) -> bool:
        return self.newest_version != self.base_year.factor_set


def _status(
    base_year: BaseYear, newest_version: str, lines: Iterable[AccountLine] | None = None
) -> BaseYearStatus:
    try:
        current = _positions(base_year.account, newest_version, lines)
    except CannotRecalculate:
        drift = None
    else:
        drift = decompose(_recorded(base_year), current)
    return BaseYearStatus(base_year=base_year, newest_version=newest_version, drift=drift)


def base_year_status(
    organisation: Organisation,
    *,
    newest_version: str | None = None,
    known_lines: Mapping[int, Iterable[AccountLine]] | None = None,
) -> BaseYearStatus | None:
    """The organisation's base year against its current lines with the newest set (give
    `newest_version` and the lines of accounts already read, by account id, to save queries)."""
    base_year = (
        BaseYear.objects.select_related("account", "recorded_by")
        .filter(organisation=organisation)
        .first()
    )
    if base_year is None:
        return None
    newest = newest_version or factor_library.latest_version()
    return _status(base_year, newest, (known_lines or {}).get(base_year.account_id))


def flagged_base_years() -> list[BaseYearStatus]:
    """The base years to recalculate, by organisation (three queries however many)."""
    newest = factor_library.latest_version()
    base_years = (
        BaseYear.objects.select_related("organisation", "account")
        .prefetch_related("account__lines")
        .order_by("organisation__name", "pk")
    )
    statuses = [_status(base_year, newest) for base_year in base_years]
    return [status for status in statuses if status.flagged]


@dataclass(frozen=True)
class AgainstBaseYear:
    status: BaseYearStatus
    split: Decomposition | None  # recorded base year → this account; None in the base year


def against_base_year(
    account: ClimateAccount, *, lines: list[AccountLine], newest_version: str
) -> AgainstBaseYear | None:
    """The account's change (its `lines`, already read) from its organisation's recorded base
    year, split; None without a base year."""
    status = base_year_status(
        account.organisation, newest_version=newest_version, known_lines={account.pk: lines}
    )
    if status is None:
        return None
    split = None
    if status.base_year.account_id != account.pk:
        split = decompose(
            _recorded(status.base_year), _positions(account, account.factor_set, lines)
        )
    return AgainstBaseYear(status=status, split=split)


# --- Every year of an organisation with the newest set -------------------------------------


@dataclass(frozen=True)
class YearRestatement:
    account: ClimateAccount
    version: str  # the newest set
    restated: Decomposition  # own set → the newest set, same lines
    reported_change: Decomposition | None  # from the year before, each with its own set
    restated_change: Decomposition | None  # from the year before, both with the newest set

    @property
    def needs_restating(self) -> bool:
        return self.account.factor_set != self.version


@dataclass(frozen=True)
class OrganisationRestatement:
    organisation: Organisation
    version: str
    years: list[YearRestatement]
    base_year: BaseYearStatus | None

    @property
    def accounts_to_restate(self) -> list[ClimateAccount]:
        return [row.account for row in self.years if row.needs_restating]

    @property
    def needs_action(self) -> bool:
        base_year = self.base_year
        return bool(self.accounts_to_restate) or (
            base_year is not None
            and (base_year.flagged or base_year.base_year.factor_set != self.version)
        )


def organisation_restatement(organisation: Organisation) -> OrganisationRestatement:
    """Each of the organisation's years with its own set and with the newest, oldest first,
    with the split of each year's change from the year before (`CannotRecalculate`)."""
    version = factor_library.latest_version()
    accounts = (
        ClimateAccount.objects.filter(organisation=organisation)
        .prefetch_related("lines")
        .order_by("year")
    )
    years: list[YearRestatement] = []
    before: tuple[int, dict[PositionKey, Position], dict[PositionKey, Position]] | None = None
    for account in accounts:
        own = _positions(account, account.factor_set)
        restated = _positions(account, version)
        follows = before is not None and before[0] == account.year - 1
        years.append(
            YearRestatement(
                account=account,
                version=version,
                restated=decompose(own, restated),
                reported_change=decompose(before[1], own) if before and follows else None,
                restated_change=decompose(before[2], restated) if before and follows else None,
            )
        )
        before = (account.year, own, restated)
    return OrganisationRestatement(
        organisation=organisation,
        version=version,
        years=years,
        base_year=base_year_status(organisation),
    )
