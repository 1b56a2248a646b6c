"""Each target measured up from the organisation's accounts: the yearly pace, 1.5 °C, the
county's path and whether the accounts are on track, hand-worked; the base value read live
from the base year's account; and in a batch without a query per organisation."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.climateplans import actuals
from klimanett.climateplans.evaluation import evaluate_target, evaluate_targets
from klimanett.climateplans.models import Target
from tests.builders import make_account, make_organisation, make_target

# Diesel is 2.66 kg CO2e/l (scope 1) and 10.056 kWh/l in NO-2025.1.
BASE_2020_KG = 10_000 * 2.66  # 26 600 kg
ACTUAL_2023_KG = 8_000 * 2.66  # 21 280 kg


@pytest.fixture(autouse=True)
def _in_english():
    """The notes are read in English (bokmål is the default language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def accounts_of_a(organisation_a):
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="submitted", employees=10)
    make_account(organisation_a, 2023, [("diesel", 8_000, "l")], status="approved", employees=10)
    # A draft does not count.
    make_account(organisation_a, 2024, [("diesel", 20_000, "l")], employees=10)
    return actuals.figures_of(organisation_a.pk)


def _target(organisation, **overrides):
    """Scopes 1 and 2 (the accounts have diesel only, scope 1, so the figures are scope 1's)."""
    fields = {
        "scopes": Target.Scopes.SCOPES_1_2,
        "base_year": 2020,
        "base_value": BASE_2020_KG,
        "target_year": 2030,
        "reduction_percent": Decimal(60),
    }
    return make_target(organisation, **(fields | overrides))


def test_a_60_percent_cut_by_2030_is_1_5c_aligned_keeps_the_county_pace_and_is_on_track(
    organisation_a, accounts_of_a
):
    result = evaluate_target(_target(organisation_a), accounts_of_a)

    # 60 % over 10 years: 6 % of the base year a year; compound 1 − 0.4^(1/10) = 8.7556 %
    assert result.linear_rate_percent == pytest.approx(6.0)
    assert result.compound_rate_percent == pytest.approx(8.7556, abs=1e-4)
    # 6 % ≥ SBTi's 4.2 % a year
    assert result.aligned_1_5c is True
    assert result.alignment_note == ""
    # The county's path is linear from 1.0 in 2009 to 0.4 in 2030: 2020 is at
    # 1 − 0.6 × 11/21 = 0.685714, so 2020→2030 cuts 1 − 0.4/0.685714 = 41.67 %; 60 % ≥ 41.67 %
    assert result.county_cut_percent == pytest.approx(41.6667, abs=1e-3)
    assert result.keeps_county_pace is True
    # 2023 (the 2024 draft does not count): the path allows 26 600 × (1 − 0.6 × 3/10) = 21 812;
    # the account shows 21 280
    assert result.on_track is True
    assert result.latest.year == 2023
    assert result.latest.actual == pytest.approx(ACTUAL_2023_KG)
    assert result.latest.path == pytest.approx(21_812)
    # shown in tonnes
    assert result.unit.divisor == 1000
    assert result.shown_base == pytest.approx(26.6)
    assert result.shown_target == pytest.approx(10.64)  # 26.6 × 0.4
    assert [(row.year, row.on_path) for row in result.years] == [(2020, None), (2023, True)]


def test_a_30_percent_cut_by_2030_is_too_slow_for_1_5c_and_the_county(
    organisation_a, accounts_of_a
):
    result = evaluate_target(_target(organisation_a, reduction_percent=Decimal(30)), accounts_of_a)

    # 30 % / 10 years = 3 % a year < 4.2 %
    assert result.linear_rate_percent == pytest.approx(3.0)
    assert result.aligned_1_5c is False
    # 30 % < the county's 41.67 % between 2020 and 2030
    assert result.keeps_county_pace is False
    # but 2023 is on its own path: 26 600 × (1 − 0.3 × 3/10) = 24 206 ≥ 21 280
    assert result.on_track is True


