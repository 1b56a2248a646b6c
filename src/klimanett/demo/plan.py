"""Plan the demo network from the fixed data, without touching the database.

The plan depends only on ``data`` and the current year, so the same year always gives the same
names, numbers, dates and statuses. Organisation numbers are drawn in list order from one seeded
source, and each organisation draws its people, dates and statuses from its own, so a new
organisation added at the end of ``data.ORGANISATIONS`` changes nothing for the others.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from collections.abc import Set
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from klimanett.accounting.models import ClimateAccount
from klimanett.demo import data
from klimanett.partners.models import Certification, CommitmentStatus, Membership
from klimanett.partners.validators import org_number_check_digit

SEED = 2026
DEMO_DOMAIN = "example.no"

# How hard each commitment is to get done, as a head start to overcome (see ``_statuses``).
_DIFFICULTY = {
    "top_management": 0.0,
    "climate_account": 0.15,
    "climate_budget": 0.3,
    "green_procurement": 0.25,
    "energy_circular": 0.2,
    "long_term_project": 0.35,
}
_ANNUAL = {"climate_account"}  # done again every year; the others stay done once done
_ORDER = (
    CommitmentStatus.Status.NOT_STARTED,
    CommitmentStatus.Status.IN_PROGRESS,
    CommitmentStatus.Status.DONE,
)
_SCHEME_NAMES = {data.MF: "Miljøfyrtårn", data.ISO: "ISO 14001", data.EMAS: "EMAS"}
# Agreement years, weighted: the founding members joined in 2019.
_AGREEMENT_YEARS = (2019,) * 4 + (2020, 2021, 2022, 2023, 2024, 2025) * 2 + (2026,)


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    email: str
    title: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class PlannedMembership:
    type: str
    status: str
    agreement_date: datetime.date | None
    ended_on: datetime.date | None
    signatory: Person | None
    fee_category: str
    fee_paid_through: int | None


@dataclass(frozen=True)
class PlannedCertification:
    scheme: str
    other_scheme: str
    status: str
    valid_until: datetime.date | None
    planned_by: datetime.date | None

    @property
    def name(self) -> str:
        return self.other_scheme or _SCHEME_NAMES[self.scheme]


@dataclass(frozen=True)
class PlannedStatus:
    code: str
    year: int
    status: str
    evidence: str


@dataclass(frozen=True)
class PlannedLine:
    activity: str
    quantity: Decimal
    unit: str
    note: str = ""


@dataclass(frozen=True)
class PlannedAccount:
    year: int
    status: str
    lines: tuple[PlannedLine, ...]
    employees: int
    revenue_nok: Decimal | None
    heated_area_m2: Decimal | None
    publish: bool
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    anomaly: str = ""  # one of ``data.ANOMALIES``' values, planted in this account


@dataclass
class PlannedOrganisation:
    spec: data.DemoOrganisation
    org_number: str
    contacts: list[Person]  # the first is the main contact
    memberships: list[PlannedMembership]
    certifications: list[PlannedCertification]
    statuses: list[PlannedStatus] = field(default_factory=list)
    accounts: list[PlannedAccount] = field(default_factory=list)

    @property
    def website(self) -> str:
        return f"https://www.{self.spec.domain}.{DEMO_DOMAIN}/"


@dataclass(frozen=True)
class Login:
    email: str
    role: str


SECRETARIAT_USER = Person("Sigrid", "Holtedal", f"sekretariat@klimanett.{DEMO_DOMAIN}", "Rådgiver")
EDITOR_USER = Person(
    "Eirik", "Redal", f"redaktor@klimanett.{DEMO_DOMAIN}", "Kommunikasjonsrådgiver"
)


def ascii_name(text: str) -> str:
    """A name as it would be written in an e-mail address: æøå spelt out, accents dropped."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def org_numbers(count: int) -> list[str]:
    """``count`` distinct nine-digit numbers starting with 9, each with a valid check digit."""
    rng = random.Random(SEED)
    numbers: list[str] = []
    while len(numbers) < count:
        body = f"9{rng.randrange(10**7):07d}"
        check = org_number_check_digit(body)
        if check is not None and body + check not in numbers:
            numbers.append(body + check)
    return numbers


