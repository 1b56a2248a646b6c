"""The network's key figures for the home page, counted from the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max

from klimanett.accounting.models import ClimateAccount
from klimanett.events.models import Event, EventQuerySet
from klimanett.partners.models import Membership
from klimanett.site.models.examples import ExamplePage


@dataclass(frozen=True)
class KeyFigures:
    active_partners: int
    accounts_year: int | None  # the latest year with a published climate account
    published_accounts: int  # published climate accounts for that year
    examples: int
    upcoming_events: int


def key_figures(*, now: datetime | None = None) -> KeyFigures:
    """Five small queries: the counts the public may see, nothing private."""
    active_partners = (
        Membership.objects.filter(status=Membership.Status.ACTIVE, type=Membership.Type.PARTNER)
        .values("organisation")
        .distinct()
        .count()
    )
    published = ClimateAccount.objects.published()
    year = published.aggregate(latest=Max("year"))["latest"]
    accounts = published.filter(year=year).count() if year is not None else 0
    return KeyFigures(
        active_partners=active_partners,
        accounts_year=year,
        published_accounts=accounts,
        examples=ExamplePage.objects.live().public().count(),
        upcoming_events=upcoming_events(now=now).count(),
    )


def upcoming_events(*, now: datetime | None = None) -> EventQuerySet:
    """Published events that have not ended, soonest first; cancelled ones are left out."""
    return (
        Event.objects.published()
        .upcoming(now)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("starts_at", "pk")
    )
