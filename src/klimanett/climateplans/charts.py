"""Geometry of the climate budget's charts: the paths over the years, and the marginal abatement
cost curve. Pure functions, no Django, on the axes and plot of ``accounting.charts``.

As there, the template draws what these functions compute, so the charts need no script and
no style attribute, and every figure in them comes from the numbers of the tables beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

from klimanett.accounting.charts import Plot, Tick, XTick, nice_axis
from klimanett.climateplans.paths import BudgetYear, CurveBar

# --- The paths over the years ----------------------------------------------------------------

PATH_KEYS = ("reference", "target", "expected")  # the lines, in drawing order
MIN_LABEL_SPACING = 40  # px between year labels under the axis; years between go unlabelled


@dataclass(frozen=True, slots=True, kw_only=True)
class PathPoint:
    label: str
    value: float
    x: float
    y: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PathLine:
    """One series as lines through its points; a year without a value breaks the line."""

    key: str  # which series (drawn with that series' stroke and marker)
    runs: list[list[PathPoint]]  # unbroken stretches, oldest first

    @property
    def points(self) -> list[PathPoint]:
        return [point for run in self.runs for point in run]

    @property
    def polylines(self) -> list[str]:
        """The `points` attribute of one <polyline> per run of two points or more."""
        return [
            " ".join(f"{point.x:.2f},{point.y:.2f}" for point in run)
            for run in self.runs
            if len(run) > 1
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class ColumnBar:
    label: str
    value: float
    x: float
    y: float  # top of the bar
    width: float
    height: float


@dataclass(frozen=True, slots=True, kw_only=True)
class XLabel:
    label: str
    x: float  # the middle of the year's band
    shown: bool  # whether the label is written under the axis (all when there is room)


@dataclass(frozen=True, slots=True, kw_only=True)
class PathChart(Plot):
    """Yearly bars (`bar_key`) and lines over one value axis from 0 at `plot_bottom`."""

    labels: list[XLabel]
    bar_key: str
    bars: list[ColumnBar]
    lines: list[PathLine]
    ticks: list[Tick]

    @property
    def label_y(self) -> float:
        """Baseline of the labels under the plot."""
        return self.plot_bottom + 20

    @property
    def tick_mark_y(self) -> float:
        """Lower end of the year's tick mark under the axis."""
        return self.plot_bottom + 5

    @property
    def tick_label_x(self) -> float:
        """Right edge of the tick labels, left of the plot."""
        return self.plot_left - 8

    def line(self, key: str) -> PathLine:
        return next(line for line in self.lines if line.key == key)


def path_chart(
    *,
    labels: Sequence[str],
    bars: tuple[str, Sequence[float | None]],
    lines: Sequence[tuple[str, Sequence[float | None]]],
    width: float = 640,
    height: float = 320,
    margin_left: float = 72,
    margin_right: float = 16,
    margin_top: float = 28,
    margin_bottom: float = 36,
    max_bar_width: float = 28,
) -> PathChart:
    """One band per label, a bar in it for each value of `bars` (key, values) and a point on
    each line of `lines` (key, values) at its middle; None leaves the bar out and breaks the
    line. Negative values count as 0 in the drawing (the table shows the figures themselves).
    """
    bar_key, bar_values = bars
    for key, values in [bars, *lines]:
        if len(values) != len(labels):
            raise ValueError(f"series {key!r} has {len(values)} values for {len(labels)} labels")
    drawn = [max(0.0, v) for _, values in [bars, *lines] for v in values if v is not None]
    axis = nice_axis(max(drawn, default=0.0))
    plot_left, plot_right = margin_left, width - margin_right
    plot_top, plot_bottom = margin_top, height - margin_bottom
    scale = (plot_bottom - plot_top) / axis.top
    band = (plot_right - plot_left) / max(1, len(labels))
    bar_width = min(max_bar_width, band * 0.6)
    label_every = max(1, ceil(MIN_LABEL_SPACING / band))
    middles = [plot_left + band * (index + 0.5) for index in range(len(labels))]

    def y_of(value: float) -> float:
        return plot_bottom - max(0.0, value) * scale

    column_bars = [
        ColumnBar(
            label=label,
            value=value,
            x=middle - bar_width / 2,
            y=y_of(value),
            width=bar_width,
            height=plot_bottom - y_of(value),
        )
        for label, middle, value in zip(labels, middles, bar_values, strict=True)
        if value is not None
    ]
    path_lines = []
    for key, values in lines:
        runs: list[list[PathPoint]] = []
        run: list[PathPoint] = []
        for label, middle, value in zip(labels, middles, values, strict=True):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(PathPoint(label=label, value=value, x=middle, y=y_of(value)))
        if run:
            runs.append(run)
        path_lines.append(PathLine(key=key, runs=runs))
    last = len(labels) - 1
    return PathChart(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        tick_decimals=axis.decimals,
        labels=[
            # the first, every n-th after it and the last (the base and the target year)
            XLabel(
                label=label,
                x=middle,
                shown=index == last or (index % label_every == 0 and last - index >= label_every),
            )
            for index, (label, middle) in enumerate(zip(labels, middles, strict=True))
        ],
        bar_key=bar_key,
        bars=column_bars,
        lines=path_lines,
        ticks=[Tick(value=value, y=y_of(value)) for value in axis.ticks],
    )


