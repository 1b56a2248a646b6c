"""The follow-up of an action plan's measures: when status reports are due, whether they are
overdue, and the realised effect of a measure read from later accounts.

PURE: standard library only, no Django (a test enforces it).

Deadlines. The partner chooses the cadence of its plan:

- yearly: one status report a year, due on 31 December (the year's progress, in time for the
  next climate account);
- three times a year, as Oslo's agencies report: due on 30 April, 31 August and 31 December,
  so that each report covers four months (January–April, May–August, September–December).

Each deadline closes a period that starts the day after the previous deadline. A measure's
status report counts for the deadline of the period it is dated in; a report dated after a
missed deadline clears the overdue state (late but done) and counts for the current period. A
report on the deadline day is in time: a measure is overdue from the day after.

Measures that are planned or in progress are followed up; ideas are not yet commitments, and
done or dropped measures are closed. A new measure is first due at the first deadline at least
``GRACE_DAYS`` after it was added, so a measure added on 20 December is not overdue on 1
January.

Realised effect. For a measure that is done, the emissions of its activity keys in the latest
account before its start year are compared with those in the latest account (which must be of
the start year or later). The difference is the realised effect. Its limits: it counts every
change in those activities, not the measure's alone (growth or decline in activity, weather,
other measures on the same activities, a change of factors between the years); it counts the
activities the measure acts on only, so for a switch (diesel to electricity) the electricity
that comes in is not subtracted unless its key is among the measure's activities; and an
account of the start year holds part of a year of effect at most.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

YEARLY = "yearly"
THREE_TIMES = "three_times"
DEADLINES: dict[str, tuple[tuple[int, int], ...]] = {
    YEARLY: ((12, 31),),
    THREE_TIMES: ((4, 30), (8, 31), (12, 31)),
}
GRACE_DAYS = 30

# The values of Measure.Status that are followed up (this module does not import Django).
FOLLOWED_UP_STATUSES = frozenset({"planned", "in_progress"})


class CadenceError(ValueError):
    """A cadence that is neither yearly nor three times a year."""


def _month_days(cadence: str) -> tuple[tuple[int, int], ...]:
    try:
        return DEADLINES[cadence]
    except KeyError as error:
        raise CadenceError(f"unknown cadence {cadence!r}") from error


def deadlines_of_year(cadence: str, year: int) -> list[datetime.date]:
    return [datetime.date(year, month, day) for month, day in _month_days(cadence)]


def deadlines_from(cadence: str, start: datetime.date) -> Iterator[datetime.date]:
    """The deadlines on or after `start`, in order, without end."""
    year = start.year
    while True:
        for deadline in deadlines_of_year(cadence, year):
            if deadline >= start:
                yield deadline
        year += 1


def next_deadline(cadence: str, on_or_after: datetime.date) -> datetime.date:
    return next(deadlines_from(cadence, on_or_after))


def previous_deadline(cadence: str, deadline: datetime.date) -> datetime.date:
    """The deadline before `deadline`: its period starts the day after it."""
    earlier = [
        d
        for year in (deadline.year - 1, deadline.year)
        for d in deadlines_of_year(cadence, year)
        if d < deadline
    ]
    return max(earlier)


def last_passed_deadline(cadence: str, today: datetime.date) -> datetime.date:
    """The latest deadline before `today` (the deadline day itself is still in time)."""
    return previous_deadline(cadence, next_deadline(cadence, today))


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportState:
    due_on: datetime.date  # the deadline of the report the measure owes next
    overdue: bool
    last_reported: datetime.date | None


def report_state(
    *,
    cadence: str,
    added_on: datetime.date,
    last_reported: datetime.date | None,
    today: datetime.date,
) -> ReportState:
    """When a followed-up measure's next status report is due, and whether it is overdue (see
    the module docstring for the rules)."""
    first_due = next_deadline(cadence, added_on + datetime.timedelta(days=GRACE_DAYS))
    passed = last_passed_deadline(cadence, today)

    def covered(deadline: datetime.date) -> bool:
        return last_reported is not None and last_reported > previous_deadline(cadence, deadline)

    if passed >= first_due and not covered(passed):
        return ReportState(due_on=passed, overdue=True, last_reported=last_reported)
    for deadline in deadlines_from(cadence, max(today, first_due)):
        if not covered(deadline):
            return ReportState(due_on=deadline, overdue=False, last_reported=last_reported)
    raise AssertionError("unreachable: deadlines have no end")  # pragma: no cover


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanReportState:
    next_due: datetime.date | None  # None when no measure is followed up
    overdue: int  # how many measures are overdue
    oldest_overdue: datetime.date | None


def plan_report_state(states: Iterable[ReportState]) -> PlanReportState:
    """The plan's state from its followed-up measures' states."""
    found = list(states)
    late = [state.due_on for state in found if state.overdue]
    return PlanReportState(
        next_due=min((state.due_on for state in found), default=None),
        overdue=len(late),
        oldest_overdue=min(late, default=None),
    )


# --- Realised effect ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RealisedEffect:
    before_year: int
    after_year: int
    before_kg: float
    after_kg: float

    @property
    def cut_kg(self) -> float:
        """Positive when the emissions went down."""
        return self.before_kg - self.after_kg

    @property
    def cut_t(self) -> float:
        return self.cut_kg / 1000.0


def realised_effect(
    *,
    activity_keys: Iterable[str],
    start_year: int,
    kg_by_year: Mapping[int, Mapping[str, float]],
) -> RealisedEffect | None:
    """The change in the emissions of `activity_keys` from the latest account before
    `start_year` to the latest account (of `start_year` or later); None when either is
    missing or the measure names no activity. `kg_by_year` holds each account's location-based
    kg CO2e by activity key."""
    keys = set(activity_keys)
    if not keys:
        return None
    before = [year for year in kg_by_year if year < start_year]
    after = [year for year in kg_by_year if year >= start_year]
    if not before or not after:
        return None
    before_year, after_year = max(before), max(after)

    def total(year: int) -> float:
        return sum(kg for key, kg in kg_by_year[year].items() if key in keys)

    return RealisedEffect(
        before_year=before_year,
        after_year=after_year,
        before_kg=total(before_year),
        after_kg=total(after_year),
    )
