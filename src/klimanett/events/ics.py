"""iCalendar (RFC 5545) for events: one VEVENT per event, and a VCALENDAR around them.

Used for the confirmation e-mail's attachment and the calendar feeds. The online link goes
into the description only for those registered (``include_online_link=True``); public feeds
leave it out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

from klimanett.events.models import Event

PRODID = "-//Klimanett//Arrangementer//NB"


def event_uid(event: Event) -> str:
    """Stable for the event's lifetime, so calendars update rather than duplicate it."""
    host = urlsplit(settings.SITE_URL).hostname or "klimanett"
    return f"event-{event.pk}@{host}"


def event_url(event: Event) -> str:
    return settings.SITE_URL + event.get_absolute_url()


def event_location(event: Event) -> str:
    """The venue and address as one line; "Online" for events with only a link."""
    parts = [part for part in (event.venue_name, event.address) if part]
    if parts:
        return ", ".join(parts)
    return "Online" if event.online_url else ""


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def event_to_vevent(
    event: Event, *, include_online_link: bool, stamp: datetime.datetime | None = None
) -> icalendar.Event:
    """One VEVENT with UID, DTSTAMP, DTSTART/DTEND in UTC, SUMMARY, LOCATION, URL, STATUS
    and a DESCRIPTION (the summary, and the online link when ``include_online_link``)."""
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", _utc(stamp or event.updated_at))
    vevent.add("dtstart", _utc(event.starts_at))
    vevent.add("dtend", _utc(event.ends_at))
    vevent.add("summary", event.title)
    location = event_location(event)
    if location:
        vevent.add("location", location)
    url = event_url(event)
    vevent.add("url", url)
    description = [event.summary] if event.summary else []
    if include_online_link and event.online_url:
        description.append(f"Lenke til arrangementet: {event.online_url}")
    description.append(url)
    vevent.add("description", "\n\n".join(description))
    vevent.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    for theme in event.themes.all():
        vevent.add("categories", theme.name)
    return vevent


def calendar(
    events: Iterable[Event], *, include_online_link: bool, name: str = ""
) -> icalendar.Calendar:
    """A VCALENDAR (METHOD:PUBLISH) with one VEVENT per event."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event_to_vevent(event, include_online_link=include_online_link))
    return cal


def event_ics(event: Event, *, include_online_link: bool) -> bytes:
    """The .ics file for one event."""
    return calendar([event], include_online_link=include_online_link).to_ical()
