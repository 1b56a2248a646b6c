"""schema.org Event as JSON-LD for an event page, built as data and dumped with json.dumps."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from klimanett.events import ics
from klimanett.events.models import Event

SCHEMA = "https://schema.org/"
# Inside <script> only "<", ">" and "&" could end the element or start markup.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _attendance_mode(event: Event) -> str:
    physical = bool(event.venue_name or event.address)
    if physical and event.online_url:
        return SCHEMA + "MixedEventAttendanceMode"
    if event.online_url:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def event_json_ld(event: Event, *, places_left: int | None, organizer: str) -> dict[str, Any]:
    """The event as schema.org data. The online link stays out (it is for the registered);
    a virtual location points to the event page."""
    url = ics.event_url(event)
    locations: list[dict[str, Any]] = []
    if event.venue_name or event.address:
        place: dict[str, Any] = {"@type": "Place", "name": event.venue_name or event.address}
        if event.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": event.address,
                "addressCountry": "NO",
            }
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": url})
    cancelled = event.status == Event.Status.CANCELLED
    availability = "InStock" if places_left is None or places_left > 0 else "SoldOut"
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": url,
        "price": "0",
        "priceCurrency": "NOK",
        "availability": SCHEMA + ("Discontinued" if cancelled else availability),
    }
    if event.registration_opens_at:
        offer["validFrom"] = timezone.localtime(event.registration_opens_at).isoformat()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventAttendanceMode": _attendance_mode(event),
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "organizer": {"@type": "Organization", "name": organizer, "url": settings.SITE_URL},
        "offers": offer,
        "inLanguage": "nb",
    }
    if event.summary or event.description:
        data["description"] = event.summary or event.description
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.audience != Event.Audience.EVERYONE:
        data["audience"] = {"@type": "Audience", "audienceType": str(event.get_audience_display())}
    return data


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """The data in a <script type="application/ld+json">, safe from markup in its values."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
