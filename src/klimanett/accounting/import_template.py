"""An Excel workbook to fill in and import (`imports.read_rows`): a first sheet with the columns
activity, quantity, unit and note and drop-down lists of the factor set's activities and units,
a sheet naming each activity with the units it accepts, and a sheet of instructions.

The units an activity accepts are the engine's (`Calculator.units_for`), so the template offers
exactly what the import will accept.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from klimanett.accounting.activity_csv import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from klimanett.accounting.forms import activity_choices
from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.ghg.factors import FactorSet, Method
from klimanett.accounting.ghg.units import unit_symbols
from klimanett.accounting.imports import MAX_ROWS
from klimanett.accounting.selectors import CATEGORY_NAMES

_LAST_ROW = MAX_ROWS + 1  # the header is row 1


def import_template_xlsx(factor_set: FactorSet, *, year: int) -> bytes:
    """The template for an account of `year` calculated with `factor_set`."""
    calculator = Calculator(factor_set, year=year)
    workbook = Workbook()
    lines = workbook.active
    assert lines is not None  # a new workbook has one sheet
    lines.title = _("Activities to import")[:31]
    reference = workbook.create_sheet(_("Activities")[:31])
    instructions = workbook.create_sheet(_("Instructions")[:31])

    lines.append([*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS])
    lines.freeze_panes = "A2"
    for column, width in zip("ABCD", (28, 14, 10, 50), strict=True):
        lines.column_dimensions[column].width = width

    reference.append(
        [
            _("Activity key"),
            _("Activity"),
            _("Scope"),
            _("Category"),
            _("Factor unit"),
            _("Other units accepted"),
        ]
    )
    accepted: set[str] = set()
    for _scope, activities in activity_choices(factor_set):
        for activity, name in activities:
            factor = factor_set.lookup(activity, year=year, method=Method.LOCATION).factor
            units = calculator.units_for(activity)
            accepted.update(units)
            reference.append(
                [
                    activity,
                    name,
                    factor.scope,
                    str(CATEGORY_NAMES.get(factor.category, factor.category)),
                    factor.unit,
                    ", ".join(unit for unit in units if unit != factor.unit),
                ]
            )
    for column, width in zip("ABCDEF", (28, 45, 8, 30, 12, 40), strict=True):
        reference.column_dimensions[column].width = width
    reference.freeze_panes = "A2"

    activity_list = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(reference.title)}!$A$2:$A${reference.max_row}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Unknown activity")[:32],
        error=_("Choose an activity key from the list."),
    )
    unit_list = DataValidation(
        type="list",
        formula1='"' + ",".join(unit for unit in unit_symbols() if unit in accepted) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Unknown unit")[:32],
        error=_("Choose a unit from the list."),
    )
    quantity = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a quantity")[:32],
        error=_("Write a number of zero or more."),
    )
    for validation, column in ((activity_list, "A"), (quantity, "B"), (unit_list, "C")):
        lines.add_data_validation(validation)
        validation.add(f"{column}2:{column}{_LAST_ROW}")

    for text in _instructions(reference.title, factor_set=factor_set, year=year):
        instructions.append([text])
    instructions.column_dimensions["A"].width = 110

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _instructions(reference_sheet: str, *, factor_set: FactorSet, year: int) -> list[str]:
    return [
        _("Import template for the climate account %(year)s (emission factor set %(version)s)")
        % {"year": year, "version": factor_set.version},
        "",
        _(
            "Write one activity per row on the first sheet, from row 2."
            " Keep the first row as it is."
        ),
        _("activity: the activity key, chosen from the list. The sheet %(sheet)s names them all.")
        % {"sheet": reference_sheet},
        _("quantity: the amount for the whole year, as a number."),
        _("unit: the unit of the quantity. The sheet %(sheet)s shows the units of each activity.")
        % {"sheet": reference_sheet},
        _("note: optional; where the figure comes from (an invoice, a meter, a report)."),
        _(
            "Save the file as an Excel workbook (.xlsx) and upload it under Import activities."
            " You see a dry run of every row before anything is saved."
        ),
    ]
