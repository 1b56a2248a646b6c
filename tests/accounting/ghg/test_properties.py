"""Properties of the engine that hold for every activity, quantity and split."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting.ghg.calculate import ActivityLine, Calculator, scope_totals
from klimanett.accounting.ghg.factors import load_factor_set

FACTOR_SET = load_factor_set("NO-2025.1")
ACTIVITIES = FACTOR_SET.activities()
quantities = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2010, max_value=2035)


def native_unit(activity):
    return next(f.unit for f in FACTOR_SET.factors if f.activity == activity)


def emissions(lines, *, year):
    totals = Calculator(FACTOR_SET, year=year).totals(lines)
    return totals.total_location_kg, totals.total_market_kg, totals.biogenic_kgco2


@st.composite
def activity_lines(draw):
    activity = draw(st.sampled_from(ACTIVITIES))
    return ActivityLine(activity=activity, quantity=draw(quantities), unit=native_unit(activity))


@given(activity=st.sampled_from(ACTIVITIES), quantity=quantities, year=years)
def test_twice_the_quantity_gives_twice_the_emissions(activity, quantity, year):
    unit = native_unit(activity)
    once = emissions([ActivityLine(activity=activity, quantity=quantity, unit=unit)], year=year)
    twice = emissions(
        [ActivityLine(activity=activity, quantity=2 * quantity, unit=unit)], year=year
    )
    assert twice == pytest.approx(tuple(2 * value for value in once))


@given(
    activity=st.sampled_from(ACTIVITIES),
    quantity=quantities,
    share=st.floats(min_value=0, max_value=1),
    year=years,
)
def test_a_quantity_split_in_two_lines_gives_the_same_total(activity, quantity, share, year):
    unit = native_unit(activity)
    part = quantity * share
    whole = emissions([ActivityLine(activity=activity, quantity=quantity, unit=unit)], year=year)
    split = emissions(
        [
            ActivityLine(activity=activity, quantity=part, unit=unit),
            ActivityLine(activity=activity, quantity=quantity - part, unit=unit),
        ],
        year=year,
    )
    assert split == pytest.approx(whole, rel=1e-9, abs=1e-6)


@given(
    first=st.lists(activity_lines(), max_size=20), second=st.lists(activity_lines(), max_size=20)
)
def test_the_total_of_an_account_is_the_sum_of_the_totals_of_its_parts(first, second):
    parts = [emissions(first, year=2024), emissions(second, year=2024)]
    whole = emissions(first + second, year=2024)
    assert whole == pytest.approx(
        tuple(a + b for a, b in zip(*parts, strict=True)), rel=1e-9, abs=1e-6
    )


@pytest.mark.parametrize(
    ("activity", "small_unit", "large_unit", "small_per_large"),
    [
        ("electricity", "kWh", "MWh", 1000),
        ("district_heating", "kWh", "GWh", 1_000_000),
        ("diesel", "l", "m3", 1000),
        ("waste_landfill", "kg", "t", 1000),
        ("car_diesel", "km", "mil", 10),
    ],
)
@given(quantity=quantities, year=years)
def test_the_same_amount_in_another_unit_gives_the_same_emissions(
    activity, small_unit, large_unit, small_per_large, quantity, year
):
    in_small = emissions(
        [ActivityLine(activity=activity, quantity=quantity, unit=small_unit)], year=year
    )
    in_large = emissions(
        [ActivityLine(activity=activity, quantity=quantity / small_per_large, unit=large_unit)],
        year=year,
    )
    assert in_large == pytest.approx(in_small, rel=1e-12)


@given(quantity=quantities)
def test_diesel_in_litres_and_in_its_energy_gives_the_same_emissions(quantity):
    in_litres = emissions([ActivityLine(activity="diesel", quantity=quantity, unit="l")], year=2024)
    in_kwh = emissions(
        [ActivityLine(activity="diesel", quantity=quantity * 10.056, unit="kWh")], year=2024
    )
    assert in_kwh == pytest.approx(in_litres, rel=1e-12)


@given(lines=st.lists(activity_lines(), max_size=50), year=years)
def test_the_batch_path_agrees_exactly_with_the_per_line_path(lines, year):
    calculator = Calculator(FACTOR_SET, year=year)
    assert calculator.totals(lines) == scope_totals(calculator.compute(line) for line in lines)
