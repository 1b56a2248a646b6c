"""The public calendars: which published events they show, and how (list, month grid, feeds).

Every view starts from `calendar_events`, which annotates the confirmed registrations and
prefetches the themes, so a page of events costs the same few queries however many it shows.
Days and months are those of Europe/Oslo: an event at 23:30 UTC on 31 January is on
1 February.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

from klimanett.events.models import Event, EventQuerySet

# Ended events stay in the iCalendar feeds this long, so calendars keep recent history.
FEED_HISTORY = timedelta(days=90)
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Availability(enum.StrEnum):
    CANCELLED = "cancelled"
    PLACES_LEFT = "places_left"
    NO_LIMIT = "no_limit"
    WAITING_LIST = "waiting_list"
    FULL = "full"
    CLOSED = "closed"
    ENDED = "ended"


def calendar_events() -> EventQuerySet:
    """Published (and cancelled) events with ``confirmed_count`` and their themes."""
    return Event.objects.published().with_confirmed_count().prefetch_related("themes")


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, timezone.get_default_timezone())


@dataclass(frozen=True)
class CalendarEntry:
    """One event as the calendars show it, with its times in Europe/Oslo."""

    event: Event
    starts: datetime
    ends: datetime
    availability: Availability
    places_left: int | None

    @property
    def same_day(self) -> bool:
        return self.starts.date() == self.ends.date()

    @property
    def days(self) -> list[date]:
        """The local days the event is on (an event ending at midnight is not on the next)."""
        first = self.starts.date()
        last = (self.ends - timedelta(microseconds=1)).date() if self.ends > self.starts else first
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def is_online(self) -> bool:
        return bool(self.event.online_url)

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.event.venue_name, self.event.address) if part)


def availability(event: Event, now: datetime) -> tuple[Availability, int | None]:
    if event.status == Event.Status.CANCELLED:
        return Availability.CANCELLED, None
    if event.ends_at < now:
        return Availability.ENDED, None
    closed = event.registration_closes_at is not None and event.registration_closes_at < now
    if event.capacity is None:
        return (Availability.CLOSED if closed else Availability.NO_LIMIT), None
    confirmed = getattr(event, "confirmed_count", None)
    if confirmed is None:
        confirmed = event.registrations.filter(status="confirmed").count()
    left = max(event.capacity - confirmed, 0)
    if left == 0:
        return (Availability.FULL if closed else Availability.WAITING_LIST), 0
    return (Availability.CLOSED if closed else Availability.PLACES_LEFT), left


def entry(event: Event, now: datetime) -> CalendarEntry:
    state, left = availability(event, now)
    return CalendarEntry(
        event=event,
        starts=_local(event.starts_at),
        ends=_local(event.ends_at),
        availability=state,
        places_left=left,
    )


def entries(events: Iterable[Event], now: datetime | None = None) -> list[CalendarEntry]:
    now = now or timezone.now()
    return [entry(event, now) for event in events]


# --- The month view -----------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: date
    in_month: bool
    is_today: bool
    entries: list[CalendarEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    entries: list[CalendarEntry]

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous(self) -> date | None:
        previous = self.first_day - timedelta(days=1)
        return previous.replace(day=1) if previous.year >= FIRST_YEAR else None

    @property
    def next(self) -> date | None:
        following = (self.first_day + timedelta(days=31)).replace(day=1)
        return following if following.year <= LAST_YEAR else None


def weekday_names() -> list[tuple[str, str]]:
    """Monday to Sunday as (full name, abbreviation) in the active language."""
    return [(str(WEEKDAYS[n]), str(WEEKDAYS_ABBR[n])) for n in range(7)]


def valid_month(year: int, month: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month's first moment and the next month's first moment, in Europe/Oslo."""
    zone = timezone.get_default_timezone()
    first = date(year, month, 1)
    following = (first + timedelta(days=31)).replace(day=1)
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(following, time.min, tzinfo=zone),
    )


def events_in_month(events: EventQuerySet, year: int, month: int) -> EventQuerySet:
    """Events on at least one day of the month (also those that began the month before)."""
    start, end = month_bounds(year, month)
    return events.filter(Q(ends_at__gt=start) | Q(starts_at__gte=start), starts_at__lt=end)


def month(year: int, month_number: int, events: EventQuerySet, today: date | None = None) -> Month:
    """The month as weeks from Monday to Sunday, each day with the events on it."""
    today = today or timezone.localdate()
    month_entries = entries(events_in_month(events, year, month_number).order_by("starts_at", "pk"))
    by_day: dict[date, list[CalendarEntry]] = {}
    for calendar_entry in month_entries:
        for day in calendar_entry.days:
            by_day.setdefault(day, []).append(calendar_entry)
    weeks = [
        [
            Day(
                date=day,
                in_month=day.month == month_number,
                is_today=day == today,
                entries=by_day.get(day, []) if day.month == month_number else [],
            )
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            year, month_number
        )
    ]
    return Month(year=year, month=month_number, weeks=weeks, entries=month_entries)


def feed_events(events: EventQuerySet, now: datetime | None = None) -> EventQuerySet:
    """Upcoming events and those that ended within `FEED_HISTORY`."""
    return events.upcoming((now or timezone.now()) - FEED_HISTORY).order_by("starts_at", "pk")
