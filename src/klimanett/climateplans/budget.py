"""A target's climate budget (klimabudsjett): its paths year by year and the action plan's
measures by abatement cost. Reads the target, the organisation's accounts and its action plan
into ``paths.py`` and makes the charts of ``charts.py`` from the result.

Only an absolute emission target has a budget. Its values are in kg CO2e (the target's base
value, the accounts); the budget converts them to tonnes CO2e on the way in, as the measures'
reductions are in tonnes, so every figure the budget holds is in t CO2e (costs in NOK).

Which measures count: those of the organisation's action plan that are planned, in progress
or done (not ideas, not dropped). Each lowers the expected path by its yearly reduction from
its start year on, when that is after the latest account in the budget; a measure that started
in or before that year is already in the account's figures and is not counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from klimanett.climateplans import actuals, charts, paths
from klimanett.climateplans.models import Measure, Target
from klimanett.climateplans.plan_overview import abatement_cost, plan_of

KG_PER_TONNE = 1000.0
COUNTED_STATUSES = (Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.DONE)


def has_budget(target: Target) -> bool:
    """Whether the target gets a climate budget: an absolute emission target."""
    return target.kind == Target.Kind.EMISSIONS and target.metric == Target.Metric.ABSOLUTE


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetMeasure:
    measure: Measure
    reduction_t: float
    cost_nok_per_t: float | None
    counted_from: int | None  # the year it starts lowering the expected path; None: not counted
    in_accounts: bool  # started in or before the latest account: already in its figures

    @property
    def after_target_year(self) -> bool:
        return self.counted_from is None and not self.in_accounts


@dataclass(frozen=True, slots=True, kw_only=True)
class CurveRow:
    """A measure on the abatement cost curve, numbered from the cheapest tonne."""

    number: int
    item: BudgetMeasure
    bar: paths.CurveBar

    @property
    def cumulative_t(self) -> float:
        """The yearly reduction of this measure and all cheaper ones."""
        return self.bar.start_t + self.bar.reduction_t


@dataclass(frozen=True, slots=True, kw_only=True)
class ClimateBudget:
    target: Target
    base_value_t: float
    target_value_t: float
    rows: list[paths.BudgetYear]  # base year to target year, t CO2e
    reference_from: int  # the first year of the reference path: the latest account, or base
    latest_account_year: int | None  # the latest account in the budget's years
    reference_growth_percent: float
    has_plan: bool
    measures: list[BudgetMeasure]  # planned, in progress or done; by start year
    curve: list[CurveRow]  # the measures with a reduction, cheapest tonne first
    path_chart: charts.PathChart
    curve_chart: charts.CostCurveChart | None  # None without a measure on the curve

    @property
    def account_rows(self) -> list[paths.BudgetYear]:
        """The years with a climate account."""
        return [row for row in self.rows if row.actual is not None]

    @property
    def latest_account_t(self) -> float | None:
        return self.account_rows[-1].actual if self.account_rows else None

    @property
    def final(self) -> paths.BudgetYear:
        return self.rows[-1]

    @property
    def gap_t(self) -> float:
        """Expected minus target in the target year: what is still missing (negative: the
        margin by which the plan does better)."""
        assert self.final.gap is not None  # the budget always reaches the target year
        return self.final.gap

    @property
    def adds_up(self) -> bool:
        """Whether the expected emissions in the target year are at or below the target."""
        return self.gap_t <= 1e-9

    @property
    def shortfall_t(self) -> float:
        return max(0.0, self.gap_t)

    @property
    def margin_t(self) -> float:
        return max(0.0, -self.gap_t)

    @property
    def counted(self) -> list[BudgetMeasure]:
        """The measures that lower the expected path within the budget's years."""
        return [item for item in self.measures if item.counted_from is not None]

    @property
    def counted_count(self) -> int:
        return len(self.counted)

    @property
    def counted_reduction_t(self) -> float:
        """What the counted measures cut in the target year (reference − expected there)."""
        assert self.final.reference is not None and self.final.expected is not None
        return self.final.reference - self.final.expected

    @property
    def curve_total_t(self) -> float:
        return sum(row.bar.reduction_t for row in self.curve)

    @property
    def without_cost(self) -> list[BudgetMeasure]:
        """Measures without a reduction: no cost per tonne, not on the curve."""
        return [item for item in self.measures if item.cost_nok_per_t is None]


def climate_budget(target: Target) -> ClimateBudget | None:
    """The target's climate budget, or None when it has none (see `has_budget`)."""
    if not has_budget(target) or target.reduction_percent is None:
        return None
    spec = paths.TargetSpec(
        base_year=target.base_year,
        base_value=target.base_value / KG_PER_TONNE,
        target_year=target.target_year,
        reduction=float(target.reduction_percent) / 100,
    )
    actual_t = {
        year: kg / KG_PER_TONNE
        for year, kg in actuals.actual_values(
            target, actuals.figures_of(target.organisation_id)
        ).items()
    }
    plan = plan_of(target.organisation)  # unsaved, with the defaults, when there is none
    growth_percent = float(plan.reference_growth_percent)
    measures = (
        list(plan.measures.filter(status__in=COUNTED_STATUSES).order_by("start_year", "pk"))
        if plan.pk is not None
        else []
    )
    rows = paths.climate_budget(
        spec=spec,
        actual=actual_t,
        measures=[
            paths.MeasureEffect(
                key=str(measure.pk),
                reduction=float(measure.expected_reduction_t),
                start_year=measure.start_year,
            )
            for measure in measures
        ],
        reference_growth=growth_percent / 100,
    )
    # paths.climate_budget starts the reference path in the latest account's year and counts
    # the measures that start after it, up to the target year.
    reference_from = next(row.year for row in rows if row.reference is not None)
    items = [
        BudgetMeasure(
            measure=measure,
            reduction_t=float(measure.expected_reduction_t),
            cost_nok_per_t=abatement_cost(measure),
            counted_from=measure.start_year
            if reference_from < measure.start_year <= target.target_year
            else None,
            in_accounts=measure.start_year <= reference_from,
        )
        for measure in measures
    ]
    costed = {str(item.measure.pk): item for item in items if item.cost_nok_per_t is not None}
    bars = paths.abatement_curve(
        [
            paths.CostedMeasure(key=key, reduction_t=item.reduction_t, cost_nok_per_t=cost)
            for key, item in costed.items()
            if (cost := item.cost_nok_per_t) is not None
        ]
    )
    return ClimateBudget(
        target=target,
        base_value_t=spec.base_value,
        target_value_t=spec.target_value,
        rows=rows,
        reference_from=reference_from,
        latest_account_year=max((row.year for row in rows if row.actual is not None), default=None),
        reference_growth_percent=growth_percent,
        has_plan=plan.pk is not None,
        measures=items,
        curve=[
            CurveRow(number=number, item=costed[bar.key], bar=bar)
            for number, bar in enumerate(bars, start=1)
        ],
        path_chart=charts.budget_path_chart(rows),
        curve_chart=charts.abatement_cost_chart(bars) if bars else None,
    )
