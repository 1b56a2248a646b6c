"""A climate budget as a spreadsheet (its summary, its years and its measures by abatement
cost) and as a PDF report with the page's figures and both charts. Pure functions from a
``budget.ClimateBudget`` to file contents; the view only checks access and sends them.

All emissions are in tonnes CO2e, money in NOK. Measure titles that partners wrote never reach
a spreadsheet as a formula (``core.spreadsheets.xlsx_workbook``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from klimanett.accounting.pdf import render_pdf
from klimanett.climateplans.budget import BudgetMeasure, ClimateBudget
from klimanett.core.spreadsheets import xlsx_workbook

Row = Sequence[Any]


def summary_rows(budget: ClimateBudget) -> list[Row]:
    target, final = budget.target, budget.final
    return [
        [_("Climate budget"), target.title],
        [_("Organisation"), target.organisation.name],
        [_("Scopes covered"), target.get_scopes_display()],
        [_("Base year"), target.base_year],
        [_("Emissions in the base year (t CO2e)"), budget.base_value_t],
        [_("Recorded when the target was set (t CO2e)"), budget.recorded_base_value_t],
        [_("Target year"), target.target_year],
        [_("Reduction (%)"), target.reduction_percent],
        [_("Target (t CO2e)"), budget.target_value_t],
        [_("Latest climate account"), budget.latest_account_year],
        [_("Yearly change without new measures (%)"), budget.reference_growth_percent],
        [_("Expected in the target year (t CO2e)"), final.expected],
        [_("Gap in the target year (t CO2e)"), final.gap],
        [_("The plan adds up"), _("Yes") if budget.adds_up else _("No")],
    ]


def year_rows(budget: ClimateBudget) -> list[Row]:
    """A heading row, then one row per year; empty cells where a path has no value."""
    rows: list[Row] = [
        [
            _("Year"),
            _("Climate account (t CO2e)"),
            _("Reference path (t CO2e)"),
            _("Target path (t CO2e)"),
            _("Expected path (t CO2e)"),
            _("Gap, expected − target (t CO2e)"),
        ]
    ]
    rows.extend(
        [row.year, row.actual, row.reference, row.target, row.expected, row.gap]
        for row in budget.rows
    )
    return rows


def measure_rows(budget: ClimateBudget) -> list[Row]:
    """A heading row, then the measures on the curve from the cheapest tonne, then those not on
    it (without a cost per tonne, or not counted for the target), each with why in "In the
    expected path"; a measure without costs has its cost per tonne written as not given, and
    empty cells, not 0, for its investment and yearly cost."""
    rows: list[Row] = [
        [
            _("No. on the curve"),
            _("Measure"),
            _("Category"),
            _("Status"),
            _("Start year"),
            _("Yearly reduction (t CO2e)"),
            _("Investment (NOK)"),
            _("Lifetime (years)"),
            _("Yearly cost or saving (NOK)"),
            _("Abatement cost (NOK per t CO2e)"),
            _("Added up from the cheapest (t CO2e)"),
            _("In the expected path"),
            _("Responsible"),
        ]
    ]
    placed: list[tuple[int | None, BudgetMeasure, float | None]] = [
        (row.number, row.item, row.cumulative_t) for row in budget.curve
    ]
    placed += [(None, item, None) for item in budget.off_curve]
    for number, item, cumulative in placed:
        measure = item.measure
        costs = item.costs_given
        rows.append(
            [
                number,
                measure.title,
                measure.get_category_display(),
                measure.get_status_display(),
                measure.start_year,
                item.reduction_t,
                measure.investment_nok if costs else None,
                measure.lifetime_years,
                measure.yearly_cost_nok if costs else None,
                item.cost_nok_per_t if costs else _("No costs given"),
                cumulative,
                item.path_note,
                measure.responsible,
            ]
        )
    return rows


def budget_xlsx(budget: ClimateBudget) -> bytes:
    """A workbook: the summary, the years, and the measures by abatement cost."""
    return xlsx_workbook(
        [
            (_("Summary"), summary_rows(budget)),
            (_("Years"), year_rows(budget)),
            (_("Measures"), measure_rows(budget)),
        ]
    )


def budget_pdf(budget: ClimateBudget) -> bytes:
    """The budget page as a PDF report: summary, method, both charts and their tables."""
    return render_pdf(
        "climateplans/climate_budget_pdf.html", {"budget": budget, "target": budget.target}
    )
