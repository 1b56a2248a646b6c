"""The network's annual climate report: hand-worked figures from the approved accounts, the
like-for-like changes, consent to be named, breakdowns, targets and measures, and the cost in
queries. Factors are read from the shipped set, so the arithmetic below is the engine's."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting.ghg.calculate import Calculator, ScopeTotals
from klimanett.accounting.ghg.factors import DEFAULT_FACTOR_SET, load_factor_set
from klimanett.accounting.models import ClimateAccount
from klimanett.accounting.services import choose_base_year
from klimanett.climateplans.models import ActionPlan, Measure, Target
from klimanett.partners.models import Membership
from klimanett.region.report import (
    BaseYearTotals,
    PartnerInput,
    compute_report,
    network_report,
)
from tests.builders import (
    make_account,
    make_membership,
    make_organisation,
    make_target,
    make_user,
)

APPROVED = ClimateAccount.Status.APPROVED
SUBMITTED = ClimateAccount.Status.SUBMITTED
YEAR = 2024


def factors(activity: str, unit: str, year: int) -> tuple[float, float]:
    """kg CO2e per unit, location- and market-based, from the shipped set for the year."""
    resolved = Calculator(load_factor_set(DEFAULT_FACTOR_SET), year=year).resolve(
        activity, unit=unit
    )
    return resolved.kgco2e_location_per_unit, resolved.kgco2e_market_per_unit


DIESEL, _ = factors("diesel", "l", YEAR)  # scope 1, 2.66 kg per litre
CAR, _ = factors("car_diesel", "km", YEAR)  # scope 3
EL_LOC, EL_MKT = factors("electricity", "kWh", YEAR)  # scope 2
DIESEL_BEFORE, _ = factors("diesel", "l", YEAR - 1)
CAR_BEFORE, _ = factors("car_diesel", "km", YEAR - 1)
EL_LOC_BEFORE, EL_MKT_BEFORE = factors("electricity", "kWh", YEAR - 1)


def partner(**overrides):
    organisation = make_organisation(**overrides)
    make_membership(organisation)
    return organisation


@pytest.fixture
def network(db):
    """Four active partners, three with an approved account for 2024, and one former member.

    - bakery (C, company): 2024 and 2023 approved, 2024 published; base year 2023
    - municipality (O): 2024 and 2023 approved, not published
    - workshop (C, company): 2024 approved only (no account for 2023); base year 2024
    - haulier (H, company): 2024 only submitted, published (not approved: left out)
    - former (C, company): membership ended; 2024 approved and published (left out)
    """
    by = make_user()
    bakery = partner(name="Fjordbakst AS", sector="C", kind="company")
    make_account(
        bakery,
        YEAR,
        [("diesel", 1000, "l"), ("electricity", 100_000, "kWh")],
        status=APPROVED,
        publish=True,
    )
    make_account(
        bakery,
        YEAR - 1,
        [("diesel", 1200, "l"), ("electricity", 100_000, "kWh")],
        status=APPROVED,
    )
    choose_base_year(organisation=bakery, year=YEAR - 1, by=by)
    municipality = partner(name="Lågdal kommune", sector="O", kind="municipality")
    make_account(
        municipality, YEAR, [("diesel", 500, "l"), ("car_diesel", 10_000, "km")], status=APPROVED
    )
    make_account(
        municipality,
        YEAR - 1,
        [("diesel", 500, "l"), ("car_diesel", 10_000, "km")],
        status=APPROVED,
    )
    workshop = partner(name="Brattli Mek AS", sector="C", kind="company")
    make_account(workshop, YEAR, [("electricity", 50_000, "kWh")], status=APPROVED)
    choose_base_year(organisation=workshop, year=YEAR, by=by)
    haulier = partner(name="Vestvei Transport AS", sector="H", kind="company")
    make_account(haulier, YEAR, [("diesel", 90_000, "l")], status=SUBMITTED, publish=True)
    former = make_organisation(name="Gamle Sag AS", sector="C")
    make_membership(former, status=Membership.Status.ENDED)
    make_account(former, YEAR, [("diesel", 70_000, "l")], status=APPROVED, publish=True)
    return {
        "bakery": bakery,
        "municipality": municipality,
        "workshop": workshop,
        "haulier": haulier,
        "former": former,
    }


def test_report_counts_active_partners_and_those_with_an_approved_account(network):
    report = network_report(YEAR)

    assert report.active_partners == 4  # the former member is not one
    assert report.reporting_partners == 3  # the haulier's account is only submitted
    assert report.share_reporting == pytest.approx(3 / 4)


def test_report_totals_are_the_sum_of_the_approved_accounts_of_the_year_in_tonnes(network):
    report = network_report(YEAR)

    # bakery 1000 l diesel + municipality 500 l; the haulier's and former member's left out
    assert report.emissions.scope1_t == pytest.approx((1000 + 500) * DIESEL / 1000)
    # bakery 100 000 kWh + workshop 50 000 kWh
    assert report.emissions.scope2_location_t == pytest.approx(150_000 * EL_LOC / 1000)
    assert report.emissions.scope2_market_t == pytest.approx(150_000 * EL_MKT / 1000)
    assert report.emissions.scope3_t == pytest.approx(10_000 * CAR / 1000)
    assert report.emissions.total_location_t == pytest.approx(
        (1500 * DIESEL + 150_000 * EL_LOC + 10_000 * CAR) / 1000
    )
    assert report.emissions.total_market_t == pytest.approx(
        (1500 * DIESEL + 150_000 * EL_MKT + 10_000 * CAR) / 1000
    )


def test_change_against_last_year_is_over_partners_with_approved_accounts_for_both_years(
    network,
):
    change = network_report(YEAR).against_previous_year

    # The bakery and the municipality; the workshop has no account for 2023 (it is in the
    # totals, not in the change).
    assert change.partners == 2
    previous_kg = (
        1200 * DIESEL_BEFORE + 100_000 * EL_LOC_BEFORE + 500 * DIESEL_BEFORE + 10_000 * CAR_BEFORE
    )
    current_kg = 1000 * DIESEL + 100_000 * EL_LOC + 500 * DIESEL + 10_000 * CAR
    assert change.previous_location_t == pytest.approx(previous_kg / 1000)
    assert change.current_location_t == pytest.approx(current_kg / 1000)
    assert change.location_t == pytest.approx((current_kg - previous_kg) / 1000)
    assert change.location_percent == pytest.approx(100 * (current_kg - previous_kg) / previous_kg)
    assert change.location_t < 0
    previous_market_kg = previous_kg - 100_000 * EL_LOC_BEFORE + 100_000 * EL_MKT_BEFORE
    current_market_kg = current_kg - 100_000 * EL_LOC + 100_000 * EL_MKT
    assert change.market_t == pytest.approx((current_market_kg - previous_market_kg) / 1000)


def test_change_against_base_year_is_over_partners_with_a_base_year_before_the_year(network):
    change = network_report(YEAR).against_base_year

    # Only the bakery: the workshop's base year is the report's year itself.
    assert change.partners == 1
    base_kg = 1200 * DIESEL_BEFORE + 100_000 * EL_LOC_BEFORE
    now_kg = 1000 * DIESEL + 100_000 * EL_LOC
    assert change.previous_location_t == pytest.approx(base_kg / 1000)
    assert change.location_t == pytest.approx((now_kg - base_kg) / 1000)
    assert change.location_percent == pytest.approx(100 * (now_kg - base_kg) / base_kg)


def test_only_partners_that_published_their_approved_account_are_named(network):
    named = network_report(YEAR).named

    # Not the municipality or the workshop (not published), nor the haulier (only submitted)
    # or the former member (not active).
    assert [entry.name for entry in named] == ["Fjordbakst AS"]
    assert named[0].emissions.scope1_t == pytest.approx(1000 * DIESEL / 1000)


def test_breakdowns_by_sector_and_kind_count_partners_and_sum_to_the_total(network):
    report = network_report(YEAR)

    sectors = {group.key: group for group in report.by_sector}
    assert {key: group.partners for key, group in sectors.items()} == {"C": 2, "O": 1}
    assert sectors["C"].emissions.scope1_t == pytest.approx(1000 * DIESEL / 1000)
    assert sectors["C"].emissions.scope2_location_t == pytest.approx(150_000 * EL_LOC / 1000)
    kinds = {group.key: group.partners for group in report.by_kind}
    assert kinds == {"company": 2, "municipality": 1}
    for groups in (report.by_sector, report.by_kind):
        assert sum(group.partners for group in groups) == report.reporting_partners
        assert sum(group.emissions.total_location_t for group in groups) == pytest.approx(
            report.emissions.total_location_t
        )
        assert sum(group.emissions.total_market_t for group in groups) == pytest.approx(
            report.emissions.total_market_t
        )


def test_share_of_reporting_partners_with_a_target_and_on_track(network):
    # The bakery cuts from 4.7 t (2023) to 3.9 t: on its path to half by 2030.
    make_target(network["bakery"], base_year=YEAR - 1, base_value=1.0)
    # The municipality's scopes 1 and 2 stay the same: off its path.
    make_target(network["municipality"], base_year=YEAR - 1, base_value=1.0)
    # A withdrawn target is no target; the haulier does not report.
    make_target(network["workshop"], status=Target.Status.WITHDRAWN)
    make_target(network["haulier"])

    targets = network_report(YEAR).targets

    assert (targets.reporting, targets.with_target) == (3, 2)
    assert (targets.on_track, targets.off_track, targets.not_known) == (1, 1, 0)
    assert targets.share_with_target == pytest.approx(2 / 3)
    assert targets.share_on_track == pytest.approx(1 / 2)


def test_measures_done_in_the_year_or_before_are_counted_with_their_reduction(network):
    plan = ActionPlan.objects.create(organisation=network["bakery"])
    for start_year, status, reduction in [
        (YEAR - 2, Measure.Status.DONE, "2.5"),
        (YEAR, Measure.Status.DONE, "1.0"),
        (YEAR + 1, Measure.Status.DONE, "9.0"),  # after the year
        (YEAR, Measure.Status.PLANNED, "5.0"),  # not done
    ]:
        Measure.objects.create(
            plan=plan,
            title="Tiltak",
            category=Measure.Category.TRANSPORT,
            expected_reduction_t=Decimal(reduction),
            start_year=start_year,
            status=status,
        )
    # An active partner that has not reported yet still did its measure.
    Measure.objects.create(
        plan=ActionPlan.objects.create(organisation=network["haulier"]),
        title="Tiltak",
        category=Measure.Category.HEATING,
        expected_reduction_t=Decimal("0.5"),
        start_year=YEAR - 1,
        status=Measure.Status.DONE,
    )

    measures = network_report(YEAR).measures

    assert measures.count == 3
    assert measures.expected_reduction_t == pytest.approx(2.5 + 1.0 + 0.5)


def test_a_year_without_approved_accounts_gives_an_empty_report(network):
    report = network_report(2019)

    assert (report.active_partners, report.reporting_partners) == (4, 0)
    assert report.emissions.total_location_t == 0
    assert report.against_previous_year.partners == 0
    assert report.against_previous_year.location_percent is None
    assert report.named == () and report.by_sector == ()
    assert report.targets.share_with_target is None


def _partners_with_everything(count: int, by) -> None:
    for _ in range(count):
        organisation = partner()
        make_account(organisation, YEAR, [("diesel", 100, "l")], status=APPROVED, publish=True)
        make_account(organisation, YEAR - 1, [("diesel", 120, "l")], status=APPROVED)
        choose_base_year(organisation=organisation, year=YEAR - 1, by=by)
        make_target(organisation, base_year=YEAR - 1)
        Measure.objects.create(
            plan=ActionPlan.objects.create(organisation=organisation),
            title="Tiltak",
            category=Measure.Category.TRANSPORT,
            expected_reduction_t=Decimal(1),
            start_year=YEAR,
            status=Measure.Status.DONE,
        )


def test_report_reads_the_same_number_of_queries_for_2_and_10_partners(db):
    by = make_user()
    _partners_with_everything(2, by)
    network_report(YEAR)  # the factor set and calculators are read once per process
    with CaptureQueriesContext(connection) as two:
        assert network_report(YEAR).reporting_partners == 2
    _partners_with_everything(8, by)
    with CaptureQueriesContext(connection) as ten:
        assert network_report(YEAR).reporting_partners == 10

    assert len(two) == len(ten) == 6


def test_the_core_of_the_report_imports_without_django():
    code = (
        "import sys\n"
        "import klimanett.region.report\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- Properties of the pure core -----------------------------------------------------------

kg = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
totals = st.builds(
    ScopeTotals, scope1_kg=kg, scope2_location_kg=kg, scope2_market_kg=kg, scope3_kg=kg
)
YEARS = st.sampled_from([YEAR - 1, YEAR])


@st.composite
def partner_inputs(draw):
    ids = draw(st.lists(st.integers(1, 10_000), unique=True, max_size=8))
    return [
        PartnerInput(
            organisation_id=pk,
            name=f"Partner {pk}",
            sector=draw(st.sampled_from("ACFHOP")),
            kind=draw(st.sampled_from(["company", "municipality", "ngo"])),
            accounts=draw(st.dictionaries(YEARS, totals)),
            published_years=frozenset(draw(st.sets(YEARS))),
            base_year=draw(
                st.none()
                | st.builds(
                    BaseYearTotals,
                    year=st.integers(2015, YEAR),
                    total_location_kg=kg,
                    total_market_kg=kg,
                )
            ),
        )
        for pk in ids
    ]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


@given(partner_inputs())
def test_breakdowns_by_sector_and_by_kind_always_sum_to_the_total(partners):
    report = compute_report(YEAR, partners)

    for groups in (report.by_sector, report.by_kind):
        assert sum(group.partners for group in groups) == report.reporting_partners
        for name in ("scope1_t", "scope2_location_t", "scope2_market_t", "scope3_t"):
            assert _close(
                math.fsum(getattr(group.emissions, name) for group in groups),
                getattr(report.emissions, name),
            )


@given(partner_inputs())
def test_like_for_like_change_is_zero_when_both_years_have_the_same_figures(partners):
    same = [
        PartnerInput(
            organisation_id=p.organisation_id,
            name=p.name,
            sector=p.sector,
            kind=p.kind,
            accounts={YEAR - 1: p.accounts[YEAR], YEAR: p.accounts[YEAR]}
            if YEAR in p.accounts
            else {},
        )
        for p in partners
    ]

    change = compute_report(YEAR, same).against_previous_year

    assert change.partners == sum(1 for p in same if p.accounts)
    assert change.location_t == 0 and change.market_t == 0
    assert change.location_percent in (None, 0)


@given(partner_inputs())
def test_change_sets_and_names_follow_the_accounts_and_consent(partners):
    report = compute_report(YEAR, partners)

    reporting = [p for p in partners if YEAR in p.accounts]
    assert report.against_previous_year.partners == sum(
        1 for p in reporting if YEAR - 1 in p.accounts
    )
    assert report.against_base_year.partners == sum(
        1 for p in reporting if p.base_year is not None and p.base_year.year < YEAR
    )
    assert {n.organisation_id for n in report.named} == {
        p.organisation_id for p in reporting if YEAR in p.published_years
    }
    assert report.against_previous_year.partners <= report.reporting_partners