def test_a_cut_to_zero_by_2025_is_behind_in_2023(organisation_a, accounts_of_a):
    result = evaluate_target(
        _target(organisation_a, reduction_percent=Decimal(100), target_year=2025),
        accounts_of_a,
    )

    # 100 % / 5 years = 20 % a year; a cut to zero has no compound rate
    assert result.linear_rate_percent == pytest.approx(20.0)
    assert result.compound_rate_percent is None
    # county 2020→2025: 1 − (1 − 0.6 × 16/21) / (1 − 0.6 × 11/21) = 1 − 0.542857/0.685714
    # = 20.83 %
    assert result.county_cut_percent == pytest.approx(20.8333, abs=1e-3)
    # 2023: the path allows 26 600 × (1 − 3/5) = 10 640; the account shows 21 280
    assert result.latest.path == pytest.approx(10_640)
    assert result.on_track is False
    assert result.years[-1].on_path is False


def test_an_intensity_target_is_judged_against_neither_1_5c_nor_the_county_path(
    organisation_a, accounts_of_a
):
    target = _target(
        organisation_a, metric=Target.Metric.PER_EMPLOYEE, base_value=BASE_2020_KG / 10
    )
    result = evaluate_target(target, accounts_of_a)

    assert result.aligned_1_5c is None
    assert "absolute emissions" in result.alignment_note
    # the county's path is for total emissions: not comparable (it used to give a verdict)
    assert result.county_cut_percent is None
    assert result.keeps_county_pace is None
    assert not result.county_comparable
    assert "intensity" in result.county_note
    # 2 660 kg per employee in 2020; 2 128 in 2023 against 2 660 × 0.82 = 2 181.2
    assert result.latest.actual == pytest.approx(2_128)
    assert result.latest.path == pytest.approx(2_181.2)
    assert result.on_track is True
    assert result.unit.divisor == 1


def test_an_energy_target_has_neither_the_1_5c_pace_nor_the_county_path(
    organisation_a, accounts_of_a
):
    target = make_target(
        organisation_a,
        kind=Target.Kind.ENERGY,
        base_year=2020,
        base_value=100_560.0,  # 10 000 l × 10.056 kWh/l
        reduction_percent=Decimal(20),
    )
    result = evaluate_target(target, accounts_of_a)

    assert result.aligned_1_5c is None
    assert result.county_cut_percent is None
    assert result.keeps_county_pace is None
    assert "energy" in result.alignment_note
    # 2 % a year; 2023: 8 000 × 10.056 = 80 448 kWh against 100 560 × (1 − 0.2 × 0.3) = 94 526.4
    assert result.linear_rate_percent == pytest.approx(2.0)
    assert result.latest.actual == pytest.approx(80_448)
    assert result.latest.path == pytest.approx(94_526.4)
    assert result.on_track is True


def test_a_renewable_share_target_is_on_track_when_the_share_is_at_or_above_its_path(
    organisation_a,
):
    # 2020: 40 000 of 100 000 kWh with guarantees of origin = 40 %; 2023: 70 000 of 100 000 = 70 %
    make_account(
        organisation_a,
        2020,
        [("electricity", 60_000, "kWh"), ("electricity_with_guarantees", 40_000, "kWh")],
        status="approved",
    )
    make_account(
        organisation_a,
        2023,
        [("electricity", 30_000, "kWh"), ("electricity_with_guarantees", 70_000, "kWh")],
        status="submitted",
    )
    target = make_target(
        organisation_a,
        kind=Target.Kind.RENEWABLE_SHARE,
        base_year=2020,
        base_value=40.0,
        reduction_percent=None,
        target_share_percent=Decimal(90),
    )
    result = evaluate_target(target, actuals.figures_of(organisation_a.pk))

    assert result.is_increase is True
    # (90 − 40) / 10 = 5 percentage points a year
    assert result.linear_rate_percent == pytest.approx(5.0)
    assert result.compound_rate_percent is None
    assert result.aligned_1_5c is None
    assert result.county_cut_percent is None
    # 2023: the path asks for 40 + 5 × 3 = 55 %; the accounts show 70 %
    assert result.latest.actual == pytest.approx(70.0)
    assert result.latest.path == pytest.approx(55.0)
    assert result.on_track is True

    behind = make_target(
        organisation_a,
        kind=Target.Kind.RENEWABLE_SHARE,
        base_year=2020,
        base_value=40.0,
        target_year=2022,
        reduction_percent=None,
        target_share_percent=Decimal(80),
    )
    # from 2022 on the path asks for 80 %; 70 % in 2023 is behind
    assert evaluate_target(behind, actuals.figures_of(organisation_a.pk)).on_track is False


