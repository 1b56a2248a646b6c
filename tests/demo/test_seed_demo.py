"""The demo network: `klimanett seed_demo` builds a believable, valid, repeatable network."""

from __future__ import annotations

import datetime
import io
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from stdnum.no import orgnr
from wagtail.models import Page

from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.ghg.factors import load_factor_set
from klimanett.accounting.models import AccountLine, BaseYear, ClimateAccount
from klimanett.accounting.restatement import flagged_base_years
from klimanett.accounting.selectors import account_result
from klimanett.climateplans.actuals import figures_by_organisation, target_value
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport, Target
from klimanett.climateplans.scorecard import Mark, Progress, scorecards
from klimanett.core import roles
from klimanett.core.models import AuditEntry, User
from klimanett.demo import data
from klimanett.demo.build import DEMO_PASSWORD, build_demo
from klimanett.demo.climate_plan import EMISSION_STEPS, choose_reduction, plan_climate
from klimanett.demo.plan import EDITOR_USER, SECRETARIAT_USER, org_numbers, plan
from klimanett.events import feedback
from klimanett.events.models import Event, Feedback, Material, Registration
from klimanett.partners.models import (
    Certification,
    CommitmentStatus,
    Contact,
    Membership,
    Organisation,
    OrganisationKind,
)
from klimanett.site.models import ExamplePage, NewsPage, StandardPage
from tests.builders import make_organisation

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (
        Organisation,
        Membership,
        Contact,
        User,
        CommitmentStatus,
        Certification,
        ClimateAccount,
        AccountLine,
        Target,
        ActionPlan,
        Measure,
        StatusReport,
        Event,
        Registration,
        Feedback,
    )
    return {
        **{model.__name__: model.objects.count() for model in models},
        "pages": Page.objects.count(),
    }


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """Seed once for the class (it takes a second); each test still rolls back its own changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


@pytest.mark.xdist_group("seeded_demo")  # one worker seeds it (make test: --dist loadgroup)
class TestTheSeededDemo:
    """Tests that read one seeded network."""

    def test_seed_demo_creates_about_sixty_organisations(self, demo):
        assert 55 <= Organisation.objects.count() <= 65

    def test_every_demo_organisation_number_has_a_valid_check_digit(self, demo):
        numbers = list(Organisation.objects.values_list("org_number", flat=True))
        assert numbers
        assert [n for n in numbers if not orgnr.is_valid(n)] == []

    def test_demo_organisations_span_the_county_and_every_kind(self, demo):
        municipalities = Counter(
            Organisation.objects.values_list("municipality__number", flat=True)
        )
        assert len(municipalities) >= 15
        assert municipalities["4003"] > municipalities["4036"]  # more in Skien than in Vinje
        assert set(Organisation.objects.values_list("kind", flat=True)) == set(
            OrganisationKind.values
        )
        assert len(set(Organisation.objects.values_list("sector", flat=True))) >= 12

    def test_demo_has_memberships_of_every_status_and_type(self, demo):
        statuses = Counter(Membership.objects.values_list("status", flat=True))
        assert set(statuses) == set(Membership.Status.values)
        assert statuses["active"] > statuses["prospect"] + statuses["ended"]
        assert set(Membership.objects.values_list("type", flat=True)) == set(Membership.Type.values)
        assert not Membership.objects.filter(
            status="prospect", agreement_date__isnull=False
        ).exists()
        years = set(Membership.objects.values_list("agreement_date__year", flat=True)) - {None}
        assert min(years) == 2019
        assert max(years) == 2026

    def test_most_active_members_have_paid_this_year_and_most_show_a_public_profile(self, demo):
        active = Membership.objects.filter(status="active")
        paid = sum(m.fee_paid_this_year for m in active)
        assert active.count() * 0.7 <= paid < active.count()
        public = active.filter(organisation__public_profile=True).count()
        assert active.count() * 0.7 <= public < active.count()

    def test_fee_category_follows_the_number_of_employees(self, demo):
        for membership in Membership.objects.select_related("organisation"):
            assert membership.fee_category == Membership.fee_category_for(
                membership.organisation.employees
            )

    def test_demo_has_a_user_for_every_role(self, demo):
        secretariat = User.objects.get(email=SECRETARIAT_USER.email)
        editor = User.objects.get(email=EDITOR_USER.email)
        assert roles.is_secretariat(secretariat)
        assert secretariat.groups.filter(name=roles.SECRETARIAT).exists()
        assert roles.is_editor(editor)
        assert not roles.is_secretariat(editor)
        assert Contact.objects.filter(user__email="kontakt@elvetangen.example.no").exists()

    def test_every_demo_organisation_has_exactly_one_main_contact(self, demo):
        main_contacts = Counter(
            Contact.objects.filter(is_primary=True).values_list("organisation_id", flat=True)
        )
        assert set(main_contacts) == set(Organisation.objects.values_list("pk", flat=True))
        assert set(main_contacts.values()) == {1}

    def test_demo_contact_logs_in_with_the_demo_password(self, client, demo):
        response = client.post(
            reverse("core:login"),
            {"username": "kontakt@elvetangen.example.no", "password": DEMO_PASSWORD},
        )
        assert response.status_code == 302
        assert response.wsgi_request.user.email == "kontakt@elvetangen.example.no"

    def test_seed_demo_prints_the_logins_and_the_password(self, demo):
        for email in (SECRETARIAT_USER.email, EDITOR_USER.email, "kontakt@elvetangen.example.no"):
            assert email in demo
        assert DEMO_PASSWORD in demo
        assert "TOTP" in demo

    def test_demo_rows_pass_model_validation(self, demo):
        for model in (Organisation, Membership, Certification):
            for obj in model.objects.all():
                obj.full_clean()
        for status in CommitmentStatus.objects.all():
            status.full_clean(validate_unique=False, validate_constraints=False)

    def test_demo_has_certified_planned_and_expired_certifications(self, demo):
        certifications = list(Certification.objects.all())
        assert {c.scheme for c in certifications} == set(Certification.Scheme.values)
        assert any(c.status == "planned" for c in certifications)
        assert any(c.is_expired for c in certifications)
        assert any(c.status == "certified" and not c.is_expired for c in certifications)

    def test_only_active_partners_have_commitment_statuses(self, demo):
        reporting = set(CommitmentStatus.objects.values_list("organisation_id", flat=True))
        partners = set(
            Membership.objects.filter(status="active", type="partner").values_list(
                "organisation_id", flat=True
            )
        )
        assert reporting == partners

    def test_running_seed_demo_twice_changes_nothing(self, demo):
        before = counts()
        organisations = list(
            Organisation.objects.order_by("org_number").values_list("org_number", "name", "slug")
        )

        output = seed()

        assert counts() == before
        assert (
            list(
                Organisation.objects.order_by("org_number").values_list(
                    "org_number", "name", "slug"
                )
            )
            == organisations
        )
        assert "Created: 0 organisations" in output
        assert "0 climate accounts, 0 account lines" in output

    def test_home_page_and_partner_directory_show_the_demo(self, client, demo):
        home = client.get("/")
        assert home.status_code == 200
        assert "Klima- og energinettverket i Vestfold og Telemark" in home.content.decode()
        assert "60 %" in home.content.decode()

        directory = client.get("/partnere/")
        assert directory.status_code == 200
        page = directory.content.decode()
        shown = Organisation.objects.in_directory().order_by("name").first()
        hidden = Organisation.objects.filter(
            public_profile=False, memberships__status="active"
        ).first()
        assert shown is not None and shown.name in page
        assert hidden is not None and hidden.name not in page

    def test_demo_standard_pages_render(self, client, demo):
        for page in StandardPage.objects.live():
            response = client.get(page.url)
            assert response.status_code == 200
            assert page.title in response.content.decode()
        assert StandardPage.objects.live().count() >= 2

    def test_the_secretariat_group_exists_after_seeding(self, demo):
        assert Group.objects.filter(name=roles.SECRETARIAT).exists()

    def test_demo_has_a_dozen_events_of_every_type_past_and_ahead(self, demo):
        now = timezone.now()
        assert 10 <= Event.objects.count() <= 16
        assert set(Event.objects.values_list("type", flat=True)) == set(Event.Type.values)
        assert Event.objects.published().past(now).count() >= 5
        assert Event.objects.published().upcoming(now).count() >= 4
        assert Event.objects.filter(status=Event.Status.CANCELLED).count() == 1
        themes = set(Event.objects.values_list("themes__name", flat=True))
        assert {"Energi", "Transport", "Innkjøp", "Sirkulærøkonomi"} <= themes
        assert {"Klimaregnskap", "Klimatilpasning"} <= themes
        assert Event.objects.filter(type=Event.Type.WEBINAR).exclude(online_url="").exists()
        assert not Event.objects.filter(
            registrations__status=Registration.Status.CONFIRMED,
            status=Event.Status.CANCELLED,
        ).exists()

    def test_past_demo_events_have_material_check_ins_and_feedback(self, demo):
        past = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__lt=timezone.now())
        assert Material.objects.filter(event__in=past).count() >= len(past)
        assert Registration.objects.filter(checked_in_at__isnull=False).count() >= 50
        assert not Registration.objects.filter(
            checked_in_at__isnull=False, event__ends_at__gt=timezone.now()
        ).exists()
        for event in past:
            summary = feedback.feedback_summary(event)
            assert summary.count >= 3, event
            assert 3 <= summary.average <= 5, event
        assert Feedback.objects.exclude(comment="").exists()
        # Recorded as asked, so the daily command sends nothing to the demo's addresses.
        assert not feedback.events_due_for_requests().exists()

    def test_the_full_demo_event_has_a_waiting_list_in_order(self, demo):
        [full] = [
            e
            for e in Event.objects.published().upcoming().with_confirmed_count()
            if e.capacity
            and e.confirmed_count == e.capacity
            and e.registrations.filter(status=Registration.Status.WAITING).exists()
        ]
        registrations = list(full.registrations.exclude(status=Registration.Status.CANCELLED))
        statuses = [r.status for r in registrations]
        assert statuses == sorted(statuses)  # "confirmed" < "waiting": all confirmed come first
        assert statuses.count(Registration.Status.WAITING) >= 3
        times = [r.registered_at for r in registrations]
        assert times == sorted(times)
        assert all(r.registered_at < timezone.now() for r in registrations)

    def test_demo_registrations_come_from_partner_contacts_and_invented_people(self, demo):
        registrations = Registration.objects.all()
        assert 250 <= registrations.count() <= 600
        contacts = set(Contact.objects.values_list("user__email", flat=True))
        emails = set(registrations.values_list("email", flat=True))
        assert len(emails & contacts) >= 20
        assert len(emails - contacts) >= 20
        assert all(e.endswith(".example.no") for e in emails)
        assert registrations.filter(organisation__isnull=False).exists()

    def test_demo_events_and_registrations_pass_model_validation(self, demo):
        for model in (Event, Registration, Feedback, Material):
            for obj in model.objects.all():
                obj.full_clean()

    def test_demo_has_news_and_good_examples_published_with_facts(self, client, demo):
        assert 3 <= NewsPage.objects.live().count() <= 4
        examples = ExamplePage.objects.live()
        assert 8 <= examples.count() <= 10
        assert all(page.get_latest_revision() is not None for page in examples)
        assert examples.filter(measure__isnull=False).count() >= 2
        assert examples.filter(reduction_t__isnull=False, cost_nok__isnull=False).count() >= 6
        for example in examples.filter(measure__isnull=False):
            assert example.measure.plan.organisation in example.organisations.all()
        for page in (*examples, *NewsPage.objects.live()):
            assert client.get(page.url).status_code == 200, page.url

    def test_demo_examples_list_partner_examples_before_the_others(self, client, demo):
        ordered = list(ExamplePage.objects.live().partners_first())
        by_partner = [page.by_partner for page in ordered]
        assert by_partner.count(True) >= 6 and by_partner.count(False) >= 2
        assert by_partner == sorted(by_partner, reverse=True)
        # The newest example is not a partner's, so the order is visible on the page.
        newest = ExamplePage.objects.live().order_by("-date").first()
        assert newest is not None and not next(p for p in ordered if p.pk == newest.pk).by_partner
        html = client.get("/eksempler/").content.decode()
        assert html.index(ordered[0].title) < html.index(newest.title)


def test_partners_report_more_done_in_later_years(db):
    build_demo(today=datetime.date(2026, 11, 27))
    # Organisations that reported all three years, so newcomers do not skew the picture.
    years_reported = Counter(
        CommitmentStatus.objects.filter(commitment__code="top_management").values_list(
            "organisation_id", flat=True
        )
    )
    veterans = [pk for pk, n in years_reported.items() if n == 3]
    done = Counter(
        CommitmentStatus.objects.filter(organisation__in=veterans, status="done").values_list(
            "year", flat=True
        )
    )
    assert len(veterans) >= 20
    assert done[2024] < done[2026]
    statuses = set(CommitmentStatus.objects.values_list("status", flat=True))
    assert statuses == set(CommitmentStatus.Status.values)
    assert not CommitmentStatus.objects.filter(status="done", evidence="").exists()


def test_demo_organisation_numbers_are_the_same_every_time():
    assert org_numbers(3) == org_numbers(3)
    assert org_numbers(3) == ["919985003", "953600609", "984308159"]


def test_if_empty_adds_nothing_when_organisations_exist(db):
    make_organisation(name="Eksisterende AS")

    output = seed("--if-empty")

    assert Organisation.objects.count() == 1
    assert not User.objects.filter(email=SECRETARIAT_USER.email).exists()
    assert "no demo data added" in output


def test_if_empty_builds_the_demo_on_an_empty_database(db):
    seed("--if-empty")
    assert Organisation.objects.count() >= 55


def test_seed_demo_refuses_to_run_with_debug_off_outside_tests(db, settings):
    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not Organisation.objects.exists()


# Climate accounts: built for a fixed day, so the last reporting year is 2025.
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(scope="class")
def accounts_demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo(today=TODAY)
        yield
        transaction.set_rollback(True)


def active_partner_ids() -> set[int]:
    return set(
        Membership.objects.filter(status="active", type="partner").values_list(
            "organisation_id", flat=True
        )
    )


@pytest.mark.xdist_group("demo_accounts")
class TestDemoClimateAccounts:
    def test_active_partners_have_accounts_from_2019_or_joining_to_2025(self, accounts_demo):
        years = set(ClimateAccount.objects.values_list("year", flat=True))
        assert years == set(range(2019, 2026))
        assert set(ClimateAccount.objects.values_list("organisation_id", flat=True)) <= (
            active_partner_ids()
        )
        for membership in Membership.objects.filter(
            status="active", type="partner", agreement_date__year__lte=2024
        ):
            account_years = set(
                membership.organisation.climate_accounts.values_list("year", flat=True)
            )
            first = max(2019, membership.agreement_date.year)
            assert set(range(first, 2025)) <= account_years <= set(range(first, 2026))
        assert ClimateAccount.objects.count() >= 150

    def test_accounts_have_five_to_twelve_lines_except_the_missing_electricity(self, accounts_demo):
        for account in ClimateAccount.objects.prefetch_related("lines"):
            lines = list(account.lines.all())
            assert 4 <= len(lines) <= 12, account
            if len(lines) < 5:
                assert not any(line.activity.startswith("electricity") for line in lines)
        assert AccountLine.objects.filter(note="Fra drivstoffkort").exists()
        assert AccountLine.objects.filter(note="Faktura fra nettselskapet").exists()

    def test_every_seeded_line_resolves_with_the_engine(self, accounts_demo):
        factor_set = load_factor_set("NO-2025.1")
        calculators = {year: Calculator(factor_set, year=year) for year in range(2019, 2026)}
        for activity, unit, year in AccountLine.objects.values_list(
            "activity", "unit", "account__year"
        ).distinct():
            calculators[year].resolve(activity, unit=unit)
        assert set(ClimateAccount.objects.values_list("factor_set", flat=True)) == {"NO-2025.1"}

    def test_statuses_and_their_dates(self, accounts_demo):
        secretariat = User.objects.get(email=SECRETARIAT_USER.email)
        earlier = ClimateAccount.objects.filter(year__lt=2025)
        assert set(earlier.values_list("status", flat=True)) == {"approved"}
        for account in ClimateAccount.objects.filter(status="approved"):
            assert account.approved_by == secretariat
            assert account.submitted_at is not None and account.submitted_by is not None
            assert account.submitted_at < account.approved_at
            assert account.approved_at.year == account.year + 1
            assert account.approved_at.month <= 6
        assert not ClimateAccount.objects.filter(
            status="submitted", submitted_at__isnull=True
        ).exists()
        assert not ClimateAccount.objects.filter(
            status="submitted", approved_at__isnull=False
        ).exists()
        drafts = ClimateAccount.objects.filter(status="draft")
        assert not drafts.filter(submitted_at__isnull=False).exists()
        last = Counter(ClimateAccount.objects.filter(year=2025).values_list("status", flat=True))
        assert set(last) == {"approved", "submitted", "draft"}
        late = {
            m.organisation_id
            for m in Membership.objects.filter(
                status="active", type="partner", agreement_date__year__lte=2025
            )
        } - set(ClimateAccount.objects.filter(year=2025).values_list("organisation_id", flat=True))
        assert late, "some partners are late with last year's account"
        assert ClimateAccount.objects.get(
            organisation__name="Elvetangen Energiteknikk AS", year=2025
        ).is_editable

    def test_most_approved_accounts_of_public_partners_are_published(self, accounts_demo):
        approved = ClimateAccount.objects.filter(status="approved")
        public = approved.filter(organisation__public_profile=True)
        assert public.count() * 0.7 <= public.filter(publish=True).count() < public.count()
        assert not approved.filter(organisation__public_profile=False, publish=True).exists()
        assert ClimateAccount.objects.published().exists()

    def test_employees_revenue_and_area_are_plausible(self, accounts_demo):
        for account in ClimateAccount.objects.select_related("organisation"):
            assert account.employees == account.organisation.employees
            if account.revenue_nok is not None:
                per_employee = account.revenue_nok / account.employees
                assert 300_000 < per_employee < 10_000_000
            account.full_clean(validate_unique=False, validate_constraints=False)
        assert ClimateAccount.objects.filter(revenue_nok__isnull=True).exists()
        assert ClimateAccount.objects.filter(heated_area_m2__isnull=False).exists()

    def test_the_planted_anomalies_are_in_last_years_accounts(self, accounts_demo):
        def account(domain: str, year: int = 2025) -> ClimateAccount:
            return ClimateAccount.objects.get(
                organisation__website__contains=f"//www.{domain}.", year=year
            )

        by_anomaly = {anomaly: domain for domain, anomaly in data.ANOMALIES.items()}
        for domain in data.ANOMALIES:
            assert account(domain).status == "submitted"

        mixup = account(by_anomaly[data.MWH_MIXUP])
        before = account(by_anomaly[data.MWH_MIXUP], 2024)
        now = mixup.lines.get(activity="electricity")
        then = before.lines.get(activity="electricity")
        assert now.unit == then.unit == "MWh"
        assert 700 < now.quantity / then.quantity < 1400

        jump = account(by_anomaly[data.JUMP])
        diesel_now = jump.lines.get(activity="diesel").quantity
        diesel_then = account(by_anomaly[data.JUMP], 2024).lines.get(activity="diesel").quantity
        assert diesel_now > diesel_then * Decimal("1.3")

        missing = account(by_anomaly[data.NO_ELECTRICITY])
        assert not missing.lines.filter(activity__startswith="electricity").exists()
        assert account(by_anomaly[data.NO_ELECTRICITY], 2024).lines.filter(activity="electricity")

        guarantees = account(by_anomaly[data.GUARANTEES])
        assert guarantees.lines.filter(activity="electricity_with_guarantees").exists()
        result = account_result(guarantees)
        assert result.totals.scope2_market_kg < result.totals.scope2_location_kg
        # Only that one year, in the whole demo.
        assert (
            AccountLine.objects.filter(activity="electricity_with_guarantees")
            .values("account")
            .count()
            == 1
        )

    def test_most_partners_cut_their_emissions(self, accounts_demo):
        totals: dict[int, dict[int, float]] = {}
        for account in ClimateAccount.objects.filter(status="approved").prefetch_related("lines"):
            totals.setdefault(account.organisation_id, {})[account.year] = account_result(
                account
            ).totals.total_location_kg
        trends = [
            years[max(years)] < years[min(years)] for years in totals.values() if len(years) >= 2
        ]
        assert len(trends) >= 20
        assert sum(trends) >= 0.8 * len(trends)

    def test_a_second_run_adds_no_accounts_or_lines(self, accounts_demo):
        before = (ClimateAccount.objects.count(), AccountLine.objects.count())
        result = build_demo(today=TODAY)
        assert (ClimateAccount.objects.count(), AccountLine.objects.count()) == before
        assert result.created["climate accounts"] == result.created["account lines"] == 0
        assert result.created["base years"] == 0

    def test_partners_with_approved_accounts_have_their_first_approved_year_as_base_year(
        self, accounts_demo
    ):
        first_approved: dict[int, int] = {}
        for organisation_id, year in ClimateAccount.objects.filter(status="approved").values_list(
            "organisation_id", "year"
        ):
            first_approved[organisation_id] = min(year, first_approved.get(organisation_id, year))
        base_years = {b.organisation_id: b.account.year for b in BaseYear.objects.all()}
        assert base_years == first_approved
        assert len(base_years) >= 20
        assert flagged_base_years() == []


def test_every_planned_line_resolves_with_the_engine():
    factor_set = load_factor_set("NO-2025.1")
    planned = plan(commitment_codes=[], this_year=2026)
    lines = 0
    for organisation in planned:
        for account in organisation.accounts:
            calculator = Calculator(factor_set, year=account.year)
            for line in account.lines:
                calculator.resolve(line.activity, unit=line.unit)
                assert line.quantity > 0
                lines += 1
    assert lines > 1000


def test_the_planned_accounts_are_the_same_every_time():
    first = [o.accounts for o in plan(commitment_codes=[], this_year=2026)]
    assert first == [o.accounts for o in plan(commitment_codes=["climate_account"], this_year=2026)]


# Targets, action plans and follow-up (issue 4), on the network built for TODAY: the scorecards
# are read for 2025, the year whose accounts and self-assessments are due.


def demo_scorecards():
    partners = Organisation.objects.filter(
        memberships__status="active", memberships__type="partner"
    ).select_related("municipality")
    return scorecards(list(partners), year=2025, today=TODAY).values()


@pytest.mark.xdist_group("demo_plans")
class TestDemoClimatePlans:
    def test_partners_have_targets_plans_measures_and_status_reports(self, accounts_demo):
        assert 20 <= Target.objects.count() <= 60
        assert 15 <= ActionPlan.objects.count() <= 40
        assert Measure.objects.count() >= 60
        assert StatusReport.objects.count() >= 100
        partners = active_partner_ids()
        assert set(Target.objects.values_list("organisation_id", flat=True)) <= partners
        assert set(ActionPlan.objects.values_list("organisation_id", flat=True)) <= partners
        assert set(Measure.objects.values_list("status", flat=True)) == set(Measure.Status.values)
        assert Target.objects.filter(is_standard_commitment=True).exists()
        assert Target.objects.filter(kind=Target.Kind.ENERGY).exists()
        from_templates = Measure.objects.exclude(template_key="")
        assert from_templates.count() > Measure.objects.filter(template_key="").count() > 0
        assert from_templates.filter(expected_energy_kwh__isnull=False).exists()
        assert not Measure.objects.filter(responsible="").exists()
        assert Measure.objects.filter(yearly_cost_nok__lt=0).exists()  # measures that save
        assert Measure.objects.filter(yearly_cost_nok__gt=0).exists()  # and some that cost
        assert Measure.objects.filter(investment_nok__gt=0).exists()

    def test_on_track_behind_no_data_and_no_target_are_all_in_the_demo(self, accounts_demo):
        cards = list(demo_scorecards())
        progress = Counter(card.progress for card in cards)

        assert progress[Progress.ON_TRACK] >= 8
        assert progress[Progress.BEHIND] >= 8
        assert progress[Progress.NO_DATA] >= 1
        assert progress[Progress.NO_TARGET] >= 8
        with_target = [card for card in cards if card.has_target]
        assert {card.any_aligned for card in with_target} == {True, False}
        assert any(card.plan is None for card in with_target)  # a target and no plan
        assert any(card.plan is not None for card in cards if not card.has_target)
        planned = [card for card in cards if card.plan is not None]
        assert {card.plan_up_to_date for card in planned} == {True, False}
        assert {card.mark("self_assessment") for card in cards} >= {
            Mark.YES,
            Mark.PARTLY,
            Mark.NO,
        }
        assert {card.mark("certification") for card in cards} == {
            Mark.YES,
            Mark.PARTLY,
            Mark.NO,
        }

    def test_the_well_known_logins_show_a_fresh_start_and_a_partner_behind(self, accounts_demo):
        cards = {card.organisation.name: card for card in demo_scorecards()}

        assert cards["Elvetangen Energiteknikk AS"].progress == Progress.NO_TARGET
        assert cards["Elvetangen Energiteknikk AS"].plan is None
        assert cards["Brevikstrand Prosessteknikk AS"].progress == Progress.BEHIND
        assert cards["Brevikstrand Prosessteknikk AS"].plan is not None

    def test_base_values_are_read_from_the_seeded_accounts(self, accounts_demo):
        targets = list(Target.objects.all())
        figures = figures_by_organisation({t.organisation_id for t in targets})
        for target in targets:
            base = figures[target.organisation_id][target.base_year]
            expected = target_value(
                kind=target.kind, metric=target.metric, scopes=target.scopes, figures=base
            )
            assert target.base_value == pytest.approx(expected), target
            assert target.base_value > 0
        # Every target is audited as made by the partner's main contact.
        entries = AuditEntry.objects.filter(action="target.created")
        assert entries.count() == len(targets)
        assert not entries.filter(actor__isnull=True).exists()

    def test_demo_climate_plan_rows_pass_model_validation(self, accounts_demo):
        for model in (Target, ActionPlan, Measure, StatusReport):
            for obj in model.objects.all():
                obj.full_clean()

    def test_status_reports_lie_in_the_past_and_end_with_the_measures_status(self, accounts_demo):
        today = timezone.localdate()
        assert not StatusReport.objects.filter(reported_on__gt=today).exists()
        for measure in Measure.objects.filter(status__in=["done", "dropped"]).prefetch_related(
            "reports"
        ):
            reports = list(measure.reports.all())  # newest first
            assert reports and reports[0].status == measure.status, measure
            assert measure.created_at.date() <= reports[-1].reported_on
        assert not StatusReport.objects.filter(measure__status="idea").exists()
        for measure in Measure.objects.all():
            assert measure.created_at <= measure.updated_at <= timezone.now()

    def test_a_second_run_adds_no_targets_plans_measures_or_reports(self, accounts_demo):
        before = [m.objects.count() for m in (Target, ActionPlan, Measure, StatusReport)]

        result = build_demo(today=TODAY)

        assert [m.objects.count() for m in (Target, ActionPlan, Measure, StatusReport)] == before
        for name in ("targets", "action plans", "measures", "status reports"):
            assert result.created[name] == 0


def test_the_planned_climate_plans_are_the_same_every_time():
    def planned():
        return plan_climate(plan(commitment_codes=[], this_year=2026), this_year=2026)

    first = planned()
    assert first == planned()
    assert len(first) >= 30


def test_a_reduction_is_chosen_to_be_on_track_or_behind_with_the_accounts():
    # 100 in 2020, 80 in 2024, target year 2030: 40 % of the way, so the latest value is on
    # the path of a 50 % cut (20 / 0.4).
    values = {2020: 100.0, 2022: 95.0, 2024: 80.0}

    def choose(outcome, values=values):
        return choose_reduction(outcome=outcome, values=values, base_year=2020, target_year=2030)

    assert choose("on_track") == 45  # the largest step at most 45 (90 % of 50)
    assert choose("behind") == 60  # the smallest step at least 57.5 (115 % of 50)
    assert choose("on_track", {2020: 100.0, 2024: 101.0}) is None  # rising: never on track
    assert choose("behind", {2020: 100.0}) == EMISSION_STEPS[len(EMISSION_STEPS) // 2]