def plan(*, commitment_codes: list[str], this_year: int) -> list[PlannedOrganisation]:
    """Every demo organisation with its people, memberships, certifications and statuses."""
    planned = []
    for index, (spec, number) in enumerate(
        zip(data.ORGANISATIONS, org_numbers(len(data.ORGANISATIONS)), strict=True)
    ):
        rng = random.Random(f"{SEED}-{spec.domain}")
        signatory, contacts = _people(spec, rng, well_known=index < 2)
        if index == 0:
            contacts.append(
                _person(spec, rng, title="Controller", avoid={c.name for c in contacts})
            )
        organisation = PlannedOrganisation(
            spec=spec,
            org_number=number,
            contacts=contacts,
            memberships=_memberships(spec, rng, signatory, this_year),
            certifications=_certifications(spec, rng, this_year),
        )
        organisation.statuses = _statuses(organisation, rng, commitment_codes, this_year)
        # Accounts draw from their own source, so they change nothing planned above.
        organisation.accounts = _accounts(
            organisation, random.Random(f"{SEED}-accounts-{spec.domain}"), this_year
        )
        planned.append(organisation)
    return planned


def well_known_logins(planned: list[PlannedOrganisation]) -> list[Login]:
    logins = [
        Login(SECRETARIAT_USER.email, "secretariat (two-factor login: set up TOTP on first login)"),
        Login(EDITOR_USER.email, "editor (public pages)"),
    ]
    for organisation in planned[:2]:
        logins.append(
            Login(organisation.contacts[0].email, f"contact for {organisation.spec.name}")
        )
    return logins


def _person(
    spec: data.DemoOrganisation, rng: random.Random, *, title: str, avoid: Set[str] = frozenset()
) -> Person:
    while True:
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        if f"{first} {last}" not in avoid | data.WELL_KNOWN_NAMES:
            break
    email = f"{ascii_name(first)}.{ascii_name(last)}@{spec.domain}.{DEMO_DOMAIN}"
    return Person(first, last, email, title)


def _people(
    spec: data.DemoOrganisation, rng: random.Random, *, well_known: bool
) -> tuple[Person, list[Person]]:
    """The signatory from top management and the main contact (the same person in small ones)."""
    signatory = _person(spec, rng, title=rng.choice(data.SIGNATORY_TITLES[spec.kind]))
    if spec.employees < 10:
        contact = signatory
    else:
        contact = _person(spec, rng, title=rng.choice(data.CONTACT_TITLES), avoid={signatory.name})
    if well_known:
        contact = Person(
            contact.first_name,
            contact.last_name,
            f"kontakt@{spec.domain}.{DEMO_DOMAIN}",
            contact.title,
        )
    return signatory, [contact]


def _date_in(rng: random.Random, year: int, *, last_month: int = 12) -> datetime.date:
    return datetime.date(year, rng.randint(1, last_month), rng.randint(1, 28))


