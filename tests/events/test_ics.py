"""The .ics file for one event, parsed back with icalendar."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.conf import settings

from klimanett.events import ics
from klimanett.events.models import Event, Theme
from tests.builders import make_event

pytestmark = pytest.mark.django_db
ONLINE = "https://møte.example.no/rom/42"
OSLO = datetime.timezone(datetime.timedelta(hours=1))


def _vevent(event: Event, *, include_online_link: bool) -> icalendar.Event:
    cal = icalendar.Calendar.from_ical(
        ics.event_ics(event, include_online_link=include_online_link)
    )
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    (vevent,) = cal.walk("VEVENT")
    return vevent


def test_vevent_has_the_rfc_5545_fields_with_times_in_utc():
    theme = Theme.objects.create(name="Energi", slug="energi")
    event = make_event(
        title="Solceller på taket",
        starts_at=datetime.datetime(2026, 11, 27, 9, 0, tzinfo=OSLO),
        ends_at=datetime.datetime(2026, 11, 27, 12, 30, tzinfo=OSLO),
        themes=[theme],
    )
    vevent = _vevent(event, include_online_link=False)
    assert str(vevent["UID"]) == ics.event_uid(event)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert start == datetime.datetime(2026, 11, 27, 8, 0, tzinfo=datetime.UTC)
    assert start.utcoffset() == datetime.timedelta(0)
    assert end == datetime.datetime(2026, 11, 27, 11, 30, tzinfo=datetime.UTC)
    raw = ics.event_ics(event, include_online_link=False).decode()
    assert "DTSTART:20261127T080000Z" in raw
    assert str(vevent["SUMMARY"]) == "Solceller på taket"
    assert str(vevent["LOCATION"]) == "Skien bibliotek, Kirkegata 8, 3716 Skien"
    assert str(vevent["URL"]) == settings.SITE_URL + event.get_absolute_url()
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "Energi" in vevent.to_ical().decode()


def test_online_link_is_in_the_description_only_for_the_registered():
    event = make_event(online_url=ONLINE)
    assert ONLINE in str(_vevent(event, include_online_link=True)["DESCRIPTION"])
    public = _vevent(event, include_online_link=False)
    assert ONLINE not in public.to_ical().decode()


def test_cancelled_event_is_cancelled_in_the_calendar():
    event = make_event(status=Event.Status.CANCELLED)
    assert str(_vevent(event, include_online_link=False)["STATUS"]) == "CANCELLED"


def test_online_only_event_has_online_as_location():
    event = make_event(venue_name="", address="", online_url=ONLINE)
    assert str(_vevent(event, include_online_link=False)["LOCATION"]) == "Online"


def test_public_ics_download_leaves_the_online_link_out(client):
    event = make_event(online_url=ONLINE)
    response = client.get(f"/arrangementer/{event.slug}/arrangement.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert ONLINE.encode() not in response.content
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT")
