"""A contact imports activities from a CSV file: the dry run shows refused rows, then imports."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klimanett.accounting.models import ClimateAccount
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

CSV = "activity;quantity;unit\ndiesel;1 000;l\nelectricity;10,5;MWh\ndiesel;5;km\n"


def test_contact_imports_a_csv_after_a_dry_run(page, alice, organisation_a, tmp_path, check_a11y):
    account = ClimateAccount.objects.create(organisation=organisation_a, year=2024)
    upload = tmp_path / "aktiviteter.csv"
    upload.write_text(CSV, encoding="utf-8")
    log_in(page, alice)

    page.goto(account.get_absolute_url())
    page.get_by_role("link", name="Importer fra CSV eller Excel").click()
    check_a11y(page)
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(upload))
    page.get_by_role("button", name="Sjekk filen").click()

    refused = page.get_by_role("table", name="Avviste rader")
    expect(refused.locator("tbody tr")).to_have_count(1)
    expect(refused.locator("tbody tr")).to_contain_text("km")
    check_a11y(page)
    assert not account.lines.exists()
    page.get_by_role("button", name="Importer 2 linjer").click()

    expect(page.get_by_text("2 linjer er importert.")).to_be_visible()
    assert sorted(account.lines.values_list("activity", flat=True)) == ["diesel", "electricity"]
