"""The demo network's meeting places (issue 5): a dozen events around today, past and ahead,
of every type, with programmes, material, registrations, a waiting list, check-ins and feedback.

Dates are counted from the day the demo is built, so there is always something ahead and
something behind. Registrations come from the demo partners' contacts and from invented people
(names drawn from ``data``, addresses under example.no), each event from its own seeded source.
Keyed on the event's slug: an event that exists (perhaps tried out in the demo) is left as it
is, registrations and all, so a second run creates nothing. Past events are recorded as asked
for feedback, so ``send_event_feedback_requests`` sends nothing to the demo's addresses.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from klimanett.core.models import AuditEntry
from klimanett.demo import data
from klimanett.demo.plan import DEMO_DOMAIN, SEED, Person, PlannedOrganisation, ascii_name
from klimanett.events.feedback import REQUESTS_SENT
from klimanett.events.models import (
    Event,
    Feedback,
    Material,
    ProgrammeItem,
    Registration,
    Theme,
)
from klimanett.partners.models import Organisation

OSLO = ZoneInfo("Europe/Oslo")
T = Event.Type

THEMES = {
    "energi": "Energi",
    "transport": "Transport",
    "innkjop": "Innkjøp",
    "sirkularokonomi": "Sirkulærøkonomi",
    "klimaregnskap": "Klimaregnskap",
    "klimatilpasning": "Klimatilpasning",
}


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    title: str
    type: str
    themes: tuple[str, ...]
    days: int  # from the day the demo is built
    time: tuple[int, int, int]  # start hour, start minute, length in minutes
    summary: str
    venue: tuple[str, str] = ("", "")  # name, address
    online_url: str = ""
    capacity: int | None = None
    registrations: int = 0  # how many register (beyond the capacity: the waiting list)
    audience: str = Event.Audience.EVERYONE
    status: str = Event.Status.PUBLISHED
    opens_days_before: int = 45
    partner_days: int = 0  # days of the priority window for partners, from opening
    programme: tuple[tuple[str, str, str], ...] = ()  # ("09:00", title, speakers)
    materials: tuple[tuple[str, str, str], ...] = ()  # (title, kind, url)


_SLIDES, _RECORDING = Material.Kind.SLIDES, Material.Kind.RECORDING
_MATERIAL = f"https://www.klimanett.{DEMO_DOMAIN}/materiell"
_PORSGRUNN = ("Porsgrunn rådhus, bystyresalen", "Storgata 153, 3915 Porsgrunn")
_SKIEN = ("Ibsenhuset, lille sal", "Hesselbergs gate 1, 3724 Skien")
_TONSBERG = ("Tønsberg bibliotek, møterom Slottsfjell", "Storgaten 16, 3126 Tønsberg")
_SANDEFJORD = ("Hvalfangstmuseet, auditoriet", "Museumsgata 39, 3210 Sandefjord")

# fmt: off
EVENTS: tuple[DemoEvent, ...] = (
    DemoEvent(
        "nettverksmote-energi-i-naeringsbygg", "Nettverksmøte: Energieffektivisering i næringsbygg",
        T.NETWORK_MEETING, ("energi",), -150, (9, 0, 180),
        "Tre partnere viser hvordan de har kuttet energibruken i egne bygg.",
        _SKIEN, capacity=60, registrations=41,
        programme=(("09:00", "Velkommen og runde rundt bordet", "Sekretariatet"),
                   ("09:20", "Varmepumpe og solceller på kontorbygget", "Elvetangen Energiteknikk"),
                   ("10:15", "Energioppfølging som virker", "Ingrid Aasen, energirådgiver"),
                   ("11:30", "Erfaringsdeling i grupper", "")),
        materials=(("Presentasjoner fra møtet", _SLIDES, f"{_MATERIAL}/energi-naeringsbygg.pdf"),)),
    DemoEvent(
        "toppledermote-klimaregnskap-som-styringsverktoy",
        "Toppledermøte: Klimaregnskap som styringsverktøy", T.TOP_MANAGERS, ("klimaregnskap",),
        -110, (14, 0, 150),
        "Hvordan bruker ledelsen klimaregnskapet i budsjett og strategi?",
        _TONSBERG, capacity=30, registrations=19, audience=Event.Audience.TOP_MANAGERS,
        materials=(("Oppsummering", _SLIDES, f"{_MATERIAL}/toppledermote-var.pdf"),)),
    DemoEvent(
        "kurs-klimaregnskap-for-nybegynnere", "Kurs: Klimaregnskap for nybegynnere",
        T.COURSE, ("klimaregnskap",), -75, (9, 0, 360),
        "Fra faktura og kjørebok til ferdig klimaregnskap på en dag.",
        _PORSGRUNN, capacity=25, registrations=24, audience=Event.Audience.PARTNERS,
        programme=(("09:00", "Scope 1, 2 og 3 forklart", "Sekretariatet"),
                   ("10:30", "Vi fører regnskapet for et eksempelfirma", ""),
                   ("13:00", "Egne tall: hjelp ved bordet", "")),
        materials=(("Kursmateriell", _SLIDES, f"{_MATERIAL}/kurs-klimaregnskap.pdf"),
                   ("Regneark til øvelsen", Material.Kind.OTHER, f"{_MATERIAL}/ovelse.xlsx"))),
    DemoEvent(
        "webinar-gronne-innkjop-i-praksis", "Webinar: Grønne innkjøp i praksis",
        T.WEBINAR, ("innkjop",), -45, (12, 0, 60),
        "Klimakrav i anbud – hva er lov, og hva virker?",
        online_url="https://video.klimanett.example.no/gronne-innkjop", registrations=52,
        opens_days_before=30,
        materials=(("Opptak av webinaret", _RECORDING, f"{_MATERIAL}/webinar-innkjop"),
                   ("Lysark", _SLIDES, f"{_MATERIAL}/webinar-innkjop.pdf"))),
    DemoEvent(
        "studietur-biogass-og-fossilfri-transport", "Studietur: Biogass og fossilfri transport",
        T.STUDY_TRIP, ("transport", "energi"), -30, (8, 0, 540),
        "Vi besøker et biogassanlegg og et busselskap som har kuttet diesel.",
        ("Oppmøte ved Skien skysstasjon", "Jernbanebrygga 2, 3717 Skien"),
        capacity=30, registrations=30,
        materials=(("Notater fra turen", Material.Kind.OTHER, f"{_MATERIAL}/studietur"),)),
    DemoEvent(
        "verksted-sirkulaer-ombygging", "Verksted: Sirkulær ombygging og ombruk",
        T.WORKSHOP, ("sirkularokonomi",), -12, (12, 30, 210),
        "Hvordan planlegger vi ombruk av materialer i neste ombygging?",
        _SANDEFJORD, capacity=35, registrations=28,
        materials=(("Sjekkliste for ombruk", _SLIDES, f"{_MATERIAL}/sjekkliste-ombruk.pdf"),)),
    DemoEvent(
        "webinar-klimatilpasning-for-naeringslivet", "Webinar: Klimatilpasning for næringslivet",
        T.WEBINAR, ("klimatilpasning",), 9, (13, 0, 75),
        "Overvann, flom og hete: slik kartlegger dere risikoen for egen virksomhet.",
        online_url="https://video.klimanett.example.no/klimatilpasning", registrations=34,
        opens_days_before=30),
    DemoEvent(
        "nettverksmote-klimatilpasning-i-kommunene", "Nettverksmøte: Klimatilpasning i kommunene",
        T.NETWORK_MEETING, ("klimatilpasning",), 18, (9, 0, 180),
        "Avlyst: møtet slås sammen med høstkonferansen.",
        _PORSGRUNN, capacity=50, registrations=14, status=Event.Status.CANCELLED),
    DemoEvent(
        "kurs-klimabudsjett-og-tiltaksplan", "Kurs: Fra klimaregnskap til tiltaksplan",
        T.COURSE, ("klimaregnskap", "energi"), 25, (9, 0, 300),
        "Sett mål, velg tiltak og lag en tiltaksplan dere faktisk følger opp.",
        _SKIEN, capacity=20, registrations=26, audience=Event.Audience.PARTNERS,
        programme=(("09:00", "Mål i tråd med 1,5 grader", "Sekretariatet"),
                   ("10:30", "Tiltak, kostnader og effekt", "Tor Lunde, rådgiver"),
                   ("12:30", "Vi lager tiltaksplanen", ""))),
    DemoEvent(
        "nettverksmote-transport-og-lading", "Nettverksmøte: Transport og ladeinfrastruktur",
        T.NETWORK_MEETING, ("transport",), 40, (9, 0, 180),
        "Elektriske varebiler, lading på arbeidsplassen og felles innkjøp av ladepunkter.",
        _TONSBERG, capacity=50, registrations=17),
    DemoEvent(
        "klimakonferansen-vestfold-og-telemark", "Klimakonferansen Vestfold og Telemark",
        T.CONFERENCE, tuple(THEMES), 60, (9, 0, 420),
        "Nettverkets årlige konferanse: resultater, gode eksempler og veien videre.",
        ("Quality Hotel Skjærgården, konferansesalen", "Hestehagen 5, 3255 Larvik"),
        capacity=200, registrations=64, opens_days_before=90, partner_days=21,
        programme=(("09:00", "Åpning: nettverkets klimaregnskap", "Sekretariatet"),
                   ("09:45", "Hvor står regionen på veien mot 2030?", "Liv Berge, klimarådgiver"),
                   ("11:00", "Parallelle sesjoner: energi, transport og innkjøp", ""),
                   ("13:30", "Partnerne forteller", "Tre partnere"),
                   ("15:00", "Utdeling av klimaprisen", ""))),
    DemoEvent(
        "verksted-sirkulaere-innkjop", "Verksted: Sirkulære innkjøp",
        T.WORKSHOP, ("innkjop", "sirkularokonomi"), 95, (12, 0, 180),
        "Leie, ombruk og reparasjon i stedet for nytt: vi skriver krav sammen.",
        _SANDEFJORD, capacity=30, registrations=0, opens_days_before=40),
    DemoEvent(
        "toppledermote-host", "Toppledermøte: Klimamål og investeringer",
        T.TOP_MANAGERS, ("energi", "klimaregnskap"), 120, (14, 0, 150),
        "Klimamål i investeringsbeslutninger: erfaringer fra ledere i nettverket.",
        _SKIEN, capacity=30, registrations=0, audience=Event.Audience.TOP_MANAGERS,
        status=Event.Status.DRAFT),
)
# fmt: on

DIETS = ("Vegetar", "Glutenfri", "Laktosefri", "Vegansk", "Nøtteallergi", "Ikke svinekjøtt")
ACCESS = ("Rullestol: trenger trinnfri adkomst", "Teleslynge", "Tolk for hørselshemmede")
RATINGS = (5,) * 40 + (4,) * 36 + (3,) * 15 + (2,) * 6 + (1,) * 3
COMMENTS = {
    5: (
        "Svært nyttig, og god tid til erfaringsdeling.",
        "Konkrete eksempler vi kan bruke hjemme.",
        "Beste møtet i nettverket så langt!",
    ),
    4: (
        "Gode innlegg. Litt for lite tid til spørsmål.",
        "Nyttig, men lokalet var trangt.",
        "Fint å møte andre i samme situasjon.",
    ),
    3: ("Greit, men mye kjente ting for oss.", "Ønsker mer om scope 3 neste gang."),
    2: ("For mye enveiskommunikasjon.", "Lyden var dårlig for oss som satt bakerst."),
    1: ("Ikke relevant for vår bransje.",),
}


@dataclass(frozen=True)
class Attendee:
    person: Person
    organisation: Organisation | None
    organisation_name: str


def build_events(
    planned: list[PlannedOrganisation],
    organisations: Mapping[str, Organisation],
    *,
    today: datetime.date,
) -> dict[str, int]:
    """Create the missing demo events with their registrations; how many of each."""
    themes = _themes()
    existing = set(
        Event.objects.filter(slug__in=[e.slug for e in EVENTS]).values_list("slug", flat=True)
    )
    todo = [e for e in EVENTS if e.slug not in existing]
    created = {"events": 0, "event registrations": 0, "event feedback": 0}
    if not todo:
        return created
    partners, others = _attendees(planned, organisations)
    now = datetime.datetime.now(datetime.UTC)
    registrations: list[Registration] = []
    registered_at: list[datetime.datetime] = []
    past: list[tuple[Event, DemoEvent]] = []
    for spec in todo:
        event = _event(spec, today)
        event.save()
        event.themes.set([themes[slug] for slug in spec.themes])
        ProgrammeItem.objects.bulk_create(
            ProgrammeItem(
                event=event,
                starts_at=datetime.time.fromisoformat(at),
                title=title,
                speakers=speakers,
                order=order,
            )
            for order, (at, title, speakers) in enumerate(spec.programme)
        )
        Material.objects.bulk_create(
            Material(event=event, title=title, kind=kind, url=url)
            for title, kind, url in spec.materials
        )
        rng = random.Random(f"{SEED}-events-{spec.slug}")
        pool = partners if spec.audience != Event.Audience.EVERYONE else partners + others
        for registration, when in _registrations(event, spec, rng, pool, now):
            registrations.append(registration)
            registered_at.append(when)
        if event.ends_at < now and event.status == Event.Status.PUBLISHED:
            past.append((event, spec))
        created["events"] += 1
    Registration.objects.bulk_create(registrations)
    # ``registered_at`` is set on creation: give it the planned times, which fix the order.
    for registration, when in zip(registrations, registered_at, strict=True):
        registration.registered_at = when
    Registration.objects.bulk_update(registrations, ["registered_at"], batch_size=500)
    created["event registrations"] = len(registrations)
    created["event feedback"] = _feedback(past, registrations)
    _record_feedback_requests([event for event, _ in past])
    return created


def _themes() -> dict[str, Theme]:
    found = {t.slug: t for t in Theme.objects.filter(slug__in=THEMES)}
    by_name = {t.name: t for t in Theme.objects.filter(name__in=THEMES.values())}
    for slug, name in THEMES.items():
        if slug not in found:
            found[slug] = by_name.get(name) or Theme.objects.create(name=name, slug=slug)
    return found


def _attendees(
    planned: list[PlannedOrganisation], organisations: Mapping[str, Organisation]
) -> tuple[list[Attendee], list[Attendee]]:
    """The active partners' contacts, and invented people from elsewhere."""
    partners: list[Attendee] = []
    others: list[Attendee] = []
    for p in planned:
        organisation = organisations[p.org_number]
        if p.spec.membership in (data.PARTNER, data.COLLABORATOR, data.REJOINED):
            partners += [Attendee(c, organisation, organisation.name) for c in p.contacts]
    rng = random.Random(f"{SEED}-events-people")
    outside = [p for p in planned if p.spec.membership in (data.PROSPECT, data.ENDED)]
    taken = {a.person.name for a in partners} | data.WELL_KNOWN_NAMES
    while len(others) < 60:
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        if f"{first} {last}" in taken:
            continue
        taken.add(f"{first} {last}")
        local = f"{ascii_name(first)}.{ascii_name(last)}"
        if outside and rng.random() < 0.6:
            spec = rng.choice(outside).spec
            person = Person(first, last, f"{local}@{spec.domain}.{DEMO_DOMAIN}")
            others.append(Attendee(person, None, spec.name))
        else:
            person = Person(first, last, f"{local}@epost.{DEMO_DOMAIN}")
            others.append(Attendee(person, None, ""))
    return partners, others


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=OSLO)


