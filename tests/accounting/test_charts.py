"""The chart geometry: round axis ticks, bars scaled to the axis, segments stacked exactly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting.charts import nice_axis, scope_trend_chart, stacked_bar_chart
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
        ("scope2_market", pytest.approx(0.3)),
        ("scope3", pytest.approx(0.04)),
    ]
    assert bar.total == pytest.approx(3.0)
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3]
