"""The Excel import template: drop-down lists of the factor set's activities and units, a sheet
naming each activity with the units it takes, and a file that imports once filled in."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from klimanett.accounting import imports
from klimanett.accounting.ghg.factors import load_factor_set
from klimanett.accounting.models import ClimateAccount


@pytest.fixture
def account_of_a(organisation_a):
    return ClimateAccount.objects.create(organisation=organisation_a, year=2023)


def template_url(account):
    return reverse("accounting:account_import_template", args=[account.pk])


def download(client, account):
    response = client.get(template_url(account))
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def validation_of(sheet, cell):
    return next(v for v in sheet.data_validations.dataValidation if cell in v.sqref)


def test_the_template_has_drop_down_lists_of_activities_and_units(client, alice, account_of_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(alice)

    response, workbook = download(client, account_of_a)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="klimaregnskap-importmal-2023.xlsx"'
    )
    lines, reference, instructions = workbook.worksheets
    assert [cell.value for cell in lines[1]] == ["activity", "quantity", "unit", "note"]
    assert (reference.title, instructions.title) == ("Activities", "Instructions")

    activities = validation_of(lines, "A2")
    assert activities.type == "list"
    assert activities.formula1 == f"'Activities'!$A$2:$A${reference.max_row}"
    assert "A2001" in activities.sqref  # as many rows as an import takes
    listed = [row[0] for row in reference.iter_rows(min_row=2, values_only=True)]
    assert sorted(listed) == load_factor_set("NO-2025.1").activities()

    # the units some activity of NO-2025.1 takes, in the order of units.unit_symbols:
    # NOK, kNOK, MNOK and m2 fit none
    units = validation_of(lines, "C2")
    assert units.formula1 == '"l,m3,Sm3,kWh,MWh,GWh,GJ,kg,t,km,mil,pkm"'
    assert validation_of(lines, "B2").type == "decimal"


def test_the_activities_sheet_names_each_activity_with_its_units(client, alice, account_of_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(alice)

    _, workbook = download(client, account_of_a)

    rows = {row[0]: row[1:] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert rows["Activity key"] == (
        "Activity",
        "Scope",
        "Category",
        "Factor unit",
        "Other units accepted",
    )
    # diesel: factor per litre; m3 by volume; kWh, MWh, GWh, GJ through 10.056 kWh/l
    assert rows["diesel"] == (
        "Diesel (fossil)",
        1,
        "fuel for vehicles and machines",
        "l",
        "m3, kWh, MWh, GWh, GJ",
    )
    assert rows["electricity"] == ("Electricity", 2, "electricity", "kWh", "MWh, GWh, GJ")
    assert rows["flight_domestic"][1:] == (3, "business travel", "pkm", None)


def test_the_names_are_in_the_readers_language(client, alice, account_of_a):
    client.force_login(alice)  # bokmål is the default

    _, workbook = download(client, account_of_a)

    names = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert names["electricity"] == "Strøm"


def fill(workbook, rows):
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


FILLED_ROWS = [
    ["diesel", 1200.5, "l", "Tank card"],
    ["electricity", 84, "MWh", None],
    ["wood_pellets", 2, "t", "Pellet boiler"],
]


def test_a_filled_template_is_read_by_the_import(client, alice, account_of_a):
    client.force_login(alice)
    _, workbook = download(client, account_of_a)
    content = fill(workbook, FILLED_ROWS)

    rows = imports.read_rows(SimpleUploadedFile("template.xlsx", content))

    assert [(r.row_number, r.activity, r.quantity, r.unit, r.note) for r in rows] == [
        (2, "diesel", Decimal("1200.5"), "l", "Tank card"),
        (3, "electricity", Decimal("84"), "MWh", ""),
        (4, "wood_pellets", Decimal("2"), "t", "Pellet boiler"),
    ]
    assert all(row.accepted for row in rows)


def test_a_filled_template_imports_through_the_dry_run(client, alice, account_of_a):
    client.force_login(alice)
    _, workbook = download(client, account_of_a)
    content = fill(workbook, FILLED_ROWS)
    url = reverse("accounting:account_import", args=[account_of_a.pk])

    preview = client.post(url, {"file": SimpleUploadedFile("template.xlsx", content)}).context[
        "preview"
    ]
    assert not preview.refused
    data = {"confirm": "1", "rows": str(len(preview.accepted))}
    for i, row in enumerate(preview.accepted):
        data |= {
            f"row-{i}-number": str(row.row_number),
            f"row-{i}-activity": row.activity,
            f"row-{i}-quantity": row.quantity_text,
            f"row-{i}-unit": row.unit,
            f"row-{i}-note": row.note,
        }
    client.post(url, data)

    assert sorted(account_of_a.lines.values_list("activity", "quantity", "unit")) == [
        ("diesel", Decimal("1200.5"), "l"),
        ("electricity", Decimal("84"), "MWh"),
        ("wood_pellets", Decimal("2"), "t"),
    ]


def test_the_import_page_links_to_the_template(client, alice, account_of_a):
    client.force_login(alice)

    page = client.get(reverse("accounting:account_import", args=[account_of_a.pk]))

    assert template_url(account_of_a) in page.content.decode()


def test_contact_of_another_organisation_gets_404(client, charlie, account_of_a):
    client.force_login(charlie)

    assert client.get(template_url(account_of_a)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, account_of_a):
    response = client.get(template_url(account_of_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
