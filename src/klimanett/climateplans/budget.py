"""A target's climate budget (klimabudsjett): its paths year by year and the action plan's
measures by abatement cost. Reads the target, the organisation's accounts and its action plan
into ``paths.py`` and makes the charts of ``charts.py`` from the result.

Only an absolute emission target has a budget. Its values are in kg CO2e (the base value, the
accounts); the budget converts them to tonnes CO2e on the way in, as the measures' reductions
are in tonnes, so every figure the budget holds is in t CO2e (costs in NOK). The base value is
read live from the base year's account (``actuals.base_value``), as the target's evaluation
reads it.

Which measures count for a target: those of the organisation's action plan that are planned,
in progress or done (not ideas, not dropped) and that act on at least one activity within the
scopes the target covers. An activity's scope is read from the factor set of the
organisation's latest submitted or approved account (the newest set without one). A measure
that gives no activities, or acts only on activities of other scopes, is listed with the
reason but not counted.

An approximation: a measure that moves emissions from one scope to another (diesel vans to
electric vans: less diesel in scope 1, more electricity in scope 2) has one expected
reduction, the net one. It counts for a target that covers any scope it acts on, with that net
reduction, also for a target of scope 1 alone, where the cut within scope 1 (the diesel alone)
is somewhat larger. The budget errs on the side of too little there, never too much.

When each measure counts (``paths.counted_from``): from its start year on, when that is after
the latest account in the budget. A measure done or in progress that started in or before that
year is in the account's figures already and is not counted twice; a planned measure whose
start year has passed is delayed, and counted from the year after the latest account.

A measure's cost per tonne is not known without a reduction, or when neither an investment nor
a yearly cost or saving is given (``plan_overview.abatement_cost``); such measures are left off
the marginal abatement cost curve and listed beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimanett.accounting.factor_library import get_factor_set, latest_version
from klimanett.climateplans import actuals, charts, paths
from klimanett.climateplans.models import Measure, Target
from klimanett.climateplans.plan_overview import abatement_cost, costs_given, plan_of

KG_PER_TONNE = 1000.0
COUNTED_STATUSES = (Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.DONE)
UNDER_WAY_STATUSES = (Measure.Status.IN_PROGRESS, Measure.Status.DONE)


def has_budget(target: Target) -> bool:
    """Whether the target gets a climate budget: an absolute emission target."""
    return target.kind == Target.Kind.EMISSIONS and target.metric == Target.Metric.ABSOLUTE


class ScopeFit(StrEnum):
    """Whether a measure counts for a target, by the scopes of the activities it acts on."""

    COUNTS = "counts"  # at least one of its activities is in the target's scopes
    OTHER_SCOPES = "other_scopes"  # all its activities are in scopes the target does not cover
    NO_ACTIVITIES = "no_activities"  # none given (or none the factor set knows)


def covered_scopes(scopes: str) -> frozenset[int]:
    """The scopes a target covers: "1+2" → {1, 2}."""
    return frozenset(int(scope) for scope in scopes.split("+"))


def activity_scopes(version: str) -> dict[str, int]:
    """Each activity's scope in the factor set `version`."""
    return {factor.activity: factor.scope for factor in get_factor_set(version).factors}


def scope_fit(
    activity_keys: Iterable[str], *, covered: frozenset[int], scope_of: Mapping[str, int]
) -> tuple[ScopeFit, tuple[int, ...]]:
    """Whether a measure acting on `activity_keys` counts for a target covering `covered`, and
    the scopes of its activities (keys the factor set does not know are left out)."""
    scopes = tuple(sorted({scope_of[key] for key in activity_keys if key in scope_of}))
    if not scopes:
        return ScopeFit.NO_ACTIVITIES, ()
    if covered.intersection(scopes):
        return ScopeFit.COUNTS, scopes
    return ScopeFit.OTHER_SCOPES, scopes


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetMeasure:
    measure: Measure
    reduction_t: float
    cost_nok_per_t: float | None  # None: no reduction, or no costs given
    costs_given: bool  # an investment or a yearly cost or saving is given
    fit: ScopeFit
    scopes: tuple[int, ...]  # the scopes of the activities it acts on
    counted_from: int | None  # the year it starts lowering the expected path; None: not counted
    in_accounts: bool  # done or in progress, started by the latest account: in its figures
    delayed: bool  # planned, but its start year is in or before the latest account's year

    @property
    def for_target(self) -> bool:
        """Whether the measure acts on the scopes the target covers."""
        return self.fit is ScopeFit.COUNTS

    @property
    def path_note(self) -> str:
        """Whether, from when, or why not the measure lowers the expected path."""
        start = self.measure.start_year
        if self.fit is ScopeFit.OTHER_SCOPES:
            return ngettext(
                "Not counted for this target: it acts on scope %(scopes)s, which the target "
                "does not cover",
                "Not counted for this target: it acts on scopes %(scopes)s, which the target "
                "does not cover",
                len(self.scopes),
            ) % {"scopes": "+".join(str(scope) for scope in self.scopes)}
        if self.fit is ScopeFit.NO_ACTIVITIES:
            return _(
                "Not counted for this target: no activities of the climate account are given, "
                "so its scope is not known"
            )
        if self.delayed:
            if self.counted_from is None:
                return _(
                    "Delayed: planned to start in %(start)s, and not started by the target year"
                ) % {"start": start}
            return _("Delayed: planned to start in %(start)s, counted from %(year)s") % {
                "start": start,
                "year": self.counted_from,
            }
        if self.counted_from is not None:
            return _("From %(year)s") % {"year": self.counted_from}
        if self.in_accounts:
            return _("Already in the climate accounts")
        return _("Starts after the target year")


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
    base: actuals.BaseValue  # in kg CO2e, as the target and the accounts give it
    base_value_t: float  # the base value the paths start from
    target_value_t: float
    rows: list[paths.BudgetYear]  # base year to target year, t CO2e
    reference_from: int  # the first year of the reference path: the latest account, or base
    latest_account_year: int | None  # the latest account in the budget's years
    reference_growth_percent: float
    has_plan: bool
    measures: list[BudgetMeasure]  # planned, in progress or done, of every scope; by start year
    curve: list[CurveRow]  # the target's measures with a cost per tonne, cheapest tonne first
    path_chart: charts.PathChart
    curve_chart: charts.CostCurveChart | None  # None without a measure on the curve

    @property
    def recorded_base_value_t(self) -> float:
        """The base value recorded when the target was set (see `base.changed`)."""
        return self.base.recorded / KG_PER_TONNE

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
    def off_curve(self) -> list[BudgetMeasure]:
        """The measures not on the curve: the target's own without a cost per tonne first,
        then those that do not count for the target; each by start year."""
        on_curve = {row.item.measure.pk for row in self.curve}
        rest = [item for item in self.measures if item.measure.pk not in on_curve]
        return sorted(rest, key=lambda item: not item.for_target)

    @property
    def no_reduction(self) -> list[BudgetMeasure]:
        """The target's measures without an expected reduction: no cost per tonne."""
        return [item for item in self.measures if item.for_target and item.reduction_t <= 0]

    @property
    def no_costs(self) -> list[BudgetMeasure]:
        """The target's measures with a reduction but no costs given: cost per tonne unknown."""
        return [
            item
            for item in self.measures
            if item.for_target and item.reduction_t > 0 and not item.costs_given
        ]

    @property
    def not_for_target(self) -> list[BudgetMeasure]:
        """The measures that do not count for the target (other scopes, no activities)."""
        return [item for item in self.measures if not item.for_target]


