"""One climate account as a spreadsheet: its lines with the factor and source each used, and its
totals by scope (scope 2 both location-based and market-based); and its VSME B3 disclosure
(energy and greenhouse gases, `ghg.vsme`).

Pure functions from an ``AccountResult`` or a ``VsmeB3`` to file contents; the view only checks
access and sends them. Texts that partners wrote (notes) never reach a spreadsheet as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from klimanett.accounting.ghg.vsme import Carrier, VsmeB3
from klimanett.accounting.selectors import AccountResult
from klimanett.core.spreadsheets import safe_csv_value, xlsx_workbook

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


def vsme_energy_rows(report: VsmeB3) -> list[Row]:
    """A heading row, then energy in MWh by carrier and in all, renewable and not."""
    labels = {
        Carrier.ELECTRICITY: _("Electricity"),
        Carrier.FUELS: _("Fuels"),
        Carrier.DISTRICT_HEATING: _("District heating"),
    }
    rows: list[Row] = [
        [_("Energy consumption (MWh)"), _("Renewable"), _("Non-renewable"), _("Total")]
    ]
    figures = [(labels[carrier], energy) for carrier, energy in report.energy.items()]
    figures.append((_("Total energy consumption"), report.total_energy))
    rows.extend(
        [label, energy.renewable_mwh, energy.non_renewable_mwh, energy.total_mwh]
        for label, energy in figures
    )
    if report.unconverted:
        rows.append([_("Not included (no energy content in the factor set)"), *report.unconverted])
    return rows


def vsme_ghg_rows(report: VsmeB3) -> list[Row]:
    """A heading row, then the greenhouse gases in tonnes CO2e and the intensity per million NOK
    of revenue (empty where the account has no revenue)."""
    totals = report.totals
    intensity = report.intensity_kg_per_mnok
    return [
        [_("Greenhouse gas emissions"), _("tonnes CO2e")],
        [_("Gross scope 1"), _tonnes(totals.scope1_kg)],
        [_("Scope 2, location-based"), _tonnes(totals.scope2_location_kg)],
        [_("Scope 2, market-based"), _tonnes(totals.scope2_market_kg)],
        [_("Scope 3 (optional)"), _tonnes(totals.scope3_kg) if report.scope3_reported else ""],
        [_("Total, scope 1 and location-based scope 2"), _tonnes(report.ghg_total_kg)],
        [
            _("GHG intensity (tonnes CO2e per million NOK revenue)"),
            "" if intensity is None else _tonnes(intensity),
        ],
        [_("Revenue (million NOK)"), "" if report.revenue_mnok is None else report.revenue_mnok],
    ]


def _csv(tables: Iterable[Sequence[Row]]) -> bytes:
    """The tables one after another with a blank row between them; UTF-8 with a byte-order
    mark for Excel."""
    output = io.StringIO()
    writer = csv.writer(output)
    for number, rows in enumerate(tables):
        if number:
            writer.writerow([])
        for row in rows:
            writer.writerow([safe_csv_value(value) for value in row])
    return ("\ufeff" + output.getvalue()).encode()


def account_csv(result: AccountResult) -> bytes:
    """The lines, a blank row, then the totals."""
    return _csv([line_rows(result), total_rows(result)])


def account_xlsx(result: AccountResult) -> bytes:
    """A workbook with the lines on the first sheet and the totals on the second."""
    return xlsx_workbook([(_("Lines"), line_rows(result)), (_("Totals"), total_rows(result))])


def vsme_csv(report: VsmeB3) -> bytes:
    """VSME B3: energy, a blank row, then greenhouse gases."""
    return _csv([vsme_energy_rows(report), vsme_ghg_rows(report)])


def vsme_xlsx(report: VsmeB3) -> bytes:
    """VSME B3: energy on the first sheet, greenhouse gases on the second."""
    return xlsx_workbook(
        [(_("Energy"), vsme_energy_rows(report)), (_("Greenhouse gases"), vsme_ghg_rows(report))]
    )
