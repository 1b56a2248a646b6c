"""The checks that ask for an explanation before submission, on hand-worked examples with the
real NO-2025.1 factors."""

import pytest

from klimanett.accounting.ghg.calculate import ActivityLine, Calculator
from klimanett.accounting.ghg.checks import Finding, PeerMedian, peer_scales, run_checks
from klimanett.accounting.ghg.factors import load_factor_set, read_factor_set


@pytest.fixture(scope="module")
def factor_set():
    return load_factor_set("NO-2025.1")


def computed(factor_set, year, *lines):
    calculator = Calculator(factor_set, year=year)
    return [
        calculator.compute(ActivityLine(activity=activity, quantity=quantity, unit=unit))
        for activity, quantity, unit in lines
    ]


def codes(findings):
    return sorted(finding.key for finding in findings)


ELECTRICITY = ("electricity", 20_000, "kWh")


def test_electricity_in_mwh_where_last_year_had_kwh_is_a_quantity_scale_finding(factor_set):
    previous = computed(factor_set, 2023, ("electricity", 10_000, "kWh"))
    current = computed(factor_set, 2024, ("electricity", 10_000, "MWh"))

    findings = run_checks(current=current, previous=previous)

    scale = next(f for f in findings if f.code == "quantity_scale")
    # 10 000 MWh = 10 000 000 kWh against 10 000 kWh: 1 000 times
    assert scale.subject == "electricity"
    assert (scale.value, scale.reference, scale.unit) == (10_000_000, 10_000, "kWh")
    assert scale.ratio == pytest.approx(1000)
    assert scale.key == "quantity_scale:electricity"
    # and the category's emissions jump: 10 000 000 kWh × 0.0119 = 119 000 kg (2024)
    # against 10 000 kWh × 0.015 = 150 kg (2023)
    change = next(f for f in findings if f.code == "category_change")
    assert change.subject == "electricity"
    assert change.value == pytest.approx(119_000)
    assert change.reference == pytest.approx(150)
    assert codes(findings) == ["category_change:electricity", "quantity_scale:electricity"]


def test_a_quantity_a_thousandth_of_last_years_is_a_quantity_scale_finding(factor_set):
    # 2 t of paper last year; this year 2 with the unit kg where tonnes were meant: 0.002 t
    previous = computed(factor_set, 2023, ("paper", 2, "t"), ELECTRICITY)
    current = computed(factor_set, 2024, ("paper", 2, "kg"), ELECTRICITY)

    findings = run_checks(current=current, previous=previous)

    scale = next(f for f in findings if f.code == "quantity_scale")
    assert scale.subject == "paper"
    assert scale.ratio == pytest.approx(0.001)


def test_the_quantity_scale_limit_is_500_times_either_way(factor_set):
    previous = computed(factor_set, 2023, ("rail", 100, "pkm"), ("bus", 500, "pkm"), ELECTRICITY)
    at_limit = computed(factor_set, 2024, ("rail", 50_000, "pkm"), ("bus", 1, "pkm"), ELECTRICITY)
    under = computed(factor_set, 2024, ("rail", 49_900, "pkm"), ("bus", 1.01, "pkm"), ELECTRICITY)

    def scales(current):
        findings = run_checks(current=current, previous=previous)
        return [f.subject for f in findings if f.code == "quantity_scale"]

    # rail 50 000 / 100 = 500; bus 1 / 500 = 1/500
    assert scales(at_limit) == ["bus", "rail"]
    # rail 49 900 / 100 = 499; bus 1.01 / 500 > 1/500
    assert scales(under) == []


def test_a_category_change_over_30_percent_either_way_is_a_finding(factor_set):
    previous = computed(factor_set, 2023, ("diesel", 1000, "l"), ELECTRICITY)
    up = computed(factor_set, 2024, ("diesel", 1400, "l"), ELECTRICITY)
    down = computed(factor_set, 2024, ("diesel", 600, "l"), ELECTRICITY)
    exactly_30 = computed(factor_set, 2024, ("diesel", 1300, "l"), ELECTRICITY)

    # 1 400 l × 2.66 = 3 724 kg against 1 000 l × 2.66 = 2 660 kg: +40 %
    (finding,) = [
        f for f in run_checks(current=up, previous=previous) if f.subject == "fuel_mobile"
    ]
    assert finding == Finding(
        code="category_change",
        subject="fuel_mobile",
        value=pytest.approx(3724),
        reference=pytest.approx(2660),
        unit="kg CO2e",
    )
    assert finding.change_percent == pytest.approx(40)
    # 600 l × 2.66 = 1 596 kg: −40 %
    (finding,) = [
        f for f in run_checks(current=down, previous=previous) if f.subject == "fuel_mobile"
    ]
    assert finding.change_percent == pytest.approx(-40)
    # 1 300 l: +30 %, not more than 30 %
    assert not [
        f for f in run_checks(current=exactly_30, previous=previous) if f.subject == "fuel_mobile"
    ]


