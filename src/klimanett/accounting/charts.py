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
    ticks: list[float]  # from the bottom (0, or below 0) up to the top, evenly spaced, with 0
    decimals: int  # decimals needed to show every tick exactly

    @property
    def top(self) -> float:
        return self.ticks[-1]

    @property
    def bottom(self) -> float:
        return self.ticks[0]


def nice_axis(max_value: float, min_value: float = 0.0) -> Axis:
    """Round ticks from 0 that cover `max_value`: 4 to 6 of them, at 1, 2, 2.5 or 5 times a
    power of ten (0, 25, 50, 75 … or 0, 1 000, 2 000 …).

    With a negative `min_value` the ticks also run below 0 to cover it (−500, 0, 500, 1 000):
    3 to 6 of them, 0 always among them; then a `max_value` of 0 or less ends the axis at 0."""
    below_zero = -min_value if min_value < 0 else 0.0  # also NaN: none
    if not max_value > 0:  # also NaN
        max_value = 0.0 if below_zero else 1.0
    top, bottom = Decimal(repr(max_value)), Decimal(repr(below_zero))
    exponent = floor(log10(max(max_value, below_zero))) - 1
    while True:
        for mantissa in _NICE_MANTISSAS:
            step = mantissa.scaleb(exponent)
            below = ceil(bottom / step)
            intervals = max(0 if below else 1, ceil(top / step))
            if below + intervals + 1 <= MAX_TICKS:
                step_exponent = step.normalize().as_tuple().exponent
                return Axis(
                    ticks=[float(step * i) for i in range(-below, intervals + 1)],
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
class Plot:
    """A chart's size, its plot area inside it and the decimals of its value axis."""

    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    tick_decimals: int

    @property
    def tick_format(self) -> str:
        """Argument for Django's `floatformat`: the tick's decimals, grouped (`1 000`)."""
        return f"{self.tick_decimals}g"


@dataclass(frozen=True, slots=True, kw_only=True)
class StackedBarChart(Plot):
    """Vertical bars from the baseline `plot_bottom` (value 0)."""

    bars: list[Bar]
    ticks: list[Tick]
    keys: list[str]  # series keys, bottom of the stack first

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


SCOPE_TREND_KEYS = ("scope1", "scope2", "scope3")


def scope_trend_chart(years: Sequence[tuple[str, ScopeTotals]]) -> StackedBarChart:
    """Emissions per year in tonnes CO2e, stacked scope 1, scope 2 (market-based), scope 3."""
    return stacked_bar_chart(
        labels=[label for label, _ in years],
        series=[
            ("scope1", [t.scope1_kg / KG_PER_TONNE for _, t in years]),
            ("scope2", [t.scope2_market_kg / KG_PER_TONNE for _, t in years]),
            ("scope3", [t.scope3_kg / KG_PER_TONNE for _, t in years]),
        ],
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class HorizontalBar:
    key: str  # which series (drawn with that series' fill)
    value: float
    x: float  # the axis (value 0)
    y: float  # top of the bar
    width: float
    height: float

    @property
    def value_x(self) -> float:
        """Start of the bar's figure, right of its end."""
        return self.x + self.width + 6

    @property
    def value_y(self) -> float:
        """Middle of the bar, for its figure."""
        return self.y + self.height / 2


@dataclass(frozen=True, slots=True, kw_only=True)
class BarGroup:
    label: str
    label_y: float  # baseline of the label, above the group's bars
    bars: list[HorizontalBar]  # top first, in series order


@dataclass(frozen=True, slots=True, kw_only=True)
class XTick:
    value: float
    x: float


@dataclass(frozen=True, slots=True, kw_only=True)
class HorizontalBarChart(Plot):
    """Bars from the axis `plot_left` (value 0), in labelled groups from the top."""

    groups: list[BarGroup]
    ticks: list[XTick]

    @property
    def tick_label_y(self) -> float:
        """Baseline of the tick labels, under the plot."""
        return self.plot_bottom + 18

    @property
    def unit_label_y(self) -> float:
        """Baseline of the axis' unit, under the tick labels."""
        return self.plot_bottom + 36


def horizontal_bar_chart(
    *,
    groups: Sequence[tuple[str, Sequence[tuple[str, float]]]],
    width: float = 640,
    margin_left: float = 16,
    margin_right: float = 88,
    margin_top: float = 8,
    margin_bottom: float = 44,
    label_height: float = 20,
    bar_height: float = 18,
    bar_gap: float = 4,
    group_gap: float = 14,
) -> HorizontalBarChart:
    """Groups from the top in the order given, each its label over its bars, one bar per
    (key, value); the chart is as tall as its groups need. Labels sit above the bars so that
    long names need no margin, and each bar's figure right of its end (in `margin_right`).

    Negative values count as 0 in the drawing (the table shows the figures themselves).
    """
    axis = nice_axis(max((max(0.0, v) for _, bars in groups for _, v in bars), default=0.0))
    plot_left, plot_right = margin_left, width - margin_right
    scale = (plot_right - plot_left) / axis.top
    y = margin_top
    drawn = []
    for label, bars in groups:
        label_y = y + label_height - 6
        y += label_height
        horizontal = []
        for key, value in bars:
            horizontal.append(
                HorizontalBar(
                    key=key,
                    value=value,
                    x=plot_left,
                    y=y,
                    width=max(0.0, value) * scale,
                    height=bar_height,
                )
            )
            y += bar_height + bar_gap
        drawn.append(BarGroup(label=label, label_y=label_y, bars=horizontal))
        y += group_gap - bar_gap
    plot_bottom = y
    return HorizontalBarChart(
        width=width,
        height=plot_bottom + margin_bottom,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=margin_top,
        plot_bottom=plot_bottom,
        groups=drawn,
        ticks=[XTick(value=value, x=plot_left + value * scale) for value in axis.ticks],
        tick_decimals=axis.decimals,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryRow:
    name: str
    scope: int
    kg_co2e: float
    percent: float | None  # share of the sum of all rows; None when that is zero


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryBreakdown:
    rows: list[CategoryRow]  # largest first: the table
    chart: HorizontalBarChart  # one bar per row in the same order, in tonnes


def category_breakdown(categories: Sequence[tuple[str, int, float]]) -> CategoryBreakdown:
    """(name, scope, kg CO2e) of each category as a chart and its table, largest first (ties by
    scope, then name), so that the largest sources are read first. Each bar's key is its scope
    (`scope1`, `scope2`, `scope3`), for its fill."""
    ordered = sorted(categories, key=lambda c: (-c[2], c[1], c[0]))
    total = sum(kg for _, _, kg in ordered)
    rows = [
        CategoryRow(name=name, scope=scope, kg_co2e=kg, percent=kg / total * 100 if total else None)
        for name, scope, kg in ordered
    ]
    return CategoryBreakdown(
        rows=rows,
        chart=horizontal_bar_chart(
            groups=[(row.name, [(f"scope{row.scope}", row.kg_co2e / KG_PER_TONNE)]) for row in rows]
        ),
    )


METHOD_KEYS = ("location", "market")


def method_chart(totals: ScopeTotals, *, labels: Sequence[str]) -> HorizontalBarChart:
    """Location-based beside market-based emissions in tonnes CO2e, for scope 1, scope 2,
    scope 3 and the total, named by `labels` in that order; in each group the location-based
    bar is on top."""
    pairs = [
        (totals.scope1_kg, totals.scope1_kg),
        (totals.scope2_location_kg, totals.scope2_market_kg),
        (totals.scope3_kg, totals.scope3_kg),
        (totals.total_location_kg, totals.total_market_kg),
    ]
    return horizontal_bar_chart(
        groups=[
            (label, [(key, kg / KG_PER_TONNE) for key, kg in zip(METHOD_KEYS, pair, strict=True)])
            for label, pair in zip(labels, pairs, strict=True)
        ]
    )
