"""The network's key figures for the home page, counted from the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from klimanett.accounting.models import ClimateAccount
from klimanett.events.models import Event, EventQuerySet
from klimanett.partners.models import Membership, Organisation
from klimanett.site.models.examples import ExamplePage


@dataclass(frozen=True)
class KeyFigures:
    active_partners: int
    accounts_year: int | None  # the latest year with a published climate account
    published_accounts: int  # published climate accounts for that year
    examples: int
    upcoming_events: int


def key_figures(*, now: datetime | None = None, private_pages: Q | None = None) -> KeyFigures:
    """Four small queries: the counts the public may see, nothing private. `private_pages`:
    the pages in private sections (``Page.objects.private_q()``) if the caller has read them
    already; read here otherwise (a fifth query)."""
    active_partners = (
        Membership.objects.filter(status=Membership.Status.ACTIVE, type=Membership.Type.PARTNER)
        .values("organisation")
        .distinct()
        .count()
    )
    # The latest year with a published account on a public profile (what visitors can open)
    # and how many it has, in one query.
    latest = (
        ClimateAccount.objects.published()
        .filter(organisation__in=Organisation.objects.in_directory().values("pk"))
        .values("year")
        .annotate(accounts=Count("pk"))
        .order_by("-year")
        .first()
    )
    examples = ExamplePage.objects.live()
    examples = examples.public() if private_pages is None else examples.exclude(private_pages)
    return KeyFigures(
        active_partners=active_partners,
        accounts_year=latest["year"] if latest else None,
        published_accounts=latest["accounts"] if latest else 0,
        examples=examples.count(),
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
