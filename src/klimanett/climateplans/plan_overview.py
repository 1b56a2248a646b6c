"""What the action plan pages show: each measure with its abatement cost, its follow-up and,
when done, its realised effect; the plan's totals; and what the plan lacks, in plain words.
The numbers come from the pure modules (``paths``, ``follow_up``, ``plan_quality``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.ghg.calculate import ActivityLine, Calculator
from klimanett.accounting.ghg.factors import UnknownActivity
from klimanett.accounting.ghg.units import UnitError
from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans import actuals, follow_up, plan_quality
from klimanett.climateplans.actuals import YearFigures
from klimanett.climateplans.models import ActionPlan, Measure, Target
from klimanett.climateplans.paths import abatement_cost_nok_per_t
from klimanett.climateplans.services import PLAN_SETTINGS_CHANGED
from klimanett.core.models import AuditEntry
from klimanett.partners.models import Organisation


def plan_of(organisation: Organisation) -> ActionPlan:
    """The organisation's action plan, or an unsaved one with the defaults (a plan is made
    when it is first changed, not when it is looked at)."""
    try:
        return ActionPlan.objects.get(organisation=organisation)
    except ActionPlan.DoesNotExist:
        return ActionPlan(organisation=organisation)


def measures_of(plan: ActionPlan) -> list[Measure]:
    """The plan's measures with the date of their latest status report
    (``last_reported_on``)."""
    if plan.pk is None:
        return []
    return list(
        Measure.objects.filter(plan=plan)
        .annotate(last_reported_on=Max("reports__reported_on"))
        .order_by("start_year", "pk")
    )


def costs_given(measure: Measure) -> bool:
    """Whether the measure has an investment or a yearly cost or saving (both 0: not given)."""
    return not plan_quality.no_costs_given(
        investment_nok=measure.investment_nok, yearly_cost_nok=measure.yearly_cost_nok
    )


def abatement_cost(measure: Measure) -> float | None:
    """NOK per t CO2e: the investment spread over the lifetime plus the yearly cost, divided
    by the yearly reduction; negative when it saves money; None (not known) without a reduction
    or when no costs are given: a measure whose investment and yearly cost are both 0 is one
    whose costs nobody has written yet, not one that is free."""
    if not costs_given(measure):
        return None
    return abatement_cost_nok_per_t(
        investment_nok=float(measure.investment_nok),
        lifetime_years=measure.lifetime_years,
        yearly_cost_nok=float(measure.yearly_cost_nok),
        reduction_t=float(measure.expected_reduction_t),
    )


def is_followed_up(measure: Measure) -> bool:
    return measure.status in follow_up.FOLLOWED_UP_STATUSES


def report_state(
    measure: Measure, *, cadence: str, today: datetime.date
) -> follow_up.ReportState | None:
    """When the measure's next status report is due; None for measures not followed up
    (ideas, done and dropped). Needs ``last_reported_on`` (``measures_of``) or reads it."""
    if not is_followed_up(measure):
        return None
    last = getattr(measure, "last_reported_on", None)
    if not hasattr(measure, "last_reported_on"):
        last = measure.reports.aggregate(last=Max("reported_on"))["last"]
    return follow_up.report_state(
        cadence=cadence,
        added_on=timezone.localtime(measure.created_at).date(),
        last_reported=last,
        today=today,
    )


def kg_by_activity(year_figures: YearFigures) -> dict[str, float]:
    """The account's location-based kg CO2e by activity key."""
    account = year_figures.account
    calculator = Calculator(get_factor_set(account.factor_set), year=account.year)
    sums: dict[str, float] = {}
    for line in account.lines.all():
        try:
            computed = calculator.compute(
                ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
            )
        except (UnknownActivity, UnitError):
            continue
        sums[line.activity] = sums.get(line.activity, 0.0) + computed.kgco2e_location
    return sums


def kg_by_year(figures: Mapping[int, YearFigures]) -> dict[int, dict[str, float]]:
    return {year: kg_by_activity(year_figures) for year, year_figures in figures.items()}


