"""The climate budget page: the paths and the abatement cost curve as named images with their
figures in tables, without serious or critical axe findings. The page is read in bokmål, the
default language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.models import ActionPlan, Measure
from tests.browser.helpers import log_in, screenshot
from tests.builders import make_account, make_target

pytestmark = pytest.mark.browser


def test_contact_reads_the_climate_budget_as_charts_and_tables(
    page, check_a11y, alice, organisation_a
):
    # 100 t in 2020, −50 % by 2030; 30 000 kg LPG × 3.0 = 90 t in 2022
    target = make_target(
        organisation_a,
        base_year=2020,
        base_value=100_000.0,
        target_year=2030,
        reduction_percent=Decimal(50),
    )
    make_account(
        organisation_a, 2022, [("lpg", 30_000, "kg")], status=ClimateAccount.Status.SUBMITTED
    )
    plan = ActionPlan.objects.create(organisation=organisation_a)
    Measure.objects.create(
        plan=plan,
        title="Varmepumpe i lageret",
        category=Measure.Category.HEATING,
        activity_keys=["lpg"],
        expected_reduction_t=Decimal(10),
        investment_nok=Decimal(200_000),
        lifetime_years=10,
        yearly_cost_nok=Decimal(5_000),
        start_year=2024,
    )
    Measure.objects.create(
        plan=plan,
        title="Økokjøring",
        category=Measure.Category.TRANSPORT,
        activity_keys=["lpg"],
        expected_reduction_t=Decimal(3),
        yearly_cost_nok=Decimal(-6_000),
        start_year=2025,
        status=Measure.Status.IN_PROGRESS,
    )
    # scope 3: not counted for a target of scopes 1 and 2, listed under the curve's table
    Measure.objects.create(
        plan=plan,
        title="Mindre papir",
        category=Measure.Category.PROCUREMENT,
        activity_keys=["paper"],
        expected_reduction_t=Decimal(2),
        investment_nok=Decimal(10_000),
        start_year=2025,
    )
    log_in(page, alice)

    page.goto(reverse("climateplans:climate_budget", args=[target.pk]))

    # 2030: 90 − 10 − 3 = 77 t expected against 50 t: a gap of 27 t
    expect(page.get_by_role("img", name="Klimabudsjett, linjediagram")).to_be_visible()
    expect(page.get_by_role("img", name="et gap på 27,0 tonn")).to_be_visible()
    years = page.locator("table", has=page.locator("caption#budget-paths-table-caption"))
    expect(years.locator("tbody tr")).to_have_count(11)
    expect(years.locator("tbody tr").last).to_contain_text("77,0")
    expect(years.locator("tbody tr").last).to_contain_text("+27,0")
    # eco-driving saves 6 000 NOK a year for 3 t: −2 000 NOK per t, the cheapest tonne
    curve = page.get_by_role("img", name="Tiltakskostnadskurve")
    expect(curve).to_be_visible()
    measures = page.locator("table", has=page.locator("caption#budget-curve-table-caption"))
    expect(measures.locator("tbody tr")).to_have_count(3)
    expect(measures.locator("tbody tr").first).to_contain_text("Økokjøring")
    expect(measures.locator("tbody tr").first).to_contain_text("-2 000")
    # heat pump: (200 000 / 10 + 5 000) / 10 = 2 500 NOK per t; 3 + 10 = 13 t added up
    expect(measures.locator("tbody tr").nth(1)).to_contain_text("2 500")
    expect(measures.locator("tbody tr").nth(1)).to_contain_text("13,0")
    # the paper (scope 3) is not on the curve: the last row, without a number
    expect(measures.locator("tbody tr").last).to_contain_text("Mindre papir")
    expect(measures.locator("tbody tr").last.locator("td").first).to_have_text("–")
    check_a11y(page)
    screenshot(page, "climate-budget")