def _memberships(
    spec: data.DemoOrganisation, rng: random.Random, signatory: Person, this_year: int
) -> list[PlannedMembership]:
    """Prospects have signed nothing; the others signed 2019–2026, and some have left."""
    fee_category = Membership.fee_category_for(spec.employees)
    kind = (
        Membership.Type.COLLABORATOR
        if spec.membership == data.COLLABORATOR
        else Membership.Type.PARTNER
    )
    if spec.membership == data.PROSPECT:
        return [
            PlannedMembership(
                kind, Membership.Status.PROSPECT, None, None, None, fee_category, None
            )
        ]
    memberships = []
    if spec.membership in (data.ENDED, data.REJOINED):
        signed = _date_in(rng, rng.choice((2019, 2020, 2021)))
        ended_year = 2022 if spec.membership == data.REJOINED else signed.year + rng.randint(2, 4)
        ended = max(_date_in(rng, ended_year), signed + datetime.timedelta(days=400))
        memberships.append(
            PlannedMembership(
                kind, Membership.Status.ENDED, signed, ended, signatory, fee_category, ended.year
            )
        )
        if spec.membership == data.ENDED:
            return memberships
        signed = _date_in(rng, ended.year + 2, last_month=6)
    else:
        year = rng.choice(_AGREEMENT_YEARS)
        signed = _date_in(rng, year, last_month=6 if year >= 2026 else 12)
    paid = this_year if rng.random() < 0.8 else this_year - 1
    memberships.append(
        PlannedMembership(
            kind, Membership.Status.ACTIVE, signed, None, signatory, fee_category, paid
        )
    )
    return memberships


def _certifications(
    spec: data.DemoOrganisation, rng: random.Random, this_year: int
) -> list[PlannedCertification]:
    """Certificates and plans, with dates around the current year so some stay expired."""
    planned = []
    for scheme, state, *other in spec.certifications:
        other_scheme = other[0] if other else ""
        if state == data.PLANNED:
            planned.append(
                PlannedCertification(
                    scheme,
                    other_scheme,
                    Certification.Status.PLANNED,
                    None,
                    _date_in(rng, this_year + 1, last_month=12),
                )
            )
        else:
            year = this_year - 1 if state == data.EXPIRED else this_year + rng.randint(1, 3)
            planned.append(
                PlannedCertification(
                    scheme, other_scheme, Certification.Status.CERTIFIED, _date_in(rng, year), None
                )
            )
    return planned


def _statuses(
    organisation: PlannedOrganisation,
    rng: random.Random,
    commitment_codes: list[str],
    this_year: int,
) -> list[PlannedStatus]:
    """The last three years' statuses for an active partner: more gets done each year."""
    active = [
        m
        for m in organisation.memberships
        if m.status == Membership.Status.ACTIVE and m.type == Membership.Type.PARTNER
    ]
    if not active or active[0].agreement_date is None:
        return []
    joined = active[0].agreement_date.year
    zeal = rng.uniform(-0.1, 0.5)
    statuses = []
    for code in commitment_codes:
        best = 0
        for year in range(max(joined, this_year - 2), this_year + 1):
            if code == "certification":
                statuses.append(_certification_status(organisation, year))
                continue
            years_in = min(year - joined, 3)
            score = zeal + 0.2 * years_in - _DIFFICULTY.get(code, 0.2) + rng.uniform(-0.15, 0.15)
            if year == this_year:
                score -= 0.15  # the year is not over
            level = 2 if score >= 0.45 else 1 if score >= 0.1 else 0
            if code not in _ANNUAL:
                level = best = max(best, level)
            status = _ORDER[level]
            if (
                code == "green_procurement"
                and level == 0
                and organisation.spec.employees < 10
                and rng.random() < 0.5
            ):
                statuses.append(
                    PlannedStatus(
                        code,
                        year,
                        CommitmentStatus.Status.NOT_RELEVANT,
                        data.NOT_RELEVANT_PROCUREMENT,
                    )
                )
                continue
            texts = {2: data.EVIDENCE_DONE, 1: data.EVIDENCE_IN_PROGRESS}.get(level, {})
            evidence = rng.choice(texts[code]) if code in texts else ""
            statuses.append(
                PlannedStatus(code, year, status, evidence.format(year=year, previous=year - 1))
            )
    return statuses


