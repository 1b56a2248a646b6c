"""Plain builder functions: each makes one valid object; overrides set what a test cares about."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core import roles
from klimanett.core.models import User
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import Contact, Membership, Organisation
from klimanett.partners.validators import org_number_check_digit

PASSWORD = "klima-test-passord-1"
_sequence = itertools.count(1)


def valid_org_number(seed: int) -> str:
    """A nine-digit number starting with 9 whose MOD11 check digit is valid."""
    base = 91_000_000 + seed
    while True:
        body = f"{base:08d}"
        check = org_number_check_digit(body)
        if check is not None:
            return body + check
        base += 1


def make_user(**overrides: Any) -> User:
    n = next(_sequence)
    fields = {"email": f"person{n}@example.no", "first_name": "Kari", "last_name": f"Nordmann {n}"}
    fields.update(overrides)
    password = fields.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **fields)


def make_secretariat_user(**overrides: Any) -> User:
    roles.ensure_role_groups()
    user = make_user(**overrides)
    user.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    return user


def make_organisation(**overrides: Any) -> Organisation:
    n = next(_sequence)
    fields: dict[str, Any] = {
        "name": f"Testbedrift {n} AS",
        "org_number": valid_org_number(n * 7),
        "kind": "company",
        "sector": "C",
        "municipality": Municipality.objects.get(number="4003"),
        "employees": 25,
        "description": "Lager ting med mindre utslipp.",
        "public_profile": True,
    }
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def make_membership(organisation: Organisation, **overrides: Any) -> Membership:
    fields: dict[str, Any] = {
        "organisation": organisation,
        "type": Membership.Type.PARTNER,
        "status": Membership.Status.ACTIVE,
        "agreement_date": datetime.date(2022, 3, 1),
        "signatory_name": "Per Leder",
        "signatory_title": "Daglig leder",
        "fee_category": Membership.FeeCategory.SIZE_10_49,
    }
    fields.update(overrides)
    return Membership.objects.create(**fields)


def make_contact(user: User, organisation: Organisation, **overrides: Any) -> Contact:
    return Contact.objects.create(user=user, organisation=organisation, **overrides)


def make_site_pages() -> None:
    from klimanett.site.pages import ensure_site_pages

    ensure_site_pages(
        home_title="Klimanettverket",
        intro="<p>Et nettverk for klimaarbeid.</p>",
        aims=[("Være en relevant partner", "For virksomheter som vil gå foran.")],
    )


def make_example_page(*, live: bool = True, **overrides: Any) -> Any:
    """A good example under the example index (make_site_pages first), published unless
    ``live=False`` (then a draft); ``organisations`` takes a list of Organisation objects."""
    from klimanett.site.models import ExampleIndexPage, ExamplePage

    n = next(_sequence)
    fields: dict[str, Any] = {
        "title": f"Varmepumpe på skolen {n}",
        "slug": f"eksempel-{n}",
        "summary": "Skolen byttet oljefyr mot varmepumpe og halverte energibruken.",
        "category": "heating",
        "year": 2024,
    }
    fields.update(overrides)
    organisations = fields.pop("organisations", [])
    page = ExamplePage(**fields, live=live)
    ExampleIndexPage.objects.get().add_child(instance=page)
    page.organisations.set(organisations)
    revision = page.save_revision()
    if live:
        revision.publish()
    return ExamplePage.objects.get(pk=page.pk)


def make_news_page(*, live: bool = True, **overrides: Any) -> Any:
    """A news article under the news index (make_site_pages first), published unless
    ``live=False``."""
    from klimanett.site.models import NewsIndexPage, NewsPage

    n = next(_sequence)
    fields: dict[str, Any] = {
        "title": f"Nytt fra nettverket {n}",
        "slug": f"nyhet-{n}",
        "intro": "Tre nye partnere har signert klimaavtalen.",
    }
    fields.update(overrides)
    page = NewsPage(**fields, live=live)
    NewsIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return NewsPage.objects.get(pk=page.pk)


def make_account(
    organisation: Organisation,
    year: int,
    lines: list[tuple[str, float, str]],
    **overrides: Any,
) -> ClimateAccount:
    """An account with its lines as (activity, quantity, unit); submitted and approved accounts
    get a submission time."""
    fields: dict[str, Any] = {"organisation": organisation, "year": year}
    fields.update(overrides)
    if fields.get("status", ClimateAccount.Status.DRAFT) != ClimateAccount.Status.DRAFT:
        fields.setdefault("submitted_at", timezone.now())
    account = ClimateAccount.objects.create(**fields)
    AccountLine.objects.bulk_create(
        AccountLine(account=account, activity=activity, quantity=quantity, unit=unit, order=i)
        for i, (activity, quantity, unit) in enumerate(lines)
    )
    return account


def make_target(organisation: Organisation, **overrides: Any) -> Any:
    """A target as saved (the base value as given, not read from an account): by default an
    emission target for scopes 1 and 2, 50 % less in 2030 than the 10 000 kg of 2020."""
    from decimal import Decimal

    from klimanett.climateplans.models import Target

    fields: dict[str, Any] = {
        "organisation": organisation,
        "title": "Halvere utslippene innen 2030",
        "kind": Target.Kind.EMISSIONS,
        "metric": Target.Metric.ABSOLUTE,
        "scopes": Target.Scopes.SCOPES_1_2,
        "base_year": 2020,
        "base_value": 10_000.0,
        "target_year": 2030,
        "reduction_percent": Decimal(50),
    }
    fields.update(overrides)
    return Target.objects.create(**fields)


def make_event(**overrides: Any) -> Any:
    """A published network meeting in two weeks with 50 places, registration open now;
    ``themes`` takes a list of Theme objects."""
    from klimanett.events.models import Event

    n = next(_sequence)
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=14)
    fields: dict[str, Any] = {
        "title": f"Nettverksmøte {n}",
        "slug": f"nettverksmote-{n}",
        "type": Event.Type.NETWORK_MEETING,
        "summary": "Vi deler erfaringer med klimaregnskap.",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=3),
        "venue_name": "Skien bibliotek",
        "address": "Kirkegata 8, 3716 Skien",
        "capacity": 50,
        "status": Event.Status.PUBLISHED,
    }
    fields.update(overrides)
    themes = fields.pop("themes", [])
    event = Event.objects.create(**fields)
    if themes:
        event.themes.set(themes)
    return event


def make_registration(event: Any, **overrides: Any) -> Any:
    """A confirmed registration for the event, written directly (no e-mail, no place check)."""
    from klimanett.events.models import Registration

    n = next(_sequence)
    fields: dict[str, Any] = {
        "event": event,
        "name": f"Deltaker {n}",
        "email": f"deltaker{n}@example.no",
        "consent": True,
        "status": Registration.Status.CONFIRMED,
    }
    fields.update(overrides)
    return Registration.objects.create(**fields)


def make_award_round(**overrides: Any) -> Any:
    """This year's "Årets klimapartner", open for nominations today: opened ten days ago,
    closes in ten days, scoring closes in forty."""
    from klimanett.awards.models import AwardRound

    today = timezone.localdate()
    fields: dict[str, Any] = {
        "year": today.year,
        "criteria": "Juryen ser etter kutt, omstilling og overføringsverdi.",
        "nomination_opens": today - datetime.timedelta(days=10),
        "nomination_closes": today + datetime.timedelta(days=10),
        "scoring_closes": today + datetime.timedelta(days=40),
    }
    fields.update(overrides)
    return AwardRound.objects.create(**fields)


def make_nomination(award_round: Any, nominee: Organisation, **overrides: Any) -> Any:
    """A nomination written directly (no window check); by default nominated by a new member."""
    from klimanett.awards.models import Nomination

    fields: dict[str, Any] = {"round": award_round, "nominee": nominee, "reason": "Kutter mye."}
    fields.update(overrides)
    if "nominating_organisation" not in fields:
        nominator = make_organisation()
        make_membership(nominator)
        fields["nominating_organisation"] = nominator
    return Nomination.objects.create(**fields)


def make_juror(award_round: Any, user: User | None = None, **overrides: Any) -> Any:
    from klimanett.awards.models import Juror

    return Juror.objects.create(round=award_round, user=user or make_user(), **overrides)


def make_resource(**overrides: Any) -> Any:
    """A published English report with a link, made through ``library.services.create_resource``;
    ``themes`` and ``sectors`` take lists, ``by`` the user (default none), ``status`` the status."""
    from klimanett.library.models import Resource
    from klimanett.library.services import create_resource

    n = next(_sequence)
    fields: dict[str, Any] = {
        "title": f"Rapport om klimakutt {n}",
        "summary": "En nyttig rapport om hvordan virksomheter kutter utslipp.",
        "url": f"https://example.org/rapport-{n}",
        "publisher": "Miljødirektoratet",
        "year": 2023,
        "language": Resource.Language.NB,
        "kind": Resource.Kind.REPORT,
        "audience": Resource.Audience.BOTH,
    }
    fields.update(overrides)
    by = fields.pop("by", None)
    events = fields.pop("events", [])
    resource = create_resource(by=by, **fields)
    if events:
        resource.events.set(events)
    return resource


def make_feed(**overrides: Any) -> Any:
    """An active feed, never fetched; give ``url`` (a local test server's) when it is fetched."""
    from klimanett.library.models import Feed

    n = next(_sequence)
    fields: dict[str, Any] = {
        "name": f"Miljønytt {n}",
        "url": f"https://feeds.example.org/feed-{n}.xml",
        "publisher": "Miljønytt",
    }
    fields.update(overrides)
    return Feed.objects.create(**fields)


def make_feed_item(feed: Any, **overrides: Any) -> Any:
    """A new item in the review queue, written directly (its link normalised as the reader does)."""
    from klimanett.library.feeds import normalise_url
    from klimanett.library.models import FeedItem

    n = next(_sequence)
    fields: dict[str, Any] = {
        "feed": feed,
        "url": f"https://miljo.example.org/sak-{n}",
        "title": f"Ny veileder {n}",
        "summary": "En veileder om utslipp fra bygg.",
        "published_on": datetime.date(2025, 3, 4),
    }
    fields.update(overrides)
    fields.setdefault("normalised_url", normalise_url(fields["url"]))
    return FeedItem.objects.create(**fields)
