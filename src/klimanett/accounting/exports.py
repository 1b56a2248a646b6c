"""One climate account as a spreadsheet: its lines with the factor and source each used, and its
totals by scope (scope 2 both location-based and market-based).

Pure functions from an ``AccountResult`` to file contents; the view only checks access and
sends them. Texts that partners wrote (notes) never reach a spreadsheet as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from klimanett.accounting.selectors import AccountResult
from klimanett.core.spreadsheets import safe_csv_value

Row = Sequence[Any]


def _quantity(value: Decimal) -> Decimal:
    """The quantity as entered, without the stored trailing zeros ("1000", not "1000.000000")."""
    normalised = value.normalize()
    # normalize() writes 1000 as 1E+3; quantize to an integer exponent keeps it plain.
    return normalised.quantize(Decimal(1)) if normalised == normalised.to_integral() else normalised


def _tonnes(kg: float) -> float:
    return kg / 1000


def line_rows(result: AccountResult) -> list[Row]:
    """A heading row, then one row per activity line."""
    heading = [
        _("Activity"),
        _("Activity key"),
        _("Quantity"),
        _("Unit"),
        _("Scope"),
        _("Category"),
        _("Emission factor (location-based)"),
        _("Emission factor (market-based)"),
        _("Factor unit"),
        _("Factor year"),
        _("Factor set"),
        _("kg CO2e (location-based)"),
        _("kg CO2e (market-based)"),
        _("Source"),
        _("Source URL"),
        _("Note"),
    ]
    rows: list[Row] = [heading]
    for item in result.lines:
        computed = item.computed
        location = computed.location_factor
        rows.append(
            [
                item.name,
                item.line.activity,
                _quantity(item.line.quantity),
                item.line.unit,
                computed.scope,
                computed.category,
                location.value,
                computed.market_factor.value,
                f"kg CO2e/{location.unit}",
                location.year,
                location.set_version,
                computed.kgco2e_location,
                computed.kgco2e_market,
                location.source_title,
                location.source_url,
                item.line.note,
            ]
        )
    return rows


def total_rows(result: AccountResult) -> list[Row]:
    """A heading row, then the totals by scope and in all, in kg and tonnes CO2e."""
    totals = result.totals
    figures = [
        (_("Scope 1"), totals.scope1_kg),
        (_("Scope 2, location-based"), totals.scope2_location_kg),
        (_("Scope 2, market-based"), totals.scope2_market_kg),
        (_("Scope 3"), totals.scope3_kg),
        (_("Total, location-based"), totals.total_location_kg),
        (_("Total, market-based"), totals.total_market_kg),
        (_("Biogenic CO2 (outside the scopes)"), totals.biogenic_kgco2),
    ]
    rows: list[Row] = [[_("Total"), _("kg CO2e"), _("tonnes CO2e")]]
    rows.extend([label, kg, _tonnes(kg)] for label, kg in figures)
    return rows


def account_csv(result: AccountResult) -> bytes:
    """The lines, a blank row, then the totals; UTF-8 with a byte-order mark for Excel."""
    output = io.StringIO()
    writer = csv.writer(output)
    rows: Iterable[Row] = [*line_rows(result), [], *total_rows(result)]
    for row in rows:
        writer.writerow([safe_csv_value(value) for value in row])
    return ("\ufeff" + output.getvalue()).encode()


def account_xlsx(result: AccountResult) -> bytes:
    """A workbook with the lines on the first sheet and the totals on the second."""
    workbook = Workbook()
    lines = workbook.active
    assert lines is not None  # a new workbook has one sheet
    lines.title = _("Lines")[:31]
    totals = workbook.create_sheet(_("Totals")[:31])
    for sheet, rows in ((lines, line_rows(result)), (totals, total_rows(result))):
        for row in rows:
            sheet.append(list(row))
        for sheet_row in sheet.iter_rows():
            for cell in sheet_row:
                if cell.data_type == "f":  # text that looks like a formula stays text
                    cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
