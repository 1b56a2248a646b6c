"""The plan-quality check: what an action plan lacks to be a plan a climate adviser would
accept. PURE: standard library only, no Django (a test enforces it); the messages are written
where the findings are shown.

What it looks for, in the order shown:

- ``no_measures``: the plan has no measures (dropped ones do not count);
- ``no_yearly_path``: no active target with a target year, so there is no yearly path to
  measure the plan against;
- ``no_reference_path``: the reference path (how emissions would go with no new measures) has
  not been set: the plan's yearly change without measures has never been saved and is not
  set to anything but 0, and the organisation has no emission target whose climate budget
  would draw the path;
- ``missing_costs``: measures with neither an investment nor a yearly cost or saving;
- ``missing_responsible``: measures without a responsible person;
- ``missing_reduction``: measures without an expected reduction;
- ``reports_overdue``: measures whose status report is overdue.

Dropped measures are left out of every check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

DROPPED = "dropped"  # Measure.Status.DROPPED

NO_MEASURES = "no_measures"
NO_YEARLY_PATH = "no_yearly_path"
NO_REFERENCE_PATH = "no_reference_path"
MISSING_COSTS = "missing_costs"
MISSING_RESPONSIBLE = "missing_responsible"
MISSING_REDUCTION = "missing_reduction"
REPORTS_OVERDUE = "reports_overdue"


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureFacts:
    title: str
    status: str
    expected_reduction_t: Decimal
    investment_nok: Decimal
    yearly_cost_nok: Decimal
    responsible: str
    report_overdue: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanFacts:
    has_target_with_year: bool
    has_emission_target: bool
    reference_growth_saved: bool  # the plan's settings were saved at least once
    reference_growth_percent: Decimal
    measures: Sequence[MeasureFacts]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    code: str
    measures: tuple[str, ...] = ()  # the titles of the measures concerned


def no_costs_given(*, investment_nok: Decimal, yearly_cost_nok: Decimal) -> bool:
    """Neither an investment nor a yearly cost or saving: the measure's costs are not known
    (a measure made from a template starts so), not zero."""
    return investment_nok == 0 and yearly_cost_nok == 0


def check_plan(facts: PlanFacts) -> list[Finding]:
    """What the plan lacks; empty when nothing."""
    measures = [m for m in facts.measures if m.status != DROPPED]
    findings: list[Finding] = []
    if not measures:
        findings.append(Finding(code=NO_MEASURES))
    if not facts.has_target_with_year:
        findings.append(Finding(code=NO_YEARLY_PATH))
    if not (
        facts.reference_growth_saved
        or facts.reference_growth_percent != 0
        or facts.has_emission_target
    ):
        findings.append(Finding(code=NO_REFERENCE_PATH))
    for code, lacks in (
        (
            MISSING_COSTS,
            lambda m: no_costs_given(
                investment_nok=m.investment_nok, yearly_cost_nok=m.yearly_cost_nok
            ),
        ),
        (MISSING_RESPONSIBLE, lambda m: not m.responsible.strip()),
        (MISSING_REDUCTION, lambda m: m.expected_reduction_t <= 0),
        (REPORTS_OVERDUE, lambda m: m.report_overdue),
    ):
        titles = tuple(m.title for m in measures if lacks(m))
        if titles:
            findings.append(Finding(code=code, measures=titles))
    return findings
