"""The VSME B3 disclosure (energy and greenhouse gases) on the account page and as a download."""

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
    account = ClimateAccount.objects.create(
        organisation=organisation_a, year=2023, revenue_nok=Decimal("20000000")
    )
    for activity, quantity, unit in [
        ("diesel", "1000", "l"),
        ("electricity", "10.5", "MWh"),
        ("electricity_with_guarantees", "3000", "kWh"),
        ("hvo", "100", "l"),  # 0 kg CO2e; no energy content for HVO in the set
    ]:
        AccountLine.objects.create(
            account=account, activity=activity, quantity=Decimal(quantity), unit=unit
        )
    return account


# Worked by hand (NO-2025.1, a 2023 account):
#   energy: diesel 1 000 l × 10.056 kWh/l = 10.056 MWh fossil; electricity 10.5 MWh without
#   guarantees of origin, non-renewable; 3 000 kWh with guarantees = 3 MWh renewable.
#   -> renewable 3, non-renewable 20.556, total 23.556 MWh
#   scope 1: 1 000 × 2.66 = 2 660 kg; scope 2 location: 10 500 × 0.015 + 3 000 × 0.015
#   = 157.5 + 45 = 202.5 kg; market: 10 500 × 0.402 + 0 = 4 221 kg
#   total (scope 1 + location-based scope 2) = 2 862.5 kg = 2.8625 t
#   intensity: 2.8625 t / 20 million NOK = 0.143125 t per million NOK


def vsme_url(account, fmt):
    return reverse("accounting:account_export_vsme", args=[account.pk, fmt])


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_account_page_shows_vsme_b3(english_client, alice, account_of_a):
    english_client.force_login(alice)

    response = english_client.get(account_of_a.get_absolute_url())

    vsme = response.context["vsme"]
    assert vsme.total_energy.renewable_mwh == pytest.approx(3)
    assert vsme.total_energy.non_renewable_mwh == pytest.approx(20.556)
    assert vsme.ghg_total_kg == pytest.approx(2862.5)
    assert vsme.intensity_kg_per_mnok == pytest.approx(143.125)
    text = response.content.decode()
    assert "VSME B3" in text
    assert "23.6" in text  # total energy, MWh
    assert "2.86" in text  # scope 1 + location-based scope 2, t CO2e
    assert "guarantees of origin" in text  # the rule for renewable electricity
    assert vsme.unconverted == ("HVO / biodiesel",)
    assert "HVO / biodiesel" in text[text.index("vsme-heading") :]
    assert vsme_url(account_of_a, "xlsx") in text
    assert vsme_url(account_of_a, "csv") in text


def test_contact_downloads_vsme_b3_as_xlsx(english_client, alice, account_of_a):
    english_client.force_login(alice)

    response = english_client.get(vsme_url(account_of_a, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="vsme-b3-{account_of_a.organisation.slug}-2023.xlsx"'
    )
    energy, ghg = load_workbook(io.BytesIO(response.content)).worksheets
    energy_rows = {row[0]: row[1:] for row in energy.iter_rows(values_only=True)}
    assert energy_rows["Energy consumption (MWh)"] == ("Renewable", "Non-renewable", "Total")
    assert energy_rows["Electricity"] == pytest.approx((3, 10.5, 13.5))
    assert energy_rows["Fuels"] == pytest.approx((0, 10.056, 10.056))
    assert energy_rows["District heating"] == (0, 0, 0)
    assert energy_rows["Total energy consumption"] == pytest.approx((3, 20.556, 23.556))
    assert energy_rows["Not included (no energy content in the factor set)"] == (
        "HVO / biodiesel",
        None,
        None,
    )
    figures = {row[0]: row[1] for row in ghg.iter_rows(values_only=True)}
    assert figures["Gross scope 1"] == pytest.approx(2.66)
    assert figures["Scope 2, location-based"] == pytest.approx(0.2025)
    assert figures["Scope 2, market-based"] == pytest.approx(4.221)
    assert figures["Scope 3 (optional)"] is None  # no scope 3 lines: not reported
    assert figures["Total, scope 1 and location-based scope 2"] == pytest.approx(2.8625)
    intensity = figures["GHG intensity (tonnes CO2e per million NOK revenue)"]
    assert intensity == pytest.approx(0.143125)
    assert figures["Revenue (million NOK)"] == pytest.approx(20)


def test_contact_downloads_vsme_b3_as_csv(english_client, bob, account_of_a):
    english_client.force_login(bob)

    response = english_client.get(vsme_url(account_of_a, "csv"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Energy consumption (MWh)", "Renewable", "Non-renewable", "Total"]
    total = next(row for row in rows if row[0] == "Total energy consumption")
    assert [float(value) for value in total[1:]] == pytest.approx([3, 20.556, 23.556])
    assert [] in rows  # energy, a blank row, then greenhouse gases
    ghg_total = next(row for row in rows if row and row[0].startswith("Total, scope 1"))
    assert float(ghg_total[1]) == pytest.approx(2.8625)


def test_without_a_revenue_there_is_no_intensity(english_client, alice, account_of_a):
    account_of_a.revenue_nok = None
    account_of_a.save()
    english_client.force_login(alice)

    page = english_client.get(account_of_a.get_absolute_url())
    assert page.context["vsme"].intensity_kg_per_mnok is None
    assert "enter the revenue" in page.content.decode()

    ghg = load_workbook(io.BytesIO(english_client.get(vsme_url(account_of_a, "xlsx")).content))
    figures = {row[0]: row[1] for row in ghg.worksheets[1].iter_rows(values_only=True)}
    assert figures["GHG intensity (tonnes CO2e per million NOK revenue)"] is None


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_contact_of_another_organisation_gets_404(client, charlie, account_of_a, fmt):
    client.force_login(charlie)

    assert client.get(vsme_url(account_of_a, fmt)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, account_of_a):
    response = client.get(vsme_url(account_of_a, "xlsx"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_the_secretariat_downloads_any_account(verified_client, sekretariat, account_of_a):
    assert verified_client(sekretariat).get(vsme_url(account_of_a, "csv")).status_code == 200


def test_an_unknown_format_gives_404(client, alice, account_of_a):
    client.force_login(alice)

    assert client.get(vsme_url(account_of_a, "pdf")).status_code == 404