def test_electricity_changing_with_its_factor_only_is_not_a_category_change(factor_set):
    # The same 20 000 kWh: 2023 × 0.015 = 300 kg, 2024 × 0.0119 = 238 kg: −20.7 %
    previous = computed(factor_set, 2023, ELECTRICITY)
    current = computed(factor_set, 2024, ELECTRICITY)
    assert run_checks(current=current, previous=previous) == []


def test_a_category_that_appears_or_disappears_is_a_change(factor_set):
    previous = computed(factor_set, 2023, ("diesel", 1000, "l"), ELECTRICITY)
    current = computed(factor_set, 2024, ("heating_oil", 1000, "l"), ELECTRICITY)

    findings = {f.subject: f for f in run_checks(current=current, previous=previous)}

    # fuel_mobile 2 660 kg → 0: −100 %; fuel_stationary 0 → 2 660 kg: no percentage
    assert findings["fuel_mobile"].change_percent == pytest.approx(-100)
    assert findings["fuel_stationary"].value == pytest.approx(2660)
    assert findings["fuel_stationary"].change_percent is None
    assert set(findings) == {"fuel_mobile", "fuel_stationary"}


def test_small_categories_under_100_kg_in_both_years_are_ignored(factor_set):
    # water: 100 m³ × 0.1913 = 19.1 kg against 300 m³ × 0.1913 = 57.4 kg: +200 %, but small
    previous = computed(factor_set, 2023, ("water_supply", 100, "m3"), ELECTRICITY)
    current = computed(factor_set, 2024, ("water_supply", 300, "m3"), ELECTRICITY)
    assert run_checks(current=current, previous=previous) == []
    # 600 m³ = 114.8 kg: over the floor this year
    bigger = computed(factor_set, 2024, ("water_supply", 600, "m3"), ELECTRICITY)
    assert codes(run_checks(current=bigger, previous=previous)) == ["category_change:water"]


def test_without_last_year_only_this_years_checks_run(factor_set):
    current = computed(factor_set, 2024, ("diesel", 1000, "l"))
    assert run_checks(current=current, previous=None) == [
        Finding(code="no_electricity", subject="electricity")
    ]


def test_electricity_with_guarantees_of_origin_counts_as_electricity(factor_set):
    # 10 000 kWh × 0.015 = 150 kg location-based, × 0 = 0 kg market-based (2023): the
    # market-based figure is lower, but with guarantees of origin, so nothing to explain
    current = computed(factor_set, 2023, ("electricity_with_guarantees", 10_000, "kWh"))
    assert run_checks(current=current, previous=None) == []


def test_market_based_below_location_based_without_guarantees_is_a_finding():
    # A set (as a future one might be) whose residual mix is below the production mix.
    header = (
        "activity,name_nb,name_en,category,scope,ghgp_scope3_category,unit,method,"
        "kgco2e_per_unit,biogenic_kgco2_per_unit,year,region,quality,source_title,source_url,"
        "notes,research_key\n"
    )
    rows = (
        "electricity,Strøm,Electricity,electricity,2,,kWh,location,0.02,,2024,NO,official,T,"
        "https://x,,\n"
        "electricity,Strøm,Electricity,electricity,2,,kWh,market,0.01,,2024,NO,official,T,"
        "https://x,,\n"
    )
    factor_set = read_factor_set(version="TEST", factors_csv=header + rows)
    current = computed(factor_set, 2024, ("electricity", 10_000, "kWh"))

    (finding,) = run_checks(current=current, previous=None)

    # market 10 000 × 0.01 = 100 kg against location 10 000 × 0.02 = 200 kg
    assert finding.key == "market_below_location:scope2"
    assert finding.value == pytest.approx(100)
    assert finding.reference == pytest.approx(200)


def test_market_based_above_location_based_is_fine(factor_set):
    # 20 000 kWh × 0.402 (residual mix) = 8 040 kg against × 0.0119 = 238 kg
    assert run_checks(current=computed(factor_set, 2024, ELECTRICITY), previous=None) == []


# --- Against the peers' medians ---------------------------------------------------------------

FIVE_PEERS = 5


def test_a_quantity_1000_times_the_peers_median_per_employee_is_a_peer_scale_finding(factor_set):
    # 80 000 kWh meant, entered as MWh: 80 000 000 kWh / 20 employees = 4 000 000 kWh each,
    # against a median of 5 000 kWh per employee: 800 times
    current = computed(factor_set, 2024, ("electricity", 80_000, "MWh"))
    peers = {("electricity", "kWh"): PeerMedian(median=5000, peers=FIVE_PEERS)}

    (finding,) = peer_scales(current, peers=peers, employees=20)

    assert finding == Finding(
        code="peer_scale",
        subject="electricity",
        value=4_000_000,
        reference=5000,
        unit="kWh per employee",
    )
    assert finding.ratio == pytest.approx(800)
    assert finding.key == "peer_scale:electricity"


