"""Write the demo network to the database: idempotent, in one transaction, in bulk.

Rows are keyed on the organisation number, the e-mail address, (organisation, commitment, year),
(organisation, scheme) and, for climate accounts, (organisation, year); a second run creates
only what is missing and changes nothing that exists, so a demo that has been tried out keeps its
edits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from klimanett.accounting.models import AccountLine, BaseYear, ClimateAccount
from klimanett.accounting.services import choose_base_year
from klimanett.core import audit, roles
from klimanett.core.models import User
from klimanett.demo import data
from klimanett.demo.awards_build import build_awards
from klimanett.demo.climate_build import build_climate_plans
from klimanett.demo.climate_plan import leave_self_assessments_unfinished, plan_climate
from klimanett.demo.events_build import build_events
from klimanett.demo.library_build import build_library
from klimanett.demo.plan import (
    EDITOR_USER,
    SECRETARIAT_USER,
    Login,
    Person,
    PlannedOrganisation,
    plan,
    well_known_logins,
)
from klimanett.demo.region_build import build_region_emissions
from klimanett.demo.site_build import build_site_content
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import (
    Certification,
    Commitment,
    CommitmentStatus,
    Contact,
    Membership,
    Organisation,
    unique_slug,
)
from klimanett.site.models import StandardPage
from klimanett.site.pages import ensure_site_pages

# One password for every demo user; it is shown by the command and must never reach production.
DEMO_PASSWORD = "klimanett-demo-2026"  # noqa: S105


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[Login] = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())


@transaction.atomic
def build_demo(*, today: datetime.date | None = None) -> DemoResult:
    """Build the demo network; running it again creates only what is missing."""
    today = today or timezone.localdate()
    this_year = today.year
    commitments = {c.code: c for c in Commitment.objects.filter(is_active=True)}
    planned = plan(commitment_codes=list(commitments), this_year=this_year)
    leave_self_assessments_unfinished(planned, this_year=this_year)
    climate_plans = plan_climate(planned, this_year=this_year)
    result = DemoResult(logins=well_known_logins(planned))

    roles.ensure_role_groups()
    organisations = _organisations(planned, result)
    _memberships(planned, organisations, result)
    users = _users(planned, result)
    _contacts(planned, organisations, users, result)
    _certifications(planned, organisations, result)
    _commitment_statuses(planned, organisations, users, commitments, result)
    _climate_accounts(planned, organisations, users, result)
    _base_years(planned, organisations, users, result)
    result.created.update(build_climate_plans(planned, climate_plans, organisations, users))
    result.created.update(build_events(planned, organisations, today=today))
    result.created.update(build_library())
    result.created.update(build_region_emissions())
    result.created.update(build_awards(planned, organisations, users, today=today))
    _site_pages(result)
    result.created.update(build_site_content(planned, organisations, today=today))
    if result.created_anything:
        audit.record(None, "demo.seeded", by=None, data={"created": result.created})
    return result


def _organisations(
    planned: list[PlannedOrganisation], result: DemoResult
) -> dict[str, Organisation]:
    numbers = [p.org_number for p in planned]
    existing = set(
        Organisation.objects.filter(org_number__in=numbers).values_list("org_number", flat=True)
    )
    municipalities = {m.number: m for m in Municipality.objects.all()}
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    new = []
    for p in planned:
        if p.org_number in existing:
            continue
        spec = p.spec
        new.append(
            Organisation(
                name=spec.name,
                org_number=p.org_number,
                slug=_unique_slug(spec.name, slugs),
                kind=spec.kind,
                sector=spec.sector,
                municipality=municipalities[spec.municipality],
                employees=spec.employees,
                website=p.website,
                description=spec.description,
                public_profile=spec.public,
            )
        )
    Organisation.objects.bulk_create(new)
    result.created["organisations"] = len(new)
    return {o.org_number: o for o in Organisation.objects.filter(org_number__in=numbers)}


def _unique_slug(name: str, taken: set[str]) -> str:
    """The slug ``Organisation.save`` would give, without a query per organisation."""
    slug = unique_slug(name, taken=taken.__contains__)
    taken.add(slug)
    return slug


def _memberships(
    planned: list[PlannedOrganisation], organisations: dict[str, Organisation], result: DemoResult
) -> None:
    """Memberships for the demo organisations that have none yet."""
    with_memberships = set(
        Membership.objects.filter(organisation__in=organisations.values()).values_list(
            "organisation_id", flat=True
        )
    )
    new = []
    for p in planned:
        organisation = organisations[p.org_number]
        if organisation.pk in with_memberships:
            continue
        for m in p.memberships:
            new.append(
                Membership(
                    organisation=organisation,
                    type=m.type,
                    status=m.status,
                    agreement_date=m.agreement_date,
                    ended_on=m.ended_on,
                    signatory_name=m.signatory.name if m.signatory else "",
                    signatory_title=m.signatory.title if m.signatory else "",
                    fee_category=m.fee_category,
                    fee_paid_through=m.fee_paid_through,
                )
            )
    Membership.objects.bulk_create(new)
    result.created["memberships"] = len(new)


def _users(planned: list[PlannedOrganisation], result: DemoResult) -> dict[str, User]:
    people: dict[str, Person] = {
        SECRETARIAT_USER.email: SECRETARIAT_USER,
        EDITOR_USER.email: EDITOR_USER,
    }
    for p in planned:
        for person in p.contacts:
            people.setdefault(person.email, person)
    existing = set(User.objects.filter(email__in=people).values_list("email", flat=True))
    missing = [person for email, person in people.items() if email not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)  # Argon2 is slow on purpose: hash once
        User.objects.bulk_create(
            User(
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                password=password,
            )
            for person in missing
        )
    result.created["users"] = len(missing)
    users = {u.email: u for u in User.objects.filter(email__in=people)}
    users[SECRETARIAT_USER.email].groups.add(Group.objects.get(name=roles.SECRETARIAT))
    users[EDITOR_USER.email].groups.add(Group.objects.get(name=roles.EDITORS))
    return users


def _contacts(
    planned: list[PlannedOrganisation],
    organisations: dict[str, Organisation],
    users: dict[str, User],
    result: DemoResult,
) -> None:
    before = Contact.objects.count()
    Contact.objects.bulk_create(
        [
            Contact(
                organisation=organisations[p.org_number],
                user=users[person.email],
                title=person.title,
                is_primary=index == 0,
            )
            for p in planned
            for index, person in enumerate(p.contacts)
        ],
        ignore_conflicts=True,
    )
    result.created["contacts"] = Contact.objects.count() - before


def _certifications(
    planned: list[PlannedOrganisation], organisations: dict[str, Organisation], result: DemoResult
) -> None:
    existing = set(
        Certification.objects.filter(organisation__in=organisations.values()).values_list(
            "organisation_id", "scheme", "other_scheme"
        )
    )
    new = []
    for p in planned:
        organisation = organisations[p.org_number]
        for c in p.certifications:
            if (organisation.pk, c.scheme, c.other_scheme) in existing:
                continue
            new.append(
                Certification(
                    organisation=organisation,
                    scheme=c.scheme,
                    other_scheme=c.other_scheme,
                    status=c.status,
                    valid_until=c.valid_until,
                    planned_by=c.planned_by,
                )
            )
    Certification.objects.bulk_create(new)
    result.created["certifications"] = len(new)


def _commitment_statuses(
    planned: list[PlannedOrganisation],
    organisations: dict[str, Organisation],
    users: dict[str, User],
    commitments: dict[str, Commitment],
    result: DemoResult,
) -> None:
    existing = set(
        CommitmentStatus.objects.filter(organisation__in=organisations.values()).values_list(
            "organisation_id", "commitment_id", "year"
        )
    )
    new = []
    for p in planned:
        organisation = organisations[p.org_number]
        reporter = users[p.contacts[0].email]
        for s in p.statuses:
            commitment = commitments[s.code]
            if (organisation.pk, commitment.pk, s.year) in existing:
                continue
            new.append(
                CommitmentStatus(
                    organisation=organisation,
                    commitment=commitment,
                    year=s.year,
                    status=s.status,
                    evidence=s.evidence,
                    updated_by=reporter,
                )
            )
    CommitmentStatus.objects.bulk_create(new)
    result.created["commitment statuses"] = len(new)


def _climate_accounts(
    planned: list[PlannedOrganisation],
    organisations: dict[str, Organisation],
    users: dict[str, User],
    result: DemoResult,
) -> None:
    """The planned accounts that are missing, then their lines; an existing account (perhaps
    edited in the demo) is left as it is, lines and all."""
    existing = set(
        ClimateAccount.objects.filter(organisation__in=organisations.values()).values_list(
            "organisation_id", "year"
        )
    )
    secretariat = users[SECRETARIAT_USER.email]
    now = timezone.now()
    new = []
    lines_by_key = {}
    for p in planned:
        organisation = organisations[p.org_number]
        reporter = users[p.contacts[0].email]
        for a in p.accounts:
            if (organisation.pk, a.year) in existing:
                continue
            # Last year's dates fall in this spring: none may lie ahead of a seed early in the year.
            submitted_at = min(a.submitted_at, now) if a.submitted_at else None
            approved_at = min(a.approved_at, now) if a.approved_at else None
            new.append(
                ClimateAccount(
                    organisation=organisation,
                    year=a.year,
                    status=a.status,
                    employees=a.employees,
                    revenue_nok=a.revenue_nok,
                    heated_area_m2=a.heated_area_m2,
                    publish=a.publish,
                    submitted_at=submitted_at,
                    submitted_by=reporter if submitted_at else None,
                    approved_at=approved_at,
                    approved_by=secretariat if approved_at else None,
                )
            )
            lines_by_key[(organisation.pk, a.year)] = a.lines
    ClimateAccount.objects.bulk_create(new)
    result.created["climate accounts"] = len(new)
    if not new:
        result.created["account lines"] = 0
        return
    ids = {
        (organisation_id, year): pk
        for pk, organisation_id, year in ClimateAccount.objects.filter(
            organisation__in=organisations.values(), year__in={a.year for a in new}
        ).values_list("pk", "organisation_id", "year")
    }
    lines = [
        AccountLine(
            account_id=ids[key],
            activity=line.activity,
            quantity=line.quantity,
            unit=line.unit,
            note=line.note,
            order=order,
        )
        for key, planned_lines in lines_by_key.items()
        for order, line in enumerate(planned_lines)
    ]
    AccountLine.objects.bulk_create(lines, batch_size=1000)
    result.created["account lines"] = len(lines)


def _base_years(
    planned: list[PlannedOrganisation],
    organisations: dict[str, Organisation],
    users: dict[str, User],
    result: DemoResult,
) -> None:
    """Each organisation with an approved account and no base year takes its first approved
    year, chosen by its contact as in the partner area."""
    with_base_year = set(BaseYear.objects.values_list("organisation_id", flat=True))
    first_approved = dict(
        ClimateAccount.objects.filter(
            organisation__in=organisations.values(), status=ClimateAccount.Status.APPROVED
        )
        .values("organisation_id")
        .annotate(first=Min("year"))
        .values_list("organisation_id", "first")
    )
    chosen = 0
    for p in planned:
        organisation = organisations[p.org_number]
        year = first_approved.get(organisation.pk)
        if year is None or organisation.pk in with_base_year:
            continue
        choose_base_year(organisation=organisation, year=year, by=users[p.contacts[0].email])
        chosen += 1
    result.created["base years"] = chosen


def _site_pages(result: DemoResult) -> None:
    # The home page and its sections (not Wagtail's welcome page, which it replaces).
    before = Page.objects.exclude(depth=1).not_exact_type(Page).count()
    home = ensure_site_pages(
        home_title=data.HOME_TITLE,
        intro=data.HOME_INTRO,
        aims_heading=data.AIMS_HEADING,
        aims=list(data.AIMS),
    )
    created = Page.objects.exclude(depth=1).not_exact_type(Page).count() - before
    existing = set(Page.objects.child_of(home).values_list("slug", flat=True))
    for title, slug, intro, body in data.STANDARD_PAGES:
        if slug in existing:
            continue
        page = StandardPage(
            title=title,
            slug=slug,
            intro=intro,
            show_in_menus=True,
            body=[
                (block, RichText(value) if block == "paragraph" else value) for block, value in body
            ],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    result.created["pages"] = created