def test_without_an_account_after_the_base_year_on_track_is_not_known_yet(organisation_a):
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="approved")
    result = evaluate_target(_target(organisation_a), actuals.figures_of(organisation_a.pk))

    assert result.on_track is None
    assert result.latest is None
    assert [row.year for row in result.years] == [2020]


def test_a_share_target_below_the_base_share_is_reported_as_a_problem_not_an_error(
    organisation_a,
):
    target = make_target(
        organisation_a,
        kind=Target.Kind.RENEWABLE_SHARE,
        base_value=60.0,
        reduction_percent=None,
        target_share_percent=Decimal(50),
    )
    result = evaluate_target(target, {})

    assert result.problem
    assert result.on_track is None


def test_the_batch_evaluation_makes_no_query(organisation_a, organisation_b):
    organisations = [organisation_a, organisation_b, make_organisation(), make_organisation()]
    for organisation in organisations:
        make_account(organisation, 2020, [("diesel", 10_000, "l")], status="approved")
        make_account(organisation, 2023, [("diesel", 8_000, "l")], status="approved")
        _target(organisation)
        _target(organisation, reduction_percent=Decimal(30))
    withdrawn = _target(organisation_a, status=Target.Status.WITHDRAWN)
    ids = [organisation.pk for organisation in organisations]

    figures = actuals.figures_by_organisation(ids)
    targets = list(Target.objects.filter(organisation_id__in=ids))
    with CaptureQueriesContext(connection) as queries:
        results = evaluate_targets(targets, figures)
    assert len(queries) == 0
    assert [result.target for result in results] == targets
    assert withdrawn in [result.target for result in results]
    assert all(result.on_track is True for result in results)
    # the base values are read from the figures given, with no query of their own
    assert all(result.base.from_account for result in results)


def test_an_organisation_missing_from_the_figures_has_no_accounts(organisation_a):
    result = evaluate_targets([_target(organisation_a)], {})[0]

    assert result.on_track is None
    assert result.years == ()


# --- 1.5 °C only where it applies --------------------------------------------------------------


def test_the_standard_commitment_of_scope_1_alone_is_not_judged_against_1_5c(
    organisation_a, accounts_of_a
):
    # scope 1, −100 % from 2020 to 2030: 10 % a year would pass SBTi's 4.2 %, but SBTi's pace
    # is for targets covering at least scopes 1 and 2 (it used to say "aligned")
    target = _target(
        organisation_a,
        scopes=Target.Scopes.SCOPE_1,
        reduction_percent=Decimal(100),
        is_standard_commitment=True,
    )
    result = evaluate_target(target, accounts_of_a)

    assert result.linear_rate_percent == pytest.approx(10.0)
    assert result.aligned_1_5c is None
    assert "at least scopes 1 and 2" in result.alignment_note
    assert "scope 1 only" in result.alignment_note


def test_a_target_with_a_base_of_zero_is_not_judged_against_1_5c(organisation_a):
    # an account of 2020 without lines: 0 kg in scopes 1 and 2; −60 % of 0 is no cut at all
    make_account(organisation_a, 2020, [], status="approved")
    result = evaluate_target(
        _target(organisation_a, base_value=0.0), actuals.figures_of(organisation_a.pk)
    )

    assert result.base_value == 0.0
    assert result.aligned_1_5c is None
    assert "0" in result.alignment_note