def _factor_set_version(figures: Mapping[int, actuals.YearFigures]) -> str:
    """The factor set of the latest submitted or approved account (the newest set without)."""
    return figures[max(figures)].account.factor_set if figures else latest_version()


def climate_budget(target: Target) -> ClimateBudget | None:
    """The target's climate budget, or None when it has none (see `has_budget`)."""
    if not has_budget(target) or target.reduction_percent is None:
        return None
    figures = actuals.figures_of(target.organisation_id)
    base = actuals.base_value(target, figures)
    spec = paths.TargetSpec(
        base_year=target.base_year,
        base_value=base.value / KG_PER_TONNE,
        target_year=target.target_year,
        reduction=float(target.reduction_percent) / 100,
    )
    actual_t = {
        year: kg / KG_PER_TONNE for year, kg in actuals.actual_values(target, figures).items()
    }
    plan = plan_of(target.organisation)  # unsaved, with the defaults, when there is none
    growth_percent = float(plan.reference_growth_percent)
    measures = (
        list(plan.measures.filter(status__in=COUNTED_STATUSES).order_by("start_year", "pk"))
        if plan.pk is not None
        else []
    )
    scope_of = activity_scopes(_factor_set_version(figures))
    covered = covered_scopes(target.scopes)
    fits = {
        measure.pk: scope_fit(measure.activity_keys or [], covered=covered, scope_of=scope_of)
        for measure in measures
    }
    effects = {
        measure.pk: paths.MeasureEffect(
            key=str(measure.pk),
            reduction=float(measure.expected_reduction_t),
            start_year=measure.start_year,
            under_way=measure.status in UNDER_WAY_STATUSES,
        )
        for measure in measures
    }
    rows = paths.climate_budget(
        spec=spec,
        actual=actual_t,
        measures=[effects[m.pk] for m in measures if fits[m.pk][0] is ScopeFit.COUNTS],
        reference_growth=growth_percent / 100,
    )
    # paths.climate_budget starts the reference path in the latest account's year and counts
    # each measure from the year paths.counted_from gives, up to the target year.
    reference_from = next(row.year for row in rows if row.reference is not None)
    items = []
    for measure in measures:
        fit, scopes = fits[measure.pk]
        effect = effects[measure.pk]
        items.append(
            BudgetMeasure(
                measure=measure,
                reduction_t=effect.reduction,
                cost_nok_per_t=abatement_cost(measure),
                costs_given=costs_given(measure),
                fit=fit,
                scopes=scopes,
                counted_from=paths.counted_from(
                    effect, reference_from=reference_from, target_year=target.target_year
                )
                if fit is ScopeFit.COUNTS
                else None,
                in_accounts=paths.in_actual_figures(effect, reference_from=reference_from),
                delayed=paths.is_late(effect, reference_from=reference_from),
            )
        )
    costed = {
        str(item.measure.pk): item
        for item in items
        if item.for_target and item.cost_nok_per_t is not None
    }
    bars = paths.abatement_curve(
        [
            paths.CostedMeasure(key=key, reduction_t=item.reduction_t, cost_nok_per_t=cost)
            for key, item in costed.items()
            if (cost := item.cost_nok_per_t) is not None
        ]
    )
    return ClimateBudget(
        target=target,
        base=base,
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
