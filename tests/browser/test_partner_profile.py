"""A full public partner profile: the trend of the published accounts as a chart with its table,
targets, measures carried out and good examples; a contact publishes a target and sees it
there."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from klimanett.climateplans.models import ActionPlan, Measure
from tests.browser.helpers import log_in, screenshot
from tests.builders import make_account, make_example_page, make_site_pages, make_target

pytestmark = pytest.mark.browser


def test_visitor_reads_a_full_profile_and_a_contact_publishes_a_target(
    page, check_a11y, alice, organisation_a
):
    make_site_pages()
    for year, litres in ((2020, 2000), (2022, 1500), (2023, 1000)):
        make_account(
            organisation_a, year, [("diesel", litres, "l")], status="approved", publish=True
        )
    plan = ActionPlan.objects.create(organisation=organisation_a, publish_done_measures=True)
    Measure.objects.create(
        plan=plan,
        title="Elektriske varebiler",
        category=Measure.Category.TRANSPORT,
        expected_reduction_t=Decimal("2.5"),
        start_year=2022,
        status=Measure.Status.DONE,
    )
    make_example_page(title="Varebiler på strøm", organisations=[organisation_a])
    target = make_target(
        organisation_a,
        title="Halvere utslippene innen 2030",
        scopes="1",
        base_year=2020,
        base_value=5320.0,
    )
    profile = f"/partnere/{organisation_a.slug}/"

    page.goto(profile)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alfa Klimaservice AS")
    expect(page.get_by_role("img", name=re.compile("2020: 5,32"))).to_be_visible()
    table = page.locator("table", has=page.locator("caption", has_text="CO2e"))
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").last).to_contain_text("-33,3 %")
    expect(page.get_by_text("Elektriske varebiler")).to_be_visible()
    expect(page.get_by_role("link", name="Varebiler på strøm")).to_be_visible()
    expect(page.get_by_text("Halvere utslippene innen 2030")).to_have_count(0)
    check_a11y(page)
    screenshot(page, "partner-profile")

    log_in(page, alice)
    page.goto(reverse("climateplans:target_edit", args=[target.pk]))
    page.locator("input[name='publish']").check()
    page.locator("main form button[type='submit']").first.click()
    expect(page).to_have_url(re.compile(reverse("climateplans:target_detail", args=[target.pk])))

    page.goto(profile)
    row = page.locator("tr", has_text="Halvere utslippene innen 2030")
    expect(row).to_be_visible()
    expect(row).to_contain_text("2,66")  # 2023: 1 000 l × 2,66 kg/l, on the path to 2,66 t
    check_a11y(page)
