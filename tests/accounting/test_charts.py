"""The chart geometry: round axis ticks, bars scaled to the axis, segments stacked exactly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting.charts import (
    category_breakdown,
    horizontal_bar_chart,
    method_chart,
    nice_axis,
    scope_trend_chart,
    stacked_bar_chart,
)
from klimanett.accounting.ghg.calculate import ScopeTotals


@pytest.mark.parametrize(
    ("max_value", "ticks", "decimals"),
    [
        (100, [0, 20, 40, 60, 80, 100], 0),
        (2.66, [0, 1, 2, 3], 0),
        (7.3, [0, 2, 4, 6, 8], 0),
        (1234, [0, 250, 500, 750, 1000, 1250], 0),
        (0.9, [0, 0.2, 0.4, 0.6, 0.8, 1], 1),
        (0.07, [0, 0.02, 0.04, 0.06, 0.08], 2),
        (0, [0, 0.2, 0.4, 0.6, 0.8, 1], 1),  # nothing to show: a plain 0–1 axis
    ],
)
def test_ticks_are_round_values_from_zero(max_value, ticks, decimals):
    axis = nice_axis(max_value)
    assert axis.ticks == ticks
    assert axis.decimals == decimals


@given(st.floats(min_value=1e-6, max_value=1e12, allow_nan=False))
def test_there_are_four_to_six_evenly_spaced_ticks_covering_the_maximum(max_value):
    ticks = nice_axis(max_value).ticks
    assert 4 <= len(ticks) <= 6
    assert ticks[0] == 0
    assert ticks[-1] >= max_value
    steps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert all(step == pytest.approx(steps[0]) for step in steps)
    assert ticks[-2] < max_value  # no empty interval at the top


@pytest.mark.parametrize(
    ("max_value", "min_value", "ticks"),
    [
        (2500, -1500, [-2000, -1000, 0, 1000, 2000, 3000]),
        (1000, -2500, [-3000, -2000, -1000, 0, 1000]),
        (0, -400, [-400, -300, -200, -100, 0]),  # all below 0: the axis ends at 0
        (-50, -400, [-400, -300, -200, -100, 0]),
    ],
)
def test_an_axis_with_negative_values_runs_below_zero(max_value, min_value, ticks):
    assert nice_axis(max_value, min_value).ticks == ticks


@given(
    st.floats(min_value=0, max_value=1e12, allow_nan=False),
    st.floats(min_value=-1e12, max_value=-1e-6, allow_nan=False),
)
def test_an_axis_below_zero_has_three_to_six_even_ticks_with_zero_among_them(high, low):
    axis = nice_axis(high, low)
    assert 3 <= len(axis.ticks) <= 6
    assert 0.0 in axis.ticks
    assert axis.bottom <= low and axis.top >= high
    steps = [b - a for a, b in zip(axis.ticks, axis.ticks[1:], strict=False)]
    assert all(step == pytest.approx(steps[0]) for step in steps)


def test_a_bar_of_the_axis_maximum_reaches_the_top_of_the_plot():
    chart = stacked_bar_chart(
        labels=["2022", "2023"], series=[("a", [60.0, 30.0]), ("b", [40.0, 20.0])]
    )
    assert chart.ticks[-1].value == 100
    tallest, half = chart.bars
    assert tallest.y == pytest.approx(chart.plot_top)
    assert chart.ticks[-1].y == pytest.approx(chart.plot_top)
    assert chart.ticks[0].y == pytest.approx(chart.plot_bottom)
    # 50 on an axis of 0–100 is half the plot's height
    plot_height = chart.plot_bottom - chart.plot_top
    assert chart.plot_bottom - half.y == pytest.approx(plot_height / 2)


def test_segments_are_stacked_from_the_baseline_and_sum_to_the_bar_height():
    chart = stacked_bar_chart(labels=["2024"], series=[("a", [1.5]), ("b", [0.0]), ("c", [2.5])])
    (bar,) = chart.bars
    a, b, c = bar.segments
    assert [s.key for s in bar.segments] == ["a", "b", "c"]
    assert a.y + a.height == pytest.approx(chart.plot_bottom)
    assert b.height == 0 and b.y == pytest.approx(a.y)
    assert c.y + c.height == pytest.approx(a.y)
    assert sum(s.height for s in bar.segments) == pytest.approx(chart.plot_bottom - bar.y)
    assert c.height / a.height == pytest.approx(2.5 / 1.5)
    assert bar.total == pytest.approx(4.0)


def test_bars_sit_side_by_side_inside_the_plot():
    chart = stacked_bar_chart(labels=["2021", "2022", "2023"], series=[("a", [1.0, 2.0, 3.0])])
    xs = [bar.x for bar in chart.bars]
    assert xs == sorted(xs)
    for bar in chart.bars:
        assert chart.plot_left <= bar.x
        assert bar.x + bar.width <= chart.plot_right
        assert bar.label_x == pytest.approx(bar.x + bar.width / 2)


def test_a_series_with_the_wrong_number_of_values_is_refused():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        stacked_bar_chart(labels=["a", "b", "c"], series=[("x", [1.0, 2.0])])


def test_the_trend_chart_stacks_scope_1_scope_2_market_based_and_scope_3_in_tonnes():
    totals = ScopeTotals(
        scope1_kg=2660.0, scope2_location_kg=900.0, scope2_market_kg=300.0, scope3_kg=40.0
    )
    chart = scope_trend_chart([("2024", totals)])
    (bar,) = chart.bars
    assert [(s.key, s.value) for s in bar.segments] == [
        ("scope1", pytest.approx(2.66)),
        ("scope2", pytest.approx(0.3)),
        ("scope3", pytest.approx(0.04)),
    ]
    assert bar.total == pytest.approx(3.0)
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3]


# --- Horizontal bars: the breakdown by category and the two methods side by side -------------

# kg CO2e location-based: 1 000 l diesel × 2.66 = 2 660; 20 000 kWh × 0.0119 = 238; and 1 102
# of business travel. The total is 4 000 kg.
CATEGORIES = [
    ("Electricity", 2, 238.0),
    ("Fuel for vehicles and machines", 1, 2660.0),
    ("Business travel", 3, 1102.0),
]


def test_the_breakdown_lists_the_largest_category_first_with_its_share_of_the_total():
    rows = category_breakdown(CATEGORIES).rows

    assert [(row.name, row.scope, row.kg_co2e) for row in rows] == [
        ("Fuel for vehicles and machines", 1, 2660.0),
        ("Business travel", 3, 1102.0),
        ("Electricity", 2, 238.0),
    ]
    # 2 660 / 4 000 = 66.5 %; 1 102 / 4 000 = 27.55 %; 238 / 4 000 = 5.95 %
    assert [row.percent for row in rows] == [
        pytest.approx(66.5),
        pytest.approx(27.55),
        pytest.approx(5.95),
    ]


def test_the_breakdown_draws_one_bar_per_row_in_tonnes_in_the_same_order_filled_by_scope():
    chart = category_breakdown(CATEGORIES).chart

    assert [group.label for group in chart.groups] == [
        "Fuel for vehicles and machines",
        "Business travel",
        "Electricity",
    ]
    bars = [bar for group in chart.groups for bar in group.bars]
    assert [(bar.key, bar.value) for bar in bars] == [
        ("scope1", pytest.approx(2.66)),
        ("scope3", pytest.approx(1.102)),
        ("scope2", pytest.approx(0.238)),
    ]
    # The axis runs 0–3 t over the plot's width: each bar's length is its share of 3 t.
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3]
    plot_width = chart.plot_right - chart.plot_left
    assert [bar.width for bar in bars] == [
        pytest.approx(plot_width * 2.66 / 3),
        pytest.approx(plot_width * 1.102 / 3),
        pytest.approx(plot_width * 0.238 / 3),
    ]
    assert bars[0].width / bars[2].width == pytest.approx(2660 / 238)
    assert all(bar.x == chart.plot_left for bar in bars)


def test_categories_of_equal_size_are_ordered_by_scope_then_name():
    rows = category_breakdown([("Waste", 3, 10.0), ("B", 1, 10.0), ("A", 1, 10.0)]).rows
    assert [row.name for row in rows] == ["A", "B", "Waste"]


def test_an_account_without_emissions_has_no_shares():
    (row,) = category_breakdown([("Electricity", 2, 0.0)]).rows
    assert row.percent is None


def test_groups_run_down_the_chart_each_label_above_its_bars_without_overlap():
    chart = horizontal_bar_chart(
        groups=[("a", [("x", 1.0), ("y", 2.0)]), ("b", [("x", 3.0)]), ("c", [("x", 0.5)])]
    )
    previous_bottom = chart.plot_top
    for group in chart.groups:
        assert previous_bottom < group.label_y < group.bars[0].y
        for upper, lower in zip(group.bars, group.bars[1:], strict=False):
            assert upper.y + upper.height < lower.y
        previous_bottom = group.bars[-1].y + group.bars[-1].height
    assert previous_bottom <= chart.plot_bottom < chart.tick_label_y < chart.height
    # the figure of a bar is written just right of its end, in its middle
    bar = chart.groups[1].bars[0]
    assert bar.value_x > bar.x + bar.width
    assert bar.value_y == pytest.approx(bar.y + bar.height / 2)
    # a bar of the axis maximum reaches the right of the plot; the ticks span it
    assert chart.ticks[-1].value == 3
    assert bar.x + bar.width == pytest.approx(chart.plot_right)
    assert [tick.x for tick in chart.ticks][::3] == [chart.plot_left, chart.plot_right]


def test_a_negative_value_is_drawn_as_an_empty_bar():
    chart = horizontal_bar_chart(groups=[("a", [("x", -5.0)]), ("b", [("x", 1.0)])])
    assert chart.groups[0].bars[0].width == 0
    assert chart.groups[0].bars[0].value == -5.0


def test_the_method_chart_puts_location_based_above_market_based_for_each_scope_and_the_total():
    # market-based scope 2: 20 000 kWh × 0.402 (residual mix) = 8 040 kg
    totals = ScopeTotals(
        scope1_kg=2660.0, scope2_location_kg=238.0, scope2_market_kg=8040.0, scope3_kg=1102.0
    )

    chart = method_chart(totals, labels=["S1", "S2", "S3", "Sum"])

    assert [group.label for group in chart.groups] == ["S1", "S2", "S3", "Sum"]
    assert [[(bar.key, bar.value) for bar in group.bars] for group in chart.groups] == [
        [("location", pytest.approx(2.66)), ("market", pytest.approx(2.66))],
        [("location", pytest.approx(0.238)), ("market", pytest.approx(8.04))],
        [("location", pytest.approx(1.102)), ("market", pytest.approx(1.102))],
        [("location", pytest.approx(4.0)), ("market", pytest.approx(11.802))],
    ]
    # 11.802 t needs an axis of 0–12.5 t in steps of 2.5
    assert [tick.value for tick in chart.ticks] == [0, 2.5, 5, 7.5, 10, 12.5]
    total = chart.groups[3]
    assert total.bars[1].width / total.bars[0].width == pytest.approx(11.802 / 4.0)
