"""Attendance per organisation: how many of the network's events an organisation came to in a
year. It feeds the partner scorecard's "network meetings attended" row.

An organisation attended an event when at least one of its people was checked in there (a
confirmed registration with a check-in time), in an event that started in the year (Oslo time).
A registration counts for an organisation when it is linked to it, or, when it is linked to none,
when the organisation name typed in matches the organisation's name (letter case aside).
Several colleagues at one event count as one event attended.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from klimanett.events.models import Event, Registration
from klimanett.partners.models import Organisation

OSLO = ZoneInfo("Europe/Oslo")


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the year and of the next, in Oslo time."""
    start = datetime.datetime(year, 1, 1, tzinfo=OSLO)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=OSLO)


def _checked_in() -> Q:
    return Q(status=Registration.Status.CONFIRMED, checked_in_at__isnull=False)


def events_attended(year: int) -> Coalesce:
    """An expression for querysets of organisations: the number of events of `year` that each
    organisation attended. One correlated subquery: a list of organisations takes no extra
    query."""
    start, end = year_bounds(year)
    # Inside `present`, OuterRef("pk") is the event and OuterRef(OuterRef(…)) the organisation.
    by_organisation = Q(organisation=OuterRef(OuterRef("pk"))) | Q(
        organisation__isnull=True, organisation_name__iexact=OuterRef(OuterRef("name"))
    )
    present = Registration.objects.filter(_checked_in(), by_organisation, event=OuterRef("pk"))
    events = (
        Event.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .filter(Exists(present))
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    return Coalesce(Subquery(events, output_field=IntegerField()), 0)


def attendance_by_organisation(year: int) -> dict[int, int]:
    """{organisation id: events attended in `year`} for every organisation that attended one."""
    return dict(
        Organisation.objects.annotate(attended=events_attended(year))
        .filter(attended__gt=0)
        .values_list("pk", "attended")
    )


def unmatched_attendance(year: int) -> list[tuple[str, int]]:
    """Organisation names typed in at check-in-ed registrations of `year` that match no
    organisation in the registry, with their number of events attended, most first."""
    start, end = year_bounds(year)
    known = Organisation.objects.filter(name__iexact=OuterRef("organisation_name"))
    rows = (
        Registration.objects.filter(
            _checked_in(),
            organisation__isnull=True,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
        )
        .exclude(organisation_name="")
        .exclude(Exists(known))
        .values_list("organisation_name", "event_id")
        .distinct()
    )
    counts: dict[str, set[int]] = {}
    names: dict[str, str] = {}
    for name, event_id in rows:
        key = name.strip().casefold()
        names.setdefault(key, name.strip())
        counts.setdefault(key, set()).add(event_id)
    return sorted(
        ((names[key], len(events)) for key, events in counts.items()),
        key=lambda row: (-row[1], row[0].casefold()),
    )
