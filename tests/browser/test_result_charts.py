"""The account page's charts: emissions by category and the two methods side by side, each an
image with a name and its figures in a table, without serious or critical axe findings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klimanett.accounting.models import AccountLine, ClimateAccount
from tests.browser.helpers import log_in, screenshot

pytestmark = pytest.mark.browser


def test_contact_reads_the_largest_sources_and_both_methods_as_charts_and_tables(
    page, check_a11y, alice, organisation_a
):
    account = ClimateAccount.objects.create(organisation=organisation_a, year=2024)
    for activity, quantity, unit in (
        ("electricity", 20_000, "kWh"),
        ("diesel", 1000, "l"),
        ("flight_domestic", 5000, "pkm"),
        ("waste_residual_incineration", 2, "t"),
    ):
        AccountLine.objects.create(account=account, activity=activity, quantity=quantity, unit=unit)
    log_in(page, alice)

    page.goto(account.get_absolute_url())

    # 1 000 l diesel × 2.66 = 2 660 kg, the largest category, first
    expect(
        page.get_by_role("img", name="Drivstoff til kjøretøy og maskiner (scope 1): 2,66")
    ).to_be_visible()
    categories = page.locator("table", has=page.locator("caption#categories-table-caption"))
    expect(categories.locator("tbody tr")).to_have_count(4)
    expect(categories.locator("tbody tr").first).to_contain_text("2,66")
    # scope 2 market-based: 20 000 kWh × 0.402 = 8 040 kg
    expect(page.get_by_role("img", name="0,24 / 8,04")).to_be_visible()
    check_a11y(page)
    screenshot(page, "account-result-charts")