def _event(spec: DemoEvent, today: datetime.date) -> Event:
    hour, minute, minutes = spec.time
    starts_at = _at(today + datetime.timedelta(days=spec.days), hour, minute)
    opens = starts_at - datetime.timedelta(days=spec.opens_days_before)
    return Event(
        title=spec.title,
        slug=spec.slug,
        type=spec.type,
        summary=spec.summary,
        description=f"{spec.summary}\n\nArrangementet er gratis for nettverkets partnere.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        venue_name=spec.venue[0],
        address=spec.venue[1],
        online_url=spec.online_url,
        capacity=spec.capacity,
        registration_opens_at=opens,
        registration_closes_at=starts_at - datetime.timedelta(days=1),
        partners_only_until=opens + datetime.timedelta(days=spec.partner_days)
        if spec.partner_days
        else None,
        audience=spec.audience,
        status=spec.status,
    )


def _registrations(
    event: Event,
    spec: DemoEvent,
    rng: random.Random,
    pool: list[Attendee],
    now: datetime.datetime,
) -> list[tuple[Registration, datetime.datetime]]:
    """The planned registrations in the order they came: places first come, first served, the
    rest on the waiting list; a few cancelled; all cancelled when the event is."""
    count = min(spec.registrations, len(pool))
    if not count or event.registration_opens_at is None:
        return []
    attendees = rng.sample(pool, count)
    opens = event.registration_opens_at
    until = min(event.registration_closes_at or event.starts_at, now)
    span = max((until - opens).total_seconds(), 3600)
    times = sorted(opens + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in attendees)
    is_over = event.ends_at < now
    confirmed = 0
    planned = []
    for attendee, when in zip(attendees, times, strict=True):
        cancelled = event.status == Event.Status.CANCELLED or rng.random() < 0.04
        if cancelled:
            status = Registration.Status.CANCELLED
        elif event.capacity is None or confirmed < event.capacity:
            status = Registration.Status.CONFIRMED
            confirmed += 1
        else:
            status = Registration.Status.WAITING
        checked_in = (
            is_over
            and status == Registration.Status.CONFIRMED
            and event.type != Event.Type.WEBINAR
            and rng.random() < 0.88
        )
        registration = Registration(
            event=event,
            name=attendee.person.name,
            email=attendee.person.email.lower(),
            organisation=attendee.organisation,
            organisation_name=attendee.organisation_name,
            dietary_needs=rng.choice(DIETS) if rng.random() < 0.15 else "",
            accessibility_needs=rng.choice(ACCESS) if rng.random() < 0.04 else "",
            consent=True,
            status=status,
            cancelled_at=min(when + datetime.timedelta(days=rng.randint(1, 10)), now)
            if cancelled
            else None,
            checked_in_at=event.starts_at - datetime.timedelta(minutes=rng.randint(0, 25))
            if checked_in
            else None,
        )
        planned.append((registration, when))
    return planned