def budget_path_chart(rows: Sequence[BudgetYear]) -> PathChart:
    """The climate budget's years: the accounts as bars ("actual"); the reference, target and
    expected paths as lines; in the unit of the rows."""
    return path_chart(
        labels=[str(row.year) for row in rows],
        bars=("actual", [row.actual for row in rows]),
        lines=[
            ("reference", [row.reference for row in rows]),
            ("target", [row.target for row in rows]),
            ("expected", [row.expected for row in rows]),
        ],
    )


# --- The marginal abatement cost curve -------------------------------------------------------

MIN_NUMBERED_WIDTH = 14  # px: narrower bars carry no number (the table lists them all)


@dataclass(frozen=True, slots=True, kw_only=True)
class CostBar:
    """A measure on the curve: as wide as its yearly reduction, as high as its cost per tonne,
    up from the zero line for a cost, down for a saving."""

    number: int  # its place on the curve from 1, as in the table
    key: str
    cost_nok_per_t: float
    start_t: float
    reduction_t: float
    x: float
    y: float  # top of the bar
    width: float
    height: float

    @property
    def fill(self) -> str:
        return "saving" if self.cost_nok_per_t < 0 else "cost"

    @property
    def numbered(self) -> bool:
        return self.width >= MIN_NUMBERED_WIDTH

    @property
    def number_x(self) -> float:
        return self.x + self.width / 2

    @property
    def number_y(self) -> float:
        """Baseline of the bar's number: over the bar, or for a saving over the zero line (the
        bar's top), clear of the reduction axis' labels."""
        return self.y - 6


@dataclass(frozen=True, slots=True, kw_only=True)
class CostCurveChart(Plot):
    """Bars side by side from the left (0 t) along the x axis; the cost axis runs through 0 at
    `zero_y`, below it for savings. `tick_decimals` are the cost axis', `x_tick_decimals` the
    reduction axis'."""

    bars: list[CostBar]
    ticks: list[Tick]  # cost, NOK per t
    x_ticks: list[XTick]  # cumulative reduction, t a year
    x_tick_decimals: int
    zero_y: float

    @property
    def x_tick_format(self) -> str:
        return f"{self.x_tick_decimals}g"

    @property
    def tick_label_x(self) -> float:
        return self.plot_left - 8

    @property
    def tick_mark_y(self) -> float:
        """Lower end of a reduction tick's mark under the axis."""
        return self.plot_bottom + 5

    @property
    def x_tick_label_y(self) -> float:
        """Baseline of the reduction axis' labels, under the plot."""
        return self.plot_bottom + 18

    @property
    def x_unit_label_y(self) -> float:
        return self.plot_bottom + 36


def abatement_cost_chart(
    bars: Sequence[CurveBar],
    *,
    width: float = 640,
    height: float = 360,
    margin_left: float = 80,
    margin_right: float = 16,
    margin_top: float = 32,
    margin_bottom: float = 44,
    min_bar_width: float = 1.0,
) -> CostCurveChart:
    """The curve's bars (cheapest first, as ``paths.abatement_curve`` orders them) on a cost
    axis that covers the dearest cost and the largest saving, and a reduction axis from 0 to the
    total. A bar narrower than `min_bar_width` px is drawn that wide, so that none vanishes."""
    costs = [bar.cost_nok_per_t for bar in bars]
    cost_axis = nice_axis(max(costs, default=0.0), min(costs, default=0.0))
    total = sum(bar.reduction_t for bar in bars)
    reduction_axis = nice_axis(total)
    plot_left, plot_right = margin_left, width - margin_right
    plot_top, plot_bottom = margin_top, height - margin_bottom
    y_scale = (plot_bottom - plot_top) / (cost_axis.top - cost_axis.bottom)
    x_scale = (plot_right - plot_left) / reduction_axis.top
    zero_y = plot_top + cost_axis.top * y_scale

    def y_of(cost: float) -> float:
        return zero_y - cost * y_scale

    return CostCurveChart(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        tick_decimals=cost_axis.decimals,
        bars=[
            CostBar(
                number=number,
                key=bar.key,
                cost_nok_per_t=bar.cost_nok_per_t,
                start_t=bar.start_t,
                reduction_t=bar.reduction_t,
                x=plot_left + bar.start_t * x_scale,
                y=min(zero_y, y_of(bar.cost_nok_per_t)),
                width=max(min_bar_width, bar.reduction_t * x_scale),
                height=abs(bar.cost_nok_per_t) * y_scale,
            )
            for number, bar in enumerate(bars, start=1)
        ],
        ticks=[Tick(value=value, y=y_of(value)) for value in cost_axis.ticks],
        x_ticks=[
            XTick(value=value, x=plot_left + value * x_scale) for value in reduction_axis.ticks
        ],
        x_tick_decimals=reduction_axis.decimals,
        zero_y=zero_y,
    )
