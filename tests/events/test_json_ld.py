"""schema.org Event JSON-LD on the event page, parsed with json."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from klimanett.events import services
from klimanett.events.models import Event
from tests.builders import make_event

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _json_ld(client, event: Event) -> dict:
    html = client.get(event.get_absolute_url()).content.decode()
    (text,) = SCRIPT.findall(html)
    return json.loads(text)


def test_event_page_has_schema_org_event_with_offset_times(client):
    event = make_event(
        starts_at=datetime.datetime(2026, 6, 10, 7, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 6, 10, 10, 0, tzinfo=datetime.UTC),
    )
    data = _json_ld(client, event)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == "2026-06-10T09:00:00+02:00"
    assert data["endDate"] == "2026-06-10T12:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["streetAddress"] == "Kirkegata 8, 3716 Skien"
    assert data["organizer"]["@type"] == "Organization"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_cancelled_full_online_event(client):
    event = make_event(
        capacity=1, venue_name="", address="", online_url="https://møte.example.no/hemmelig"
    )
    services.register(event=event, name="Kari", email="kari@example.no", consent=True)
    assert _json_ld(client, event)["offers"]["availability"] == "https://schema.org/SoldOut"
    event.status = Event.Status.CANCELLED
    event.save()
    data = _json_ld(client, event)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "hemmelig" not in json.dumps(data)


def test_markup_in_the_title_cannot_end_the_script(client):
    event = make_event(title='Klima </script><script>alert("x")</script> & mer')
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert _json_ld(client, event)["name"] == event.title
