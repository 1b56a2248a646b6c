"""Geometry for server-rendered SVG charts: pure functions, no Django.

The template draws what these functions compute (rectangles, tick positions), so the chart
needs no script and no style attribute, and every figure in it comes from the same numbers
as the table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import ceil, floor, log10

from klimanett.accounting.ghg.calculate import ScopeTotals

# Steps of a "nice" axis: 1, 2, 2.5 and 5 times a power of ten. Neighbouring steps are at
# most 2.5 apart, which guarantees between 4 and 6 ticks (0 included).
_NICE_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
MIN_TICKS = 4
MAX_TICKS = 6
KG_PER_TONNE = 1000.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Axis:
    ticks: list[float]  # from 0 up to the top of the axis, evenly spaced
    decimals: int  # decimals needed to show every tick exactly

    @property
    def top(self) -> float:
        return self.ticks[-1]


def nice_axis(max_value: float) -> Axis:
    """Round ticks from 0 that cover `max_value`: 4 to 6 of them, at 1, 2, 2.5 or 5 times a
    power of ten (0, 25, 50, 75 … or 0, 1 000, 2 000 …)."""
    if not max_value > 0:  # also NaN
        max_value = 1.0
    top = Decimal(repr(max_value))
    exponent = floor(log10(max_value)) - 1
    while True:
        for mantissa in _NICE_MANTISSAS:
            step = mantissa.scaleb(exponent)
            intervals = max(1, ceil(top / step))
            if intervals + 1 <= MAX_TICKS:
                step_exponent = step.normalize().as_tuple().exponent
                return Axis(
                    ticks=[float(step * i) for i in range(intervals + 1)],
                    decimals=-step_exponent
                    if isinstance(step_exponent, int) and step_exponent < 0
                    else 0,
                )
        exponent += 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    key: str  # which series (drawn with that series' fill)
    value: float
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Bar:
    label: str
    total: float
    x: float
    width: float
    label_x: float  # centre of the bar, for its label under the axis
    y: float  # top of the bar
    segments: list[Segment]  # bottom first, in series order


@dataclass(frozen=True, slots=True, kw_only=True)
class Tick:
    value: float
    y: float


@dataclass(frozen=True, slots=True, kw_only=True)
class StackedBarChart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float  # the baseline (value 0)
    bars: list[Bar]
    ticks: list[Tick]
    tick_decimals: int
    keys: list[str]  # series keys, bottom of the stack first

    @property
    def tick_format(self) -> str:
        """Argument for Django's `floatformat`: the tick's decimals, grouped (`1 000`)."""
        return f"{self.tick_decimals}g"

    @property
    def label_y(self) -> float:
        """Baseline of the labels under the bars."""
        return self.plot_bottom + 20

    @property
    def tick_label_x(self) -> float:
        """Right edge of the tick labels, left of the plot."""
        return self.plot_left - 8


def stacked_bar_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width: float = 640,
    height: float = 320,
    margin_left: float = 72,
    margin_right: float = 16,
    margin_top: float = 28,
    margin_bottom: float = 36,
    max_bar_width: float = 64,
) -> StackedBarChart:
    """One bar per label, its segments stacked from the baseline in series order.

    `series` is a list of (key, values), one value per label; negative values count as 0 in
    the drawing (the table shows the figures themselves).
    """
    for key, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {key!r} has {len(values)} values for {len(labels)} labels")
    stacks = [[max(0.0, values[i]) for _, values in series] for i in range(len(labels))]
    totals = [sum(stack) for stack in stacks]
    axis = nice_axis(max(totals, default=0.0))
    plot_left, plot_right = margin_left, width - margin_right
    plot_top, plot_bottom = margin_top, height - margin_bottom
    scale = (plot_bottom - plot_top) / axis.top
    band = (plot_right - plot_left) / max(1, len(labels))
    bar_width = min(max_bar_width, band * 0.6)

    bars = []
    for index, (label, stack) in enumerate(zip(labels, stacks, strict=True)):
        x = plot_left + band * index + (band - bar_width) / 2
        base = plot_bottom
        segments = []
        for (key, _), value in zip(series, stack, strict=True):
            segment_height = value * scale
            base -= segment_height
            segments.append(
                Segment(key=key, value=value, x=x, y=base, width=bar_width, height=segment_height)
            )
        bars.append(
            Bar(
                label=label,
                total=totals[index],
                x=x,
                width=bar_width,
                label_x=x + bar_width / 2,
                y=base,
                segments=segments,
            )
        )
    return StackedBarChart(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        bars=bars,
        ticks=[Tick(value=value, y=plot_bottom - value * scale) for value in axis.ticks],
        tick_decimals=axis.decimals,
        keys=[key for key, _ in series],
    )


SCOPE_TREND_KEYS = ("scope1", "scope2_market", "scope3")


def scope_trend_chart(years: Sequence[tuple[str, ScopeTotals]]) -> StackedBarChart:
    """Emissions per year in tonnes CO2e, stacked scope 1, scope 2 (market-based), scope 3."""
    return stacked_bar_chart(
        labels=[label for label, _ in years],
        series=[
            ("scope1", [t.scope1_kg / KG_PER_TONNE for _, t in years]),
            ("scope2_market", [t.scope2_market_kg / KG_PER_TONNE for _, t in years]),
            ("scope3", [t.scope3_kg / KG_PER_TONNE for _, t in years]),
        ],
    )
