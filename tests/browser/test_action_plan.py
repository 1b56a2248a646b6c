"""The action plan in the browser: from the plan's quality check to a measure made from a
template computed from the account, and its first status report; axe-clean on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.models import Measure, StatusReport
from tests.browser.helpers import log_in, screenshot
from tests.builders import make_account

pytestmark = pytest.mark.browser


def test_contact_adds_a_measure_from_a_template_and_reports_on_it(
    page, check_a11y, alice, organisation_a
):
    make_account(
        organisation_a,
        2024,
        [("diesel", 6000, "l"), ("electricity", 100_000, "kWh")],
        status=ClimateAccount.Status.APPROVED,
    )
    log_in(page, alice)

    page.goto(reverse("climateplans:action_plan", args=[organisation_a.pk]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page)
    screenshot(page, "action-plan-empty")

    page.goto(reverse("climateplans:measure_templates", args=[organisation_a.pk]))
    check_a11y(page)
    screenshot(page, "measure-templates")

    page.goto(
        reverse(
            "climateplans:measure_add_from_template",
            args=[organisation_a.pk, "diesel_vans_to_electric"],
        )
    )
    # Half of 6 000 l: 7,98 t − 0,12 t = 7,86 t less a year
    expect(page.locator("#id_expected_reduction_t")).to_have_value("7,86")
    check_a11y(page)
    page.locator("#id_responsible").fill("Driftsleder")
    page.locator("#id_investment_nok").fill("600 000")
    page.locator("#id_yearly_cost_nok").fill("-20 000")
    page.get_by_role("button", name="Lagre").click()

    page.wait_for_url("**/tiltak/*/")
    measure = Measure.objects.get()
    assert measure.template_key == "diesel_vans_to_electric"
    check_a11y(page)
    page.locator("#id_progress").fill("Første bil er bestilt.")
    page.locator("#id_status").select_option("in_progress")
    page.locator("form[action$='statusrapport/'] button[type=submit]").click()
    page.wait_for_url(f"**/tiltak/{measure.pk}/")
    expect(page.get_by_text("Første bil er bestilt.")).to_be_visible()
    assert StatusReport.objects.get().status == "in_progress"
    check_a11y(page)
    screenshot(page, "measure-detail")

    page.goto(reverse("climateplans:action_plan", args=[organisation_a.pk]))
    expect(page.get_by_role("link", name=measure.title)).to_be_visible()
    check_a11y(page)
    screenshot(page, "action-plan")