def test_an_absolute_target_of_scopes_1_and_2_is_still_judged(organisation_a, accounts_of_a):
    # 42 % over 10 years = 4.2 % a year: just aligned; 41 %: 4.1 % a year, slower
    aligned = _target(organisation_a, reduction_percent=Decimal(42))
    slower = _target(organisation_a, reduction_percent=Decimal(41))

    assert evaluate_target(aligned, accounts_of_a).aligned_1_5c is True
    assert evaluate_target(slower, accounts_of_a).aligned_1_5c is False


# --- The base value, read live from the base year's account -----------------------------------


def test_the_path_starts_from_the_base_year_account_as_it_is_now(organisation_a, accounts_of_a):
    target = _target(organisation_a)  # set on 26 600 kg (10 000 l diesel in 2020)
    # The 2020 account is returned, corrected to 12 000 l and submitted again:
    # 12 000 l × 2.66 kg CO2e/l = 31 920 kg
    AccountLine.objects.filter(account__organisation=organisation_a, account__year=2020).update(
        quantity=12_000
    )

    result = evaluate_target(target, actuals.figures_of(organisation_a.pk))

    assert result.base.from_account and result.base.changed
    assert result.base_value == pytest.approx(31_920)
    assert result.base.recorded == pytest.approx(BASE_2020_KG)
    # the path: 31 920 in 2020, 31 920 × (1 − 0.6 × 3/10) = 26 174.4 in 2023 (not 21 812),
    # 31 920 × 0.4 = 12 768 in 2030
    assert (result.years[0].year, result.years[0].path) == (2020, pytest.approx(31_920))
    assert result.latest.path == pytest.approx(26_174.4)
    assert result.target_value == pytest.approx(12_768)
    assert result.on_track is True  # 21 280 ≤ 26 174.4


def test_the_target_page_shows_the_recorded_base_value_beside_the_new_one(
    client, alice, organisation_a, accounts_of_a
):
    target = _target(organisation_a)
    AccountLine.objects.filter(account__organisation=organisation_a, account__year=2020).update(
        quantity=12_000
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(alice)

    page = client.get(reverse("climateplans:target_detail", args=[target.pk])).content.decode()

    # 26 600 kg = 26.6 t recorded; 31 920 kg = 31.9 t now
    assert "recorded when the target was set: 26.6 t CO2e; now: 31.9 t CO2e" in page


def test_the_recorded_base_value_is_used_when_the_base_year_account_is_returned(
    organisation_a, accounts_of_a
):
    target = _target(organisation_a)
    AccountLine.objects.filter(account__organisation=organisation_a, account__year=2020).update(
        quantity=12_000
    )
    # returned to the organisation: a draft again, so it does not count
    ClimateAccount.objects.filter(organisation=organisation_a, year=2020).update(
        status=ClimateAccount.Status.DRAFT
    )

    result = evaluate_target(target, actuals.figures_of(organisation_a.pk))

    assert not result.base.from_account and not result.base.changed
    assert result.base_value == pytest.approx(BASE_2020_KG)
    # 2023 against 26 600 × 0.82 = 21 812, as when the target was set
    assert result.latest.path == pytest.approx(21_812)


# --- On track only from the latest account ----------------------------------------------------


def test_on_track_is_not_known_when_the_latest_account_lacks_the_intensity_denominator(
    organisation_a, accounts_of_a
):
    # 2025 is submitted without the number of employees: kg per employee cannot be worked out
    make_account(organisation_a, 2025, [("diesel", 9_000, "l")], status="submitted")
    target = _target(
        organisation_a, metric=Target.Metric.PER_EMPLOYEE, base_value=BASE_2020_KG / 10
    )

    result = evaluate_target(target, actuals.figures_of(organisation_a.pk))

    # not "on track" from the older 2023 account (2 128 ≤ 2 181.2), as it used to be
    assert result.on_track is None
    assert result.latest is None
    assert result.unmeasured_year == 2025
    assert "2025" in result.on_track_note
    assert "the number of employees" in result.on_track_note
    # the years that can be measured are still shown
    assert [row.year for row in result.years] == [2020, 2023]