def _certification_status(organisation: PlannedOrganisation, year: int) -> PlannedStatus:
    """The certification commitment follows the organisation's certificates and plans."""
    certified = [
        c for c in organisation.certifications if c.status == Certification.Status.CERTIFIED
    ]
    valid = [c for c in certified if c.valid_until and c.valid_until.year > year]
    if valid:
        c = valid[0]
        text = f"Sertifisert etter {c.name}; sertifikatet gjelder til {c.valid_until:%d.%m.%Y}."
        return PlannedStatus("certification", year, CommitmentStatus.Status.DONE, text)
    if certified:
        c = certified[0]
        text = f"Sertifikatet for {c.name} gikk ut {c.valid_until:%d.%m.%Y}; fornyelse er bestilt."
        return PlannedStatus("certification", year, CommitmentStatus.Status.IN_PROGRESS, text)
    plans = [c for c in organisation.certifications if c.status == Certification.Status.PLANNED]
    if plans:
        c = plans[0]
        text = f"Plan for sertifisering etter {c.name} innen {c.planned_by:%d.%m.%Y}."
        return PlannedStatus("certification", year, CommitmentStatus.Status.IN_PROGRESS, text)
    return PlannedStatus("certification", year, CommitmentStatus.Status.NOT_STARTED, "")


# Climate accounts -------------------------------------------------------------------------------

FIRST_ACCOUNT_YEAR = 2019
_OSLO = ZoneInfo("Europe/Oslo")
# Business travel in the pandemic years, against a normal year.
_TRAVEL_DIP = {2020: 0.55, 2021: 0.7, 2022: 0.95}


def account_profile(spec: data.DemoOrganisation) -> str:
    """Which of ``data.ACCOUNT_PROFILES`` a partner's account looks like."""
    if spec.kind == "farm" or spec.sector == "A":
        return "farm"
    if spec.kind == "municipality":
        return {"L": "municipal", "E": "utility"}.get(spec.sector, "office")
    return {
        "E": "utility",
        "H": "transport",
        "F": "construction",
        "I": "hospitality",
        "B": "industry",
        "C": "industry",
        "D": "industry",
    }.get(spec.sector, "office")


def _accounts(
    organisation: PlannedOrganisation, rng: random.Random, this_year: int
) -> list[PlannedAccount]:
    """An account a year for an active partner, from the year it joined (2019 at the earliest)
    to last year: approved up to the year before last, last year approved, submitted, in draft
    or not started. Quantities fall by the partner's yearly cut (2–8 %) while electricity
    rises; one of ``data.ANOMALIES`` may be planted in last year's account."""
    active = [
        m
        for m in organisation.memberships
        if m.status == Membership.Status.ACTIVE and m.type == Membership.Type.PARTNER
    ]
    if not active or active[0].agreement_date is None:
        return []
    spec = organisation.spec
    last = this_year - 1
    years = range(max(FIRST_ACCOUNT_YEAR, active[0].agreement_date.year), last + 1)
    profile = account_profile(spec)
    anomaly = data.ANOMALIES.get(spec.domain, "")
    specs = [
        s for s in data.ACCOUNT_PROFILES[profile] if not s.optional or anomaly or rng.random() < 0.5
    ]
    notes = {
        s.activity: rng.choice(s.notes) if s.notes and rng.random() < 0.6 else "" for s in specs
    }
    cut = rng.uniform(0.02, 0.08)
    rates = {
        data.FOSSIL: 1 - cut,
        data.ELECTRIC: 1 + 0.8 * cut,
        data.STEADY: 1 - cut / 2,
        data.PHASE_OUT: 1 - min(0.3, 3 * cut),
        data.TRAVEL: 1 - cut / 2,
    }
    size = spec.employees * rng.uniform(0.8, 1.2)
    revenue = _revenue(spec, rng)
    area = _heated_area(spec, profile, rng)

    accounts = []
    for year in years:
        status: str = ClimateAccount.Status.APPROVED
        draw = rng.random()
        if year == last:
            status = data.LAST_YEAR_STATUS.get(spec.domain, "")
            if anomaly:
                status = ClimateAccount.Status.SUBMITTED
            elif not status:
                if draw >= 0.82:
                    continue  # late: nothing started for last year
                status = (
                    ClimateAccount.Status.APPROVED
                    if draw < 0.3
                    else ClimateAccount.Status.SUBMITTED
                    if draw < 0.6
                    else ClimateAccount.Status.DRAFT
                )
        n = year - FIRST_ACCOUNT_YEAR
        lines = []
        for s in specs:
            value = size * s.per_employee * rates[s.trend] ** n * rng.uniform(0.97, 1.03)
            if s.trend == data.TRAVEL:
                value *= _TRAVEL_DIP.get(year, 1.0)
            lines.append(
                PlannedLine(s.activity, _quantity(value, s.unit), s.unit, notes[s.activity])
            )
        planted = anomaly if year == last else ""
        if planted:
            lines = _plant(planted, lines)
        submitted_at = approved_at = None
        if status != ClimateAccount.Status.DRAFT:
            submitted_at = datetime.datetime(
                year + 1,
                rng.randint(2, 4)
                if status == ClimateAccount.Status.APPROVED
                else rng.randint(3, 6),
                rng.randint(1, 28),
                rng.randint(8, 15),
                rng.randint(0, 59),
                tzinfo=_OSLO,
            )
        if status == ClimateAccount.Status.APPROVED and submitted_at:
            approved_at = submitted_at + datetime.timedelta(
                days=rng.randint(4, 40), hours=rng.randint(0, 3)
            )
        accounts.append(
            PlannedAccount(
                year=year,
                status=status,
                lines=tuple(lines),
                employees=spec.employees,
                revenue_nok=None
                if revenue is None
                else Decimal(round(revenue * 1.04 ** (year - last) * rng.uniform(0.97, 1.03), -3)),
                heated_area_m2=area,
                publish=spec.public and rng.random() < 0.85,
                submitted_at=submitted_at,
                approved_at=approved_at,
                anomaly=planted,
            )
        )
    return accounts


