"""A partner goes from a submitted climate account through the target guide to a saved target,
a draft action plan and a climate budget chart, by keyboard and mouse, every page axe-clean."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from klimanett.climateplans.models import Measure, Target
from tests.browser.helpers import log_in
from tests.builders import make_account

pytestmark = pytest.mark.browser


def test_partner_goes_from_the_account_through_the_guide_to_a_budget(
    page, alice, organisation_a, check_a11y
):
    make_account(
        organisation_a,
        2023,
        [("diesel", 1000, "l"), ("electricity", 10_000, "kWh"), ("flight_domestic", 2000, "pkm")],
        status="submitted",
        employees=10,
    )
    log_in(page, alice)
    page.goto(reverse("climateplans:target_list", args=[organisation_a.pk]))
    check_a11y(page)

    page.locator('main a[href$="/malveiviser/"]').click()
    # Step 1: the largest source first (diesel, 2,66 t of 3,27 t)
    expect(page.locator("main table tbody tr").first).to_contain_text("2,66")
    check_a11y(page)
    page.locator('main a[href="?steg=2"]').click()

    # Step 2: the proposal, changed by keyboard to a 40 % cut
    expect(page.locator("#id_reduction_percent")).to_have_value("35")
    check_a11y(page)
    page.locator("#id_reduction_percent").fill("40")
    page.locator("#id_reduction_percent").press("Enter")

    # Step 3: the measures worked out from the account, all suggested ones ticked
    boxes = page.locator('main input[name="measures"]')
    expect(boxes.first).to_be_checked()
    count = boxes.count()
    check_a11y(page)
    page.locator('main button[name="save"]').click()

    expect(page).to_have_url(re.compile(r"/mal/\d+/$"))
    target = Target.objects.get()
    assert target.reduction_percent == 40
    assert Measure.objects.count() == count
    check_a11y(page)

    page.locator(f'main a[href$="/mal/{target.pk}/klimabudsjett/"]').first.click()
    expect(page.locator('main svg[role="img"]').first).to_be_visible()
    expect(page.locator("main table").first).to_be_visible()
    check_a11y(page)

    page.goto(reverse("climateplans:action_plan", args=[organisation_a.pk]))
    expect(page.locator("main")).to_contain_text(Measure.objects.first().title)
    check_a11y(page)
