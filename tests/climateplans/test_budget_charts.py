"""The climate budget's chart geometry: paths scaled to a round axis, broken where a year has no
value; the abatement cost curve with widths by reduction and savings below the zero line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.climateplans.charts import (
    MIN_LABEL_SPACING,
    abatement_cost_chart,
    budget_path_chart,
    path_chart,
)
from klimanett.climateplans.paths import (
    BudgetYear,
    CostedMeasure,
    CurveBar,
    MeasureEffect,
    TargetSpec,
    abatement_curve,
    climate_budget,
)


def test_paths_and_bars_are_scaled_to_the_axis_and_broken_where_a_year_has_no_value():
    chart = path_chart(
        labels=["2020", "2021", "2022"],
        bars=("actual", [None, 90.0, None]),
        lines=[("target", [100.0, 75.0, 50.0]), ("expected", [None, 90.0, 80.0])],
    )
    assert [tick.value for tick in chart.ticks] == [0, 20, 40, 60, 80, 100]
    height = chart.plot_bottom - chart.plot_top
    # one bar, for 2021: 90 of 100 is 0.9 of the plot's height, in the middle of its band
    (bar,) = chart.bars
    assert bar.label == "2021"
    assert bar.height == pytest.approx(0.9 * height)
    assert bar.y == pytest.approx(chart.plot_bottom - 0.9 * height)
    band = (chart.plot_right - chart.plot_left) / 3
    assert bar.x + bar.width / 2 == pytest.approx(chart.plot_left + 1.5 * band)
    # the target line through all three years; 50 is half the height
    target = chart.line("target")
    assert [point.label for point in target.points] == ["2020", "2021", "2022"]
    assert target.points[0].y == pytest.approx(chart.plot_top)
    assert target.points[2].y == pytest.approx(chart.plot_bottom - height / 2)
    assert len(target.polylines) == 1 and target.polylines[0].count(",") == 3
    # the expected line starts in 2021, at the same height as the bar
    expected = chart.line("expected")
    assert [point.label for point in expected.points] == ["2021", "2022"]
    assert expected.points[0].y == pytest.approx(bar.y)
    assert expected.points[0].x == pytest.approx(bar.x + bar.width / 2)


def test_a_lone_point_is_a_marker_without_a_line():
    chart = path_chart(
        labels=["2020", "2021", "2022"],
        bars=("actual", [None, None, None]),
        lines=[("reference", [None, None, 40.0])],
    )
    line = chart.line("reference")
    assert len(line.points) == 1 and line.polylines == []


def test_series_of_another_length_are_refused():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        path_chart(labels=["a", "b", "c"], bars=("actual", [1.0, 2.0]), lines=[])


def test_many_years_get_every_nth_label_with_the_first_and_the_last():
    years = [str(year) for year in range(2009, 2051)]  # 42 years: about 13 px each
    chart = path_chart(labels=years, bars=("actual", [None] * 42), lines=[("t", [1.0] * 42)])
    shown = [label for label in chart.labels if label.shown]
    assert shown[0].label == "2009" and shown[-1].label == "2050"
    assert len(shown) < len(years)
    gaps = [b.x - a.x for a, b in zip(shown, shown[1:], strict=False)]
    assert min(gaps) >= MIN_LABEL_SPACING


def test_the_budget_chart_draws_the_accounts_as_bars_and_three_paths():
    rows = climate_budget(
        spec=TargetSpec(base_year=2020, base_value=100.0, target_year=2030, reduction=0.5),
        actual={2022: 90.0},
        measures=[MeasureEffect(key="m", reduction=10.0, start_year=2024)],
    )
    chart = budget_path_chart(rows)
    assert [bar.label for bar in chart.bars] == ["2022"]
    assert [line.key for line in chart.lines] == ["reference", "target", "expected"]
    assert len(chart.line("target").points) == 11
    assert [p.value for p in chart.line("expected").points] == [90, 90] + [80] * 7


def test_the_curve_puts_costs_above_and_savings_below_the_zero_line():
    bars = abatement_curve(
        [
            CostedMeasure(key="led", reduction_t=2.0, cost_nok_per_t=-1500.0),
            CostedMeasure(key="heat pump", reduction_t=10.0, cost_nok_per_t=2500.0),
        ]
    )
    chart = abatement_cost_chart(bars)
    # costs from −1 500 to 2 500: ticks −2 000 … 3 000 in steps of 1 000; reduction 0–12.5
    assert [tick.value for tick in chart.ticks] == [-2000, -1000, 0, 1000, 2000, 3000]
    assert [tick.value for tick in chart.x_ticks] == [0, 2.5, 5, 7.5, 10, 12.5]
    assert chart.x_tick_decimals == 1
    zero = next(tick for tick in chart.ticks if tick.value == 0)
    assert chart.zero_y == pytest.approx(zero.y)
    per_nok = (chart.plot_bottom - chart.plot_top) / 5000
    per_t = (chart.plot_right - chart.plot_left) / 12.5
    led, heat_pump = chart.bars
    # the saving hangs from the zero line, 1 500 deep, 2 t wide, from 0 t
    assert (led.number, led.fill) == (1, "saving")
    assert led.y == pytest.approx(chart.zero_y)
    assert led.height == pytest.approx(1500 * per_nok)
    assert (led.x, led.width) == (pytest.approx(chart.plot_left), pytest.approx(2 * per_t))
    # the cost stands on it, 2 500 high, 10 t wide, from 2 t
    assert (heat_pump.number, heat_pump.fill) == (2, "cost")
    assert heat_pump.y + heat_pump.height == pytest.approx(chart.zero_y)
    assert heat_pump.height == pytest.approx(2500 * per_nok)
    assert heat_pump.x == pytest.approx(led.x + led.width)
    assert heat_pump.width == pytest.approx(10 * per_t)
    assert heat_pump.number_y < heat_pump.y


def test_a_curve_of_savings_only_ends_its_axis_at_zero():
    chart = abatement_cost_chart(
        [CurveBar(key="a", start_t=0.0, reduction_t=1.0, cost_nok_per_t=-400.0)]
    )
    assert chart.ticks[-1].value == 0
    assert chart.zero_y == pytest.approx(chart.plot_top)


def test_a_tiny_reduction_is_still_drawn_one_pixel_wide_and_unnumbered():
    bars = abatement_curve(
        [
            CostedMeasure(key="big", reduction_t=1000.0, cost_nok_per_t=100.0),
            CostedMeasure(key="tiny", reduction_t=0.01, cost_nok_per_t=50.0),
        ]
    )
    tiny, big = abatement_cost_chart(bars).bars
    assert tiny.width == 1.0 and not tiny.numbered
    assert big.numbered


@given(
    st.lists(
        st.builds(
            CostedMeasure,
            key=st.text(max_size=4),
            reduction_t=st.floats(min_value=0.001, max_value=1e5),
            # whole NOK or cents: costs of 1e-300 NOK per t make no axis (nor sense)
            cost_nok_per_t=st.integers(min_value=-100_000_000, max_value=100_000_000).map(
                lambda cents: cents / 100
            ),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_every_bar_of_the_curve_lies_inside_the_plot(measures):
    chart = abatement_cost_chart(abatement_curve(measures))
    for bar in chart.bars:
        assert chart.plot_top - 1e-6 <= bar.y
        assert bar.y + bar.height <= chart.plot_bottom + 1e-6
        assert chart.plot_left - 1e-6 <= bar.x
        assert bar.x + bar.width <= chart.plot_right + 1.0 + 1e-6  # + the 1 px minimum width
        assert (bar.y == pytest.approx(chart.zero_y)) or (
            bar.y + bar.height == pytest.approx(chart.zero_y)
        )


def test_rows_of_a_budget_are_budget_years():
    # the chart reads BudgetYear fields only
    row = BudgetYear(year=2020, actual=None, reference=None, target=1.0, expected=None, gap=None)
    assert budget_path_chart([row]).line("target").points[0].value == 1.0
