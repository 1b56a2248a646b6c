"""The emissions trend on the account list: an accessible chart with its figures as a table."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from klimanett.accounting.models import AccountLine, ClimateAccount
from tests.browser.helpers import log_in, screenshot

pytestmark = pytest.mark.browser


def test_contact_reads_the_trend_as_a_chart_and_a_table(page, check_a11y, alice, organisation_a):
    for year, diesel_l in ((2023, 1000), (2024, 800)):
        account = ClimateAccount.objects.create(
            organisation=organisation_a,
            year=year,
            status=ClimateAccount.Status.APPROVED,
            submitted_at=timezone.now(),
            approved_at=timezone.now(),
        )
        AccountLine.objects.create(account=account, activity="diesel", quantity=diesel_l, unit="l")
    log_in(page, alice)

    page.goto(reverse("accounting:account_list", args=[organisation_a.pk]))

    chart = page.get_by_role("img", name="2023: 2,66")
    expect(chart).to_be_visible()
    table = page.locator("table", has=page.locator("caption", has_text="CO2e"))
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("2,66")
    expect(table.locator("tbody tr").last).to_contain_text("-20,0 %")
    check_a11y(page)
    screenshot(page, "account-trend")
