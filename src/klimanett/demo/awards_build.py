"""The demo's "Årets klimapartner" (issue 6): last year's round decided and published, with its
nominations, jury and scores, and this year's round open for nominations.

The nominees, nominators and jurors are active demo members drawn from one seeded source; the
winner is the nominee with the highest total in the jury's result. A juror sits in an
organisation that is nominated, so the conflict rule shows. Keyed on the round's year: a round
that exists (perhaps tried out in the demo) is left as it is, so a second run creates nothing.
The well-known first demo contact is on this year's jury and has not nominated yet.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from klimanett.awards import selectors
from klimanett.awards.models import AwardRound, Juror, Nomination, Score, default_title
from klimanett.core.models import User
from klimanett.demo.plan import SEED, PlannedOrganisation
from klimanett.partners.models import Membership, Organisation

OSLO = ZoneInfo("Europe/Oslo")

CRITERIA_TEXT = (
    "Direkte kutt: hvor mye virksomheten har redusert egne utslipp, dokumentert i "
    "klimaregnskapet.\n"
    "Langsiktig omstilling: mål, planer og investeringer som endrer driften varig.\n"
    "Overføringsverdi: hvor mye andre virksomheter i regionen kan lære av og gjøre likt."
)

REASONS = (
    "{name} har elektrifisert hele bilparken og kuttet utslippene fra transport kraftig på "
    "to år. De deler gjerne erfaringene med andre.",
    "{name} har satt mål i tråd med 1,5-gradersmålet og følger dem opp med en handlingsplan "
    "som ledelsen rapporterer på hvert kvartal.",
    "{name} stiller klimakrav i alle større innkjøp og har fått leverandørene sine med på laget.",
    "{name} har lagt om energibruken i byggene sine med varmepumper og solceller, og viser "
    "fram løsningene for andre i nettverket.",
    "{name} er et forbilde for små virksomheter: enkle tiltak, god dokumentasjon og stor "
    "vilje til å dele.",
)
COMMENTS = ("Godt dokumentert.", "Imponerende omstilling.", "Lite dokumentasjon av kuttene.", "")
CITATION = (
    "{name} vinner Årets klimapartner {year} for store, dokumenterte kutt i egne utslipp, en "
    "plan som endrer driften for godt, og for raust å dele det de har lært med resten av "
    "nettverket."
)


def build_awards(
    planned: list[PlannedOrganisation],
    organisations: Mapping[str, Organisation],
    users: Mapping[str, User],
    *,
    today: datetime.date,
) -> dict[str, int]:
    """Create the missing demo award rounds; how many rounds, nominations and scores."""
    created = {"award rounds": 0, "nominations": 0, "jury scores": 0}
    existing = set(
        AwardRound.objects.filter(year__in=[today.year - 1, today.year]).values_list(
            "year", flat=True
        )
    )
    active = _active_members(planned, organisations)
    if len(active) < 8:
        return created
    rng = random.Random(f"{SEED}-awards")
    contacts = {p.org_number: users[p.contacts[0].email] for p in planned if p.contacts}
    if today.year - 1 not in existing:
        _last_year(active, contacts, today, rng, created)
    if today.year not in existing:
        _this_year(planned, active, contacts, today, rng, created)
    return created


def _active_members(
    planned: list[PlannedOrganisation], organisations: Mapping[str, Organisation]
) -> list[tuple[str, Organisation]]:
    """Active members in the plan's order, as (organisation number, organisation)."""
    active_ids = set(
        Membership.objects.filter(status=Membership.Status.ACTIVE).values_list(
            "organisation_id", flat=True
        )
    )
    return [
        (p.org_number, organisations[p.org_number])
        for p in planned
        if p.contacts and organisations[p.org_number].pk in active_ids
    ]


def _jurors(award_round: AwardRound, people: list[User]) -> list[Juror]:
    return Juror.objects.bulk_create(Juror(round=award_round, user=user) for user in people)


def _nominate(
    award_round: AwardRound,
    nominees: list[tuple[str, Organisation]],
    nominators: list[tuple[str, Organisation]],
    contacts: Mapping[str, User],
    rng: random.Random,
) -> list[Nomination]:
    nominations = []
    for index, (_number, nominee) in enumerate(nominees):
        number, nominator = nominators[index % len(nominators)]
        nominations.append(
            Nomination(
                round=award_round,
                nominee=nominee,
                nominating_organisation=nominator,
                nominated_by=contacts[number],
                reason=rng.choice(REASONS).format(name=nominee.name),
            )
        )
    return Nomination.objects.bulk_create(nominations)


def _last_year(
    active: list[tuple[str, Organisation]],
    contacts: Mapping[str, User],
    today: datetime.date,
    rng: random.Random,
    created: dict[str, int],
) -> None:
    year = today.year - 1
    award_round = AwardRound.objects.create(
        year=year,
        title=default_title(year),
        criteria=CRITERIA_TEXT,
        nomination_opens=datetime.date(year, 3, 1),
        nomination_closes=datetime.date(year, 5, 31),
        scoring_closes=datetime.date(year, 8, 31),
    )
    # Jurors from the 2nd, 4th and 6th members; the 4th is also nominated: a conflict.
    jurors = _jurors(award_round, [contacts[active[i][0]] for i in (1, 3, 5)])
    nominees = [active[i] for i in (2, 3, 6, 7)]
    nominations = _nominate(award_round, nominees, [active[i] for i in (0, 4, 5)], contacts, rng)
    scores = []
    for juror in jurors:
        own = juror.own_organisation_ids()
        for _number, nominee in nominees:
            if nominee.pk in own:
                continue
            scores.append(
                Score(
                    juror=juror,
                    nominee=nominee,
                    direct_cuts=rng.randint(2, 5),
                    long_term=rng.randint(2, 5),
                    example=rng.randint(2, 5),
                    comment=rng.choice(COMMENTS),
                )
            )
    Score.objects.bulk_create(scores)
    result = selectors.round_result(award_round)
    winner = result.rows[0].nominee
    award_round.winner = winner
    award_round.citation = CITATION.format(name=winner.name, year=year)
    award_round.decided_at = datetime.datetime(year, 9, 15, 10, tzinfo=OSLO)
    award_round.published_at = datetime.datetime(year, 9, 20, 12, tzinfo=OSLO)
    award_round.save()
    created["award rounds"] += 1
    created["nominations"] += len(nominations)
    created["jury scores"] += len(scores)


def _this_year(
    planned: list[PlannedOrganisation],
    active: list[tuple[str, Organisation]],
    contacts: Mapping[str, User],
    today: datetime.date,
    rng: random.Random,
    created: dict[str, int],
) -> None:
    award_round = AwardRound.objects.create(
        year=today.year,
        title=default_title(today.year),
        criteria=CRITERIA_TEXT,
        nomination_opens=today - datetime.timedelta(days=14),
        nomination_closes=today + datetime.timedelta(days=30),
        scoring_closes=today + datetime.timedelta(days=60),
    )
    # The well-known first contact is on the jury (and free to nominate); two others too.
    people = [contacts[p.org_number] for p in planned[:1] if p.org_number in contacts]
    _jurors(award_round, [*people, contacts[active[4][0]], contacts[active[6][0]]])
    nominations = _nominate(
        award_round, [active[i] for i in (0, 5)], [active[i] for i in (2, 7)], contacts, rng
    )
    created["award rounds"] += 1
    created["nominations"] += len(nominations)