def _revenue(spec: data.DemoOrganisation, rng: random.Random) -> float | None:
    per_employee = data.REVENUE_PER_EMPLOYEE.get(spec.sector)
    blank = rng.random() < (0.5 if spec.kind == "municipality" else 0.1)
    if per_employee is None or blank:
        return None
    return per_employee * spec.employees * rng.uniform(0.7, 1.3)


def _heated_area(spec: data.DemoOrganisation, profile: str, rng: random.Random) -> Decimal | None:
    if rng.random() < (0.5 if profile == "farm" else 0.15):
        return None
    area = data.HEATED_AREA_PER_EMPLOYEE[profile] * spec.employees * rng.uniform(0.8, 1.2)
    return Decimal(round(area, -1 if area > 100 else 0))


def _quantity(value: float, unit: str) -> Decimal:
    """A quantity as a partner would enter it: whole litres and kWh, tonnes to the kilo."""
    if unit == "t":
        return Decimal(str(round(max(value, 0.001), 3 if value < 1 else 2)))
    if unit == "MWh":
        return Decimal(str(round(value, 1)))
    return Decimal(round(value, -1 if value >= 10_000 else 0))


def _plant(anomaly: str, lines: list[PlannedLine]) -> list[PlannedLine]:
    """Last year's lines with the anomaly the submission checks should catch."""
    if anomaly == data.NO_ELECTRICITY:
        return [line for line in lines if line.activity != "electricity"]
    planted = []
    for line in lines:
        if anomaly == data.MWH_MIXUP and line.activity == "electricity":
            # The kWh figure from the invoice, typed into the MWh field.
            line = PlannedLine(line.activity, line.quantity * 1000, line.unit, line.note)
        elif anomaly == data.JUMP and line.activity == "diesel":
            line = PlannedLine(
                line.activity,
                Decimal(round(line.quantity * Decimal("1.45"))),
                line.unit,
                "Fra drivstoffkort; ny distribusjonsavtale fra mars",
            )
        elif anomaly == data.GUARANTEES and line.activity == "electricity":
            line = PlannedLine("electricity_with_guarantees", line.quantity, line.unit, line.note)
        planted.append(line)
    return planted