def realised_effect(
    measure: Measure, kg_by_year: Mapping[int, Mapping[str, float]]
) -> follow_up.RealisedEffect | None:
    """For a done measure: the change in its activities' emissions between the accounts
    before and after its start (``follow_up.realised_effect``, with its limits)."""
    if measure.status != Measure.Status.DONE:
        return None
    return follow_up.realised_effect(
        activity_keys=measure.activity_keys or [],
        start_year=measure.start_year,
        kg_by_year=kg_by_year,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureRow:
    measure: Measure
    abatement_cost: float | None
    report: follow_up.ReportState | None
    realised: follow_up.RealisedEffect | None

    @property
    def costs_given(self) -> bool:
        return costs_given(self.measure)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanTotals:
    """The sums over the measures that are not dropped."""

    count: int
    reduction_t: Decimal
    energy_kwh: Decimal
    investment_nok: Decimal
    yearly_cost_nok: Decimal
    dropped: int


def totals_of(measures: Sequence[Measure]) -> PlanTotals:
    active = [m for m in measures if m.status != Measure.Status.DROPPED]
    return PlanTotals(
        count=len(active),
        reduction_t=sum((m.expected_reduction_t for m in active), Decimal(0)),
        energy_kwh=sum((m.expected_energy_kwh or Decimal(0) for m in active), Decimal(0)),
        investment_nok=sum((m.investment_nok for m in active), Decimal(0)),
        yearly_cost_nok=sum((m.yearly_cost_nok for m in active), Decimal(0)),
        dropped=len(measures) - len(active),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingMessage:
    code: str
    text: str
    measures: tuple[str, ...]


def _titles(titles: Iterable[str]) -> str:
    return ", ".join(f"«{title}»" for title in titles)


def finding_message(finding: plan_quality.Finding) -> FindingMessage:
    """What the plan lacks, in plain words for the partner."""
    count = len(finding.measures)
    params = {"count": count, "titles": _titles(finding.measures)}
    texts = {
        plan_quality.NO_MEASURES: gettext(
            "The plan has no measures yet. Add the measures you plan, or start from a template "
            "computed from your climate account."
        ),
        plan_quality.NO_YEARLY_PATH: gettext(
            "The plan has no yearly path to be measured against: set a target with a target year."
        ),
        plan_quality.NO_REFERENCE_PATH: gettext(
            "The plan has no reference path. Say how emissions would change each year without "
            "new measures (write 0 %% if you expect no change), or set an emission target for "
            "the climate budget."
        ),
        plan_quality.MISSING_COSTS: ngettext(
            "%(count)s measure has no costs: %(titles)s. Give the investment or the yearly "
            "cost or saving, so that the cost per tonne can be worked out.",
            "%(count)s measures have no costs: %(titles)s. Give the investment or the yearly "
            "cost or saving, so that the cost per tonne can be worked out.",
            count,
        ),
        plan_quality.MISSING_RESPONSIBLE: ngettext(
            "%(count)s measure has no one responsible: %(titles)s.",
            "%(count)s measures have no one responsible: %(titles)s.",
            count,
        ),
        plan_quality.MISSING_REDUCTION: ngettext(
            "%(count)s measure has no expected reduction: %(titles)s.",
            "%(count)s measures have no expected reduction: %(titles)s.",
            count,
        ),
        plan_quality.REPORTS_OVERDUE: ngettext(
            "The status report of %(count)s measure is overdue: %(titles)s.",
            "The status reports of %(count)s measures are overdue: %(titles)s.",
            count,
        ),
    }
    return FindingMessage(
        code=finding.code, text=texts[finding.code] % params, measures=finding.measures
    )


def settings_saved(plan: ActionPlan) -> bool:
    """Whether the plan's settings (cadence, reference growth) were ever saved."""
    if plan.pk is None:
        return False
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ActionPlan),
        object_id=str(plan.pk),
        action=PLAN_SETTINGS_CHANGED,
    ).exists()


def quality_findings(
    plan: ActionPlan, rows: Sequence[MeasureRow], *, targets: Sequence[Target]
) -> list[FindingMessage]:
    active_targets = [t for t in targets if t.status == Target.Status.ACTIVE]
    facts = plan_quality.PlanFacts(
        has_target_with_year=bool(active_targets),
        has_emission_target=any(t.kind == Target.Kind.EMISSIONS for t in active_targets),
        reference_growth_saved=settings_saved(plan),
        reference_growth_percent=plan.reference_growth_percent,
        measures=[
            plan_quality.MeasureFacts(
                title=row.measure.title,
                status=row.measure.status,
                expected_reduction_t=row.measure.expected_reduction_t,
                investment_nok=row.measure.investment_nok,
                yearly_cost_nok=row.measure.yearly_cost_nok,
                responsible=row.measure.responsible,
                report_overdue=row.report is not None and row.report.overdue,
            )
            for row in rows
        ],
    )
    return [finding_message(finding) for finding in plan_quality.check_plan(facts)]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanOverview:
    organisation: Organisation
    plan: ActionPlan  # unsaved when the organisation has none yet
    rows: list[MeasureRow]
    totals: PlanTotals
    reports: follow_up.PlanReportState
    findings: list[FindingMessage]
    has_accounts: bool

    @property
    def done_rows(self) -> list[MeasureRow]:
        return [row for row in self.rows if row.measure.status == Measure.Status.DONE]


def plan_overview(organisation: Organisation, *, today: datetime.date) -> PlanOverview:
    """The action plan page: the measures with their costs and follow-up, the totals, and the
    plan-quality check. The accounts are read only when a measure is done."""
    plan = plan_of(organisation)
    measures = measures_of(plan)
    done = any(m.status == Measure.Status.DONE for m in measures)
    figures = actuals.figures_of(organisation.pk) if done else None
    by_year = kg_by_year(figures) if figures else {}
    rows = [
        MeasureRow(
            measure=measure,
            abatement_cost=abatement_cost(measure),
            report=report_state(measure, cadence=plan.report_cadence, today=today),
            realised=realised_effect(measure, by_year),
        )
        for measure in measures
    ]
    targets = list(Target.objects.filter(organisation=organisation))
    has_accounts = bool(figures) if figures is not None else _has_accounts(organisation)
    return PlanOverview(
        organisation=organisation,
        plan=plan,
        rows=rows,
        totals=totals_of(measures),
        reports=follow_up.plan_report_state(row.report for row in rows if row.report),
        findings=quality_findings(plan, rows, targets=targets),
        has_accounts=has_accounts,
    )


def _has_accounts(organisation: Organisation) -> bool:
    return (
        ClimateAccount.objects.filter(organisation=organisation)
        .exclude(status=ClimateAccount.Status.DRAFT)
        .exists()
    )


def measure_row(measure: Measure, *, today: datetime.date) -> MeasureRow:
    """One measure for its own page; the accounts are read only when it is done."""
    by_year: dict[int, dict[str, float]] = {}
    if measure.status == Measure.Status.DONE:
        by_year = kg_by_year(actuals.figures_of(measure.plan.organisation_id))
    return MeasureRow(
        measure=measure,
        abatement_cost=abatement_cost(measure),
        report=report_state(measure, cadence=measure.plan.report_cadence, today=today),
        realised=realised_effect(measure, by_year),
    )
