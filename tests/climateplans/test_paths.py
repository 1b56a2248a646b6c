"""The arithmetic of targets, paths, climate budgets and abatement costs (``paths.py``): examples
worked out by hand in each test, and properties that hold for any input. No database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.climateplans.paths import (
    SBTI_1_5C_LINEAR_RATE,
    BudgetYear,
    CostedMeasure,
    CurveBar,
    MeasureEffect,
    PathError,
    ReferencePath,
    TargetSpec,
    abatement_cost_nok_per_t,
    abatement_curve,
    climate_budget,
    compound_yearly_rate,
    counted_from,
    in_actual_figures,
    is_1_5c_aligned,
    is_late,
    keeps_pace_with,
    linear_yearly_rate,
    on_track,
    target_path_value,
)
from klimanett.climateplans.reference_targets import county_path


def spec(base_year=2020, base_value=100.0, target_year=2030, reduction=0.5) -> TargetSpec:
    return TargetSpec(
        base_year=base_year, base_value=base_value, target_year=target_year, reduction=reduction
    )


# --- Targets and their paths -----------------------------------------------------------------


def test_a_target_of_minus_50_percent_allows_half_the_base_value_in_the_target_year():
    target = spec()  # 100 in 2020, −50 % by 2030
    assert target.years == 10
    assert target.target_value == pytest.approx(50.0)  # 100 × (1 − 0.5)


@pytest.mark.parametrize(
    ("year", "value"),
    [
        (2018, 100.0),  # before the base year: the base value
        (2020, 100.0),
        (2021, 95.0),  # 100 × (1 − 0.5 × 1/10)
        (2024, 80.0),  # 100 × (1 − 0.5 × 4/10)
        (2025, 75.0),  # halfway: half the cut
        (2030, 50.0),
        (2035, 50.0),  # after the target year it stays at the target
    ],
)
def test_the_target_path_is_linear_from_the_base_value_to_the_target(year, value):
    assert target_path_value(spec(), year) == pytest.approx(value)


def test_a_target_of_60_percent_over_ten_years_cuts_6_percent_of_the_base_a_year():
    target = spec(reduction=0.6)
    # linear: 0.6 / 10 = 0.06 of the base-year value every year
    assert linear_yearly_rate(target) == pytest.approx(0.06)
    # compound: 1 − 0.4^(1/10); 0.4^(1/10) = e^(ln 0.4 / 10) = e^(−0.0916291) = 0.9124435
    assert compound_yearly_rate(target) == pytest.approx(0.0875565, abs=1e-7)
    # and ten such years leave 40 %
    assert (1 - compound_yearly_rate(target)) ** 10 == pytest.approx(0.4)


def test_a_cut_of_100_percent_has_a_compound_rate_of_100_percent():
    assert compound_yearly_rate(spec(reduction=1.0)) == 1.0


def test_a_cut_of_nothing_has_rates_of_zero():
    target = spec(reduction=0.0)
    assert linear_yearly_rate(target) == 0.0
    assert compound_yearly_rate(target) == 0.0
    assert not is_1_5c_aligned(target)


@pytest.mark.parametrize(
    ("reduction", "years", "aligned"),
    [
        (0.42, 10, True),  # 0.42 / 10 = 0.042 exactly SBTi's pace (0.041999… in floating point)
        (0.126, 3, True),  # 0.126 / 3 = 0.042
        (0.419, 10, False),  # 0.0419 a year: just too slow
        (0.5, 10, True),  # 0.05 a year
        (0.6, 21, False),  # the county's −60 % from 2009 to 2030: 0.6 / 21 = 0.0286 a year
        (0.9, 20, True),  # 0.045 a year
    ],
)
def test_a_target_is_1_5c_aligned_from_a_linear_cut_of_4_2_percent_a_year(
    reduction, years, aligned
):
    target = spec(base_year=2020, target_year=2020 + years, reduction=reduction)
    assert SBTI_1_5C_LINEAR_RATE == 0.042
    assert is_1_5c_aligned(target) is aligned


@pytest.mark.parametrize(
    ("base_year", "target_year", "reduction"),
    [(2030, 2030, 0.5), (2030, 2025, 0.5), (2020, 2030, -0.1), (2020, 2030, 1.01)],
)
def test_a_target_year_not_after_the_base_year_or_a_reduction_outside_0_to_100_is_refused(
    base_year, target_year, reduction
):
    with pytest.raises(PathError):
        spec(base_year=base_year, target_year=target_year, reduction=reduction)


# --- The county's path -----------------------------------------------------------------------


def test_the_county_path_runs_from_2009_through_minus_60_in_2030_to_minus_90_in_2050():
    path = county_path()
    assert path.level(2000) == pytest.approx(1.0)  # before 2009: the 2009 level
    assert path.level(2009) == pytest.approx(1.0)
    # 2020 is 11 of the 21 years to 2030: 1 − 0.6 × 11/21 = 1 − 0.3142857 = 0.6857143
    assert path.level(2020) == pytest.approx(0.6857143, abs=1e-7)
    assert path.level(2030) == pytest.approx(0.4)
    # 2040 is halfway from 0.4 (2030) to 0.1 (2050): 0.25
    assert path.level(2040) == pytest.approx(0.25)
    assert path.level(2050) == pytest.approx(0.1)
    assert path.level(2060) == pytest.approx(0.1)  # flat after the last milestone


def test_the_county_path_cuts_five_twelfths_from_2020_to_2030():
    # 1 − 0.4 / (1 − 0.6 × 11/21) = 1 − 0.4 / (14.4/21) = 1 − 8.4/14.4 = 1 − 7/12 = 5/12
    assert county_path().reduction_between(2020, 2030) == pytest.approx(5 / 12)
    # from 2009 to 2030: the whole 60 %
    assert county_path().reduction_between(2009, 2030) == pytest.approx(0.6)


def test_a_target_keeps_pace_with_the_county_when_it_cuts_at_least_as_much():
    path = county_path()
    assert keeps_pace_with(spec(reduction=0.42), path)  # 0.42 ≥ 5/12 = 0.4167
    assert not keeps_pace_with(spec(reduction=0.41), path)  # 0.41 < 0.4167


def test_a_reference_path_is_linear_between_unsorted_milestones():
    path = ReferencePath(milestones=((2030, 0.5), (2010, 1.0)))
    # 2020 is halfway: 1.0 + (0.5 − 1.0) × 10/20 = 0.75
    assert path.level(2020) == pytest.approx(0.75)


# --- On track --------------------------------------------------------------------------------


def test_on_track_compares_the_latest_actual_value_with_the_path_for_its_year():
    target = spec()  # path: 95 in 2021, 90 in 2022, 85 in 2023
    assert on_track(target, {2021: 96.0, 2022: 90.0}) is True  # 2022: 90 ≤ 90
    assert on_track(target, {2021: 80.0, 2022: 90.5}) is False  # 2022: 90.5 > 90, 2021 is old
    assert on_track(target, {2023: 84.9}) is True  # 84.9 ≤ 85
    assert on_track(target, {2035: 50.0}) is True  # after the target year: the target, 50


def test_on_track_is_unknown_without_an_actual_value_after_the_base_year():
    assert on_track(spec(), {}) is None
    assert on_track(spec(), {2019: 120.0, 2020: 100.0}) is None


# --- The climate budget ----------------------------------------------------------------------


def test_the_budget_of_the_issue_example_has_a_gap_of_30_t_in_2030():
    """Base 100 t in 2020, −50 % by 2030, actual 90 t in 2022, one measure of 10 t from 2024,
    no growth."""
    rows = climate_budget(
        spec=spec(),
        actual={2022: 90.0},
        measures=[MeasureEffect(key="heat pump", reduction=10.0, start_year=2024)],
    )
    assert [row.year for row in rows] == list(range(2020, 2031))
    by_year = {row.year: row for row in rows}
    # before the latest actual year there is no reference or expected path
    assert by_year[2020] == BudgetYear(
        year=2020, actual=None, reference=None, target=100.0, expected=None, gap=None
    )
    assert by_year[2021].reference is None and by_year[2021].target == pytest.approx(95.0)
    # 2022: the account, 90 t; the path allows 100 − 5 × 2 = 90; no gap
    assert by_year[2022].actual == 90.0
    assert by_year[2022].reference == 90.0
    assert by_year[2022].expected == 90.0
    assert by_year[2022].gap == pytest.approx(0.0)
    # 2023: the measure has not started: 90 against 85, a gap of 5
    assert (by_year[2023].expected, by_year[2023].target) == (90.0, pytest.approx(85.0))
    assert by_year[2023].gap == pytest.approx(5.0)
    # from 2024 the measure cuts 10 t: 80 against 80, 75, 70 … 50
    expected_gaps = {2024: 0.0, 2025: 5.0, 2026: 10.0, 2027: 15.0, 2028: 20.0, 2029: 25.0}
    for year, gap in expected_gaps.items():
        assert by_year[year].reference == 90.0
        assert by_year[year].expected == 80.0
        assert by_year[year].gap == pytest.approx(gap), year
    # 2030: 80 expected, 50 allowed: 30 t still missing
    assert by_year[2030].target == pytest.approx(50.0)
    assert by_year[2030].gap == pytest.approx(30.0)
    assert all(row.actual is None for row in rows if row.year != 2022)


def test_a_late_planned_measure_counts_from_the_year_after_the_latest_actual_value():
    """Base 100 t in 2020, −50 % by 2030, actual 90 t in 2022. Three measures with start years
    in or before 2022: one under way (in the 2022 figures), one only planned (late), and one
    planned for 2024."""
    under_way = MeasureEffect(key="done", reduction=3.0, start_year=2021, under_way=True)
    late = MeasureEffect(key="late", reduction=5.0, start_year=2021, under_way=False)
    later = MeasureEffect(key="later", reduction=10.0, start_year=2024, under_way=False)

    assert counted_from(under_way, reference_from=2022, target_year=2030) is None
    assert in_actual_figures(under_way, reference_from=2022)
    assert counted_from(late, reference_from=2022, target_year=2030) == 2023
    assert is_late(late, reference_from=2022) and not in_actual_figures(late, reference_from=2022)
    assert counted_from(later, reference_from=2022, target_year=2030) == 2024
    assert not is_late(later, reference_from=2022)
    # a late measure when the latest actual value is in the target year: too late to count
    assert counted_from(late, reference_from=2030, target_year=2030) is None

    rows = climate_budget(spec=spec(), actual={2022: 90.0}, measures=[under_way, late, later])

    by_year = {row.year: row for row in rows}
    # 2022: 90; 2023: 90 − 5 = 85; from 2024: 85 − 10 = 75 (the 3 t are in the 90 already)
    assert [by_year[year].expected for year in (2022, 2023, 2024, 2030)] == [
        pytest.approx(90.0),
        pytest.approx(85.0),
        pytest.approx(75.0),
        pytest.approx(75.0),
    ]
    assert by_year[2030].gap == pytest.approx(25.0)  # 75 − 50


def test_the_reference_path_grows_by_the_reference_growth_from_the_latest_actual_year():
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2024, reduction=0.2),
        actual={2020: 100.0, 2021: 110.0},
        measures=[],
        reference_growth=0.1,
    )
    # from 110 in 2021: 110 × 1.1 = 121, × 1.1 = 133.1, × 1.1 = 146.41
    assert [row.reference for row in rows] == [
        None,
        pytest.approx(110.0),
        pytest.approx(121.0),
        pytest.approx(133.1),
        pytest.approx(146.41),
    ]
    # no measures: the expected path is the reference path
    assert [row.expected for row in rows] == [row.reference for row in rows]
    # target path 100, 95, 90, 85, 80: gaps 20 (2021), 31, 48.1, 66.41
    assert [row.gap for row in rows] == [
        None,
        pytest.approx(15.0),
        pytest.approx(31.0),
        pytest.approx(48.1),
        pytest.approx(66.41),
    ]
    assert [row.actual for row in rows] == [100.0, 110.0, None, None, None]


def test_a_falling_reference_path_shrinks_by_its_rate_each_year():
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2022, reduction=0.5),
        actual={},
        measures=[],
        reference_growth=-0.1,
    )
    # no account: the reference starts at the base value, 100 in 2020, then 90, then 81
    assert [row.reference for row in rows] == [100.0, pytest.approx(90.0), pytest.approx(81.0)]


def test_measures_count_from_their_start_year_when_they_start_after_the_latest_account():
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2026, reduction=0.6),
        actual={2020: 100.0, 2022: 90.0},
        measures=[
            # started before or in the latest actual year: already in its 90 t
            MeasureEffect(key="led", reduction=4.0, start_year=2021),
            MeasureEffect(key="vans", reduction=8.0, start_year=2022),
            # later: each lowers the expected path from its start year on
            MeasureEffect(key="heat pump", reduction=10.0, start_year=2023),
            MeasureEffect(key="solar", reduction=5.0, start_year=2025),
            # after the target year: outside the budget
            MeasureEffect(key="biogas", reduction=30.0, start_year=2027),
        ],
    )
    expected = {row.year: row.expected for row in rows}
    # 2022: 90; 2023–2024: 90 − 10 = 80; 2025–2026: 80 − 5 = 75
    assert expected == {
        2020: None,
        2021: None,
        2022: 90.0,
        2023: 80.0,
        2024: 80.0,
        2025: 75.0,
        2026: 75.0,
    }
    # target in 2026: 100 × (1 − 0.6) = 40: gap 75 − 40 = 35
    assert rows[-1].gap == pytest.approx(35.0)


def test_without_an_account_measures_count_from_the_year_after_the_base_year():
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2022, reduction=0.3),
        actual={},
        measures=[
            MeasureEffect(key="in the base value", reduction=5.0, start_year=2020),
            MeasureEffect(key="new", reduction=5.0, start_year=2021),
        ],
    )
    # reference 100 from the base value; only the measure of 2021 counts: 95, 95
    assert [row.expected for row in rows] == [100.0, 95.0, 95.0]
    # targets 100, 100 × (1 − 0.3 × 1/2) = 85, 70: gaps 0, 95 − 85 = 10, 95 − 70 = 25
    assert [row.gap for row in rows] == [0.0, pytest.approx(10.0), pytest.approx(25.0)]


def test_the_expected_path_never_goes_below_zero_and_the_gap_shows_the_surplus():
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2022, reduction=0.5),
        actual={2020: 20.0},
        measures=[MeasureEffect(key="big", reduction=30.0, start_year=2021)],
    )
    # 20 − 30 would be −10: the floor is 0
    assert [row.expected for row in rows] == [20.0, 0.0, 0.0]
    # against 100, 75, 50 (the target is of the base value, 100): ahead by 75 and 50
    assert [row.gap for row in rows] == [-80.0, pytest.approx(-75.0), pytest.approx(-50.0)]


def test_actual_values_before_the_base_year_are_left_out():
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2022, reduction=0.2),
        actual={2019: 500.0},
        measures=[],
    )
    # 2019 is before the base year: the reference starts at the base value, 100
    assert [row.reference for row in rows] == [100.0, 100.0, 100.0]
    assert all(row.actual is None for row in rows)


def test_an_account_after_the_target_year_does_not_hide_the_budget():
    """Accounts go on after the target year; the budget still runs from the latest account up
    to the target year."""
    rows = climate_budget(
        spec=spec(base_year=2020, target_year=2022, reduction=0.2),
        actual={2021: 95.0, 2022: 85.0, 2023: 70.0},
        measures=[],
    )
    assert [row.year for row in rows] == [2020, 2021, 2022]
    # 2022 is the latest year in the budget: its 85 t against 100 × 0.8 = 80 is 5 t short
    assert [row.reference for row in rows] == [None, None, 85.0]
    assert rows[-1].gap == pytest.approx(5.0)


# --- Abatement costs and the curve -----------------------------------------------------------


def test_the_abatement_cost_spreads_the_investment_over_the_lifetime():
    # (200 000 / 10 + 5 000) / 25 t = (20 000 + 5 000) / 25 = 1 000 NOK per t
    cost = abatement_cost_nok_per_t(
        investment_nok=200_000, lifetime_years=10, yearly_cost_nok=5_000, reduction_t=25
    )
    assert cost == pytest.approx(1000.0)


def test_a_measure_that_saves_money_has_a_negative_abatement_cost():
    # (100 000 / 5 − 30 000) / 4 t = (20 000 − 30 000) / 4 = −2 500 NOK per t
    cost = abatement_cost_nok_per_t(
        investment_nok=100_000, lifetime_years=5, yearly_cost_nok=-30_000, reduction_t=4
    )
    assert cost == pytest.approx(-2500.0)


def test_a_measure_without_a_reduction_has_no_abatement_cost():
    assert (
        abatement_cost_nok_per_t(
            investment_nok=1000, lifetime_years=10, yearly_cost_nok=0, reduction_t=0
        )
        is None
    )


def test_a_lifetime_under_one_year_is_refused():
    with pytest.raises(PathError):
        abatement_cost_nok_per_t(
            investment_nok=1000, lifetime_years=0, yearly_cost_nok=0, reduction_t=1
        )


def test_the_curve_orders_measures_from_the_cheapest_tonne_and_places_them_side_by_side():
    bars = abatement_curve(
        [
            CostedMeasure(key="heat pump", reduction_t=10.0, cost_nok_per_t=1000.0),
            CostedMeasure(key="eco-driving", reduction_t=2.0, cost_nok_per_t=-2500.0),
            CostedMeasure(key="electric vans", reduction_t=5.0, cost_nok_per_t=400.0),
            CostedMeasure(key="biogas", reduction_t=3.0, cost_nok_per_t=400.0),  # tie: by key
        ]
    )
    # −2 500, 400 (biogas), 400 (electric vans), 1 000; each starts where the last ended:
    # 0, 0 + 2 = 2, 2 + 3 = 5, 5 + 5 = 10
    assert bars == [
        CurveBar(key="eco-driving", start_t=0.0, reduction_t=2.0, cost_nok_per_t=-2500.0),
        CurveBar(key="biogas", start_t=2.0, reduction_t=3.0, cost_nok_per_t=400.0),
        CurveBar(key="electric vans", start_t=5.0, reduction_t=5.0, cost_nok_per_t=400.0),
        CurveBar(key="heat pump", start_t=10.0, reduction_t=10.0, cost_nok_per_t=1000.0),
    ]


def test_an_empty_plan_has_an_empty_curve():
    assert abatement_curve([]) == []


# --- Properties ------------------------------------------------------------------------------

years = st.integers(min_value=2000, max_value=2060)
values = st.floats(min_value=0.0, max_value=1e9, allow_nan=False, allow_infinity=False)
fractions = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def target_specs(draw) -> TargetSpec:
    base_year = draw(years)
    return TargetSpec(
        base_year=base_year,
        base_value=draw(values),
        target_year=draw(st.integers(min_value=base_year + 1, max_value=base_year + 40)),
        reduction=draw(fractions),
    )


@given(target_specs(), st.integers(min_value=1990, max_value=2110))
def test_the_path_never_rises_and_stays_between_the_base_and_the_target(target, year):
    value = target_path_value(target, year)
    later = target_path_value(target, year + 1)
    assert later <= value + 1e-9 * max(1.0, target.base_value)
    assert target.target_value - 1e-6 <= value <= target.base_value + 1e-6


@st.composite
def budgets(draw):
    target = draw(target_specs())
    actual = draw(
        st.dictionaries(
            st.integers(min_value=target.base_year - 3, max_value=target.target_year + 3),
            values,
            max_size=6,
        )
    )
    measures = draw(
        st.lists(
            st.builds(
                MeasureEffect,
                key=st.text(max_size=5),
                reduction=values,
                start_year=st.integers(
                    min_value=target.base_year - 2, max_value=target.target_year + 2
                ),
            ),
            max_size=6,
        )
    )
    growth = draw(st.floats(min_value=-0.2, max_value=0.2, allow_nan=False))
    return target, actual, measures, growth


@given(budgets())
def test_the_budget_has_one_row_per_year_and_the_expected_path_never_exceeds_the_reference(
    budget,
):
    target, actual, measures, growth = budget
    rows = climate_budget(spec=target, actual=actual, measures=measures, reference_growth=growth)
    assert [row.year for row in rows] == list(range(target.base_year, target.target_year + 1))
    # the last row always has a reference path: the budget reaches the target year
    assert rows[-1].reference is not None
    for row in rows:
        assert row.target == target_path_value(target, row.year)
        assert row.actual == (actual.get(row.year))
        assert (row.reference is None) == (row.expected is None) == (row.gap is None)
        if row.reference is not None and row.expected is not None and row.gap is not None:
            assert 0.0 <= row.expected <= row.reference
            assert row.gap == row.expected - row.target


costed = st.builds(
    CostedMeasure,
    key=st.text(max_size=8),
    reduction_t=st.floats(min_value=0.0, max_value=1e6, allow_nan=False),
    cost_nok_per_t=st.floats(min_value=-1e7, max_value=1e7, allow_nan=False),
)


@given(st.lists(costed, max_size=12))
def test_the_curve_is_sorted_by_cost_and_its_widths_add_up_to_the_total_reduction(measures):
    bars = abatement_curve(measures)
    assert sorted(bar.key for bar in bars) == sorted(m.key for m in measures)
    costs = [bar.cost_nok_per_t for bar in bars]
    assert costs == sorted(costs)
    total = sum(m.reduction_t for m in measures)
    assert sum(bar.reduction_t for bar in bars) == pytest.approx(total)
    if bars:
        assert bars[0].start_t == 0.0
        assert bars[-1].start_t + bars[-1].reduction_t == pytest.approx(total)
    for before, after in zip(bars, bars[1:], strict=False):
        assert after.start_t == pytest.approx(before.start_t + before.reduction_t)