def _feedback(past: list[tuple[Event, DemoEvent]], registrations: list[Registration]) -> int:
    """About half the participants of past events answer, most of them pleased."""
    ids = {event.pk for event, _ in past}
    by_event: dict[int, list[Registration]] = {}
    for registration in registrations:
        if registration.event_id in ids and registration.status == Registration.Status.CONFIRMED:
            by_event.setdefault(registration.event_id, []).append(registration)
    answers = []
    for event, spec in past:
        confirmed = by_event.get(event.pk, [])
        present = [r for r in confirmed if r.checked_in_at] or confirmed
        rng = random.Random(f"{SEED}-feedback-{spec.slug}")
        for registration in present:
            if rng.random() >= 0.55:
                continue
            rating = rng.choice(RATINGS)
            comment = rng.choice(COMMENTS[rating]) if rng.random() < 0.4 else ""
            answers.append(Feedback(registration=registration, rating=rating, comment=comment))
    Feedback.objects.bulk_create(answers)
    return len(answers)


def _record_feedback_requests(events: list[Event]) -> None:
    content_type = ContentType.objects.get_for_model(Event)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            action=REQUESTS_SENT,
            content_type=content_type,
            object_id=str(event.pk),
            object_repr=str(event)[:250],
            data={
                "count": event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
                "demo": True,
            },
        )
        for event in events
    )