def test_a_quantity_a_thousandth_of_the_peers_median_is_a_peer_scale_finding(factor_set):
    # 2 t of paper meant, entered as kg: 0.002 t / 10 employees = 0.0002 t each, against a
    # median of 0.2 t per employee: a 1 000th
    current = computed(factor_set, 2024, ("paper", 2, "kg"))
    peers = {("paper", "t"): PeerMedian(median=0.2, peers=FIVE_PEERS)}

    (finding,) = peer_scales(current, peers=peers, employees=10)

    assert finding.subject == "paper"
    assert finding.ratio == pytest.approx(0.001)


def test_the_peer_scale_limit_is_500_times(factor_set):
    peers = {("diesel", "l"): PeerMedian(median=10, peers=FIVE_PEERS)}

    def flagged(litres):
        current = computed(factor_set, 2024, ("diesel", litres, "l"))
        return [f.subject for f in peer_scales(current, peers=peers, employees=10)]

    # 50 000 l / 10 employees = 5 000 l each: 500 times the median of 10 l
    assert flagged(50_000) == ["diesel"]
    # 49 900 l: 4 990 l each, 499 times; 20 l: 2 l each, a 5th (an ordinary difference)
    assert flagged(49_900) == []
    assert flagged(20) == []


def test_lines_of_one_activity_are_summed_in_the_factors_unit(factor_set):
    # 2 000 kWh + 4 999 MWh = 5 001 000 kWh, / 10 employees = 500 100 kWh each: 500.1 times
    current = computed(factor_set, 2024, ("electricity", 2000, "kWh"), ("electricity", 4999, "MWh"))
    peers = {("electricity", "kWh"): PeerMedian(median=1000, peers=FIVE_PEERS)}
    (finding,) = peer_scales(current, peers=peers, employees=10)
    assert finding.value == pytest.approx(500_100)


def test_without_employees_nothing_is_compared_with_the_peers(factor_set):
    # 1 000 000 l against a median of 1 000 l would be 1 000 times, but plain quantities of a
    # municipality and a small firm differ that much for real
    current = computed(factor_set, 2024, ("diesel", 1_000_000, "l"))
    peers = {("diesel", "l"): PeerMedian(median=1000, peers=FIVE_PEERS)}
    for employees in (None, 0):
        assert peer_scales(current, peers=peers, employees=employees) == []


def test_fewer_than_5_peers_are_no_comparison(factor_set):
    current = computed(factor_set, 2024, ("electricity", 80_000, "MWh"))
    peers = {("electricity", "kWh"): PeerMedian(median=5000, peers=4)}
    assert peer_scales(current, peers=peers, employees=20) == []


def test_only_activities_with_a_median_in_the_same_unit_are_compared(factor_set):
    current = computed(factor_set, 2024, ("electricity", 80_000, "MWh"), ("diesel", 10, "l"))
    peers = {
        ("electricity", "MWh"): PeerMedian(median=5, peers=FIVE_PEERS),  # another unit
        ("paper", "t"): PeerMedian(median=5, peers=FIVE_PEERS),  # not in the account
        ("diesel", "l"): PeerMedian(median=0, peers=FIVE_PEERS),  # a median of zero
    }
    assert peer_scales(current, peers=peers, employees=20) == []


def test_run_checks_adds_the_peers_findings_but_does_not_repeat_a_quantity_scale(factor_set):
    previous = computed(factor_set, 2023, ("electricity", 80_000, "kWh"), ("diesel", 10, "l"))
    current = computed(factor_set, 2024, ("electricity", 80_000, "MWh"), ("diesel", 10_000, "l"))
    peers = {
        ("electricity", "kWh"): PeerMedian(median=4000, peers=FIVE_PEERS),
        ("diesel", "l"): PeerMedian(median=0.5, peers=FIVE_PEERS),
    }

    with_history = run_checks(current=current, previous=previous, peers=peers, employees=20)
    without_history = run_checks(current=current, previous=None, peers=peers, employees=20)

    # electricity: 1 000 times last year's and 1 000 times the peers' (4 000 000 kWh against
    # 4 000 kWh each): explained once, as against last year. Diesel: 10 000 l / 20 = 500 l
    # each, 1 000 times the median of 0.5 l; last year's 10 l to 10 000 l is also 1 000 times.
    assert codes(with_history) == [
        "category_change:electricity",
        "category_change:fuel_mobile",
        "quantity_scale:diesel",
        "quantity_scale:electricity",
    ]
    assert codes(without_history) == ["peer_scale:diesel", "peer_scale:electricity"]
