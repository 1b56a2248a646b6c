"""A partner exports one climate account to XLSX or CSV: lines with factors and sources, totals."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from klimanett.accounting.models import AccountLine, ClimateAccount


@pytest.fixture
def account_of_a(organisation_a):
    account = ClimateAccount.objects.create(organisation=organisation_a, year=2023)
    AccountLine.objects.create(
        account=account, activity="diesel", quantity=Decimal("1000"), unit="l", note="Faktura"
    )
    AccountLine.objects.create(
        account=account,
        activity="electricity",
        quantity=Decimal("10.5"),
        unit="MWh",
        note="=SUM(A1:A9)",
    )
    return account


def export_url(account, fmt):
    return reverse("accounting:account_export", args=[account.pk, fmt])


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_contact_exports_the_account_to_xlsx_with_lines_and_totals(
    english_client, alice, account_of_a
):
    english_client.force_login(alice)
    response = english_client.get(export_url(account_of_a, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="klimaregnskap-{account_of_a.organisation.slug}-2023.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    lines, totals = workbook.worksheets
    rows = list(lines.iter_rows(values_only=True))
    assert rows[0][:4] == ("Activity", "Activity key", "Quantity", "Unit")
    diesel = next(row for row in rows[1:] if row[1] == "diesel")
    assert diesel[2:5] == (1000, "l", 1)
    assert diesel[6] == pytest.approx(2.66)  # kg CO2e per litre, NO-2025.1
    assert diesel[10] == "NO-2025.1"
    # 1 000 l diesel × 2.66 kg CO2e/l = 2 660 kg
    assert diesel[11] == pytest.approx(2660.0)
    assert diesel[12] == pytest.approx(2660.0)
    assert "miljodirektoratet.no" in diesel[14]
    assert diesel[15] == "Faktura"
    electricity = next(row for row in rows[1:] if row[1] == "electricity")
    assert electricity[2] == 10.5
    assert electricity[4] == 2
    assert electricity[15] == "=SUM(A1:A9)"  # text, not a formula
    assert lines.cell(row=3, column=16).data_type == "s"

    figures = {row[0]: row[1:] for row in totals.iter_rows(values_only=True)}
    assert figures["Scope 1"][0] == pytest.approx(2660.0)
    assert figures["Scope 1"][1] == pytest.approx(2.66)
    scope2_location = figures["Scope 2, location-based"][0]
    assert scope2_location == pytest.approx(electricity[11])
    assert figures["Total, location-based"][0] == pytest.approx(2660.0 + scope2_location)
    assert figures["Total, market-based"][0] == pytest.approx(
        2660.0 + figures["Scope 2, market-based"][0]
    )


def test_contact_exports_the_account_to_csv_with_totals_after_a_blank_row(
    english_client, bob, account_of_a
):
    english_client.force_login(bob)
    response = english_client.get(export_url(account_of_a, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Activity"
    assert [row[1] for row in rows[1:3]] == ["diesel", "electricity"]
    assert rows[1][2:4] == ["1000", "l"]
    assert float(rows[1][11]) == pytest.approx(2660.0)
    assert rows[2][2] == "10.5"
    assert rows[2][15] == "'=SUM(A1:A9)"  # a partner's note never runs as a formula
    assert rows[3] == []
    assert rows[4] == ["Total", "kg CO2e", "tonnes CO2e"]
    totals = {row[0]: row[1:] for row in rows[5:]}
    assert float(totals["Scope 1"][0]) == pytest.approx(2660.0)
    assert float(totals["Scope 1"][1]) == pytest.approx(2.66)


def test_secretariat_exports_any_account(verified_client, sekretariat, account_of_a):
    client = verified_client(sekretariat)

    response = client.get(export_url(account_of_a, "csv"))

    assert response.status_code == 200
    assert b"diesel" in response.content


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_contact_of_another_organisation_gets_404(client, charlie, account_of_a, fmt):
    client.force_login(charlie)

    assert client.get(export_url(account_of_a, fmt)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, account_of_a):
    response = client.get(export_url(account_of_a, "xlsx"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_an_unknown_format_gives_404(client, alice, account_of_a):
    client.force_login(alice)

    assert client.get(export_url(account_of_a, "docx")).status_code == 404
    assert client.get(f"/min-side/klimaregnskap/{account_of_a.pk}/eksport.").status_code == 404
