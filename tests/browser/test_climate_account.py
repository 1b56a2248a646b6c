"""A partner enters and submits a year's climate account in the browser; the secretariat
approves it."""

from __future__ import annotations

import datetime

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from klimanett.accounting.models import ClimateAccount
from tests.browser.helpers import log_in
from tests.builders import make_secretariat_user

pytestmark = pytest.mark.browser


def test_contact_enters_reads_and_submits_an_account_and_the_secretariat_approves_it(
    page, browser, live_server, alice, organisation_a, check_a11y
):
    log_in(page, alice)
    page.goto(f"/min-side/organisasjoner/{organisation_a.pk}/")
    page.get_by_role("link", name="Klimaregnskap").click()
    check_a11y(page)
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Klimaregnskap")
    check_a11y(page)
    page.select_option("#id_lines-0-activity", "diesel")
    page.fill("#id_lines-0-quantity", "1 000")
    page.select_option("#id_lines-0-unit", "l")
    page.select_option("#id_lines-1-activity", "diesel")
    page.fill("#id_lines-1-quantity", "5")
    page.select_option("#id_lines-1-unit", "km")
    page.get_by_role("button", name="Lagre").click()

    # The wrong unit is refused at its field, and nothing is saved.
    expect(page.locator("#id_lines-1-unit")).to_have_attribute("aria-invalid", "true")
    assert not ClimateAccount.objects.get().lines.exists()
    page.select_option("#id_lines-1-activity", "")
    page.fill("#id_lines-1-quantity", "")
    page.select_option("#id_lines-1-unit", "")
    page.get_by_role("button", name="Lagre").click()

    # 1 000 l diesel × 2.66 kg CO2e/l = 2 660 kg = 2,66 t in scope 1.
    scope1 = page.locator("table").first.locator("tr", has_text="Scope 1")
    expect(scope1.locator("td").first).to_have_text("2,66")
    check_a11y(page)
    # Diesel only: the checks find no electricity, which must be explained before submitting.
    page.get_by_role("button", name="Send inn til sekretariatet").click()
    explanation = page.locator('textarea[name="explanation-no_electricity:electricity"]')
    expect(explanation).to_be_focused()  # the browser refuses the empty field
    assert ClimateAccount.objects.get().status == "draft"
    explanation.fill("Strømmen er med i husleien, og utleier rapporterer den.")
    page.get_by_role("button", name="Send inn til sekretariatet").click()
    expect(page.get_by_text("Sendt inn", exact=True)).to_be_visible()
    check_a11y(page)
    account = ClimateAccount.objects.get()
    assert account.status == "submitted"
    assert account.year == datetime.date.today().year - 1

    secretariat = make_secretariat_user()
    device = TOTPDevice.objects.create(user=secretariat, name="app", confirmed=True)
    context = browser.new_context(base_url=live_server.url)
    other = context.new_page()
    log_in(other, secretariat)
    other.fill("#id_token", f"{totp(device.bin_key):06d}")
    other.locator("main button[type=submit]").click()
    other.goto(account.get_absolute_url())
    expect(
        other.get_by_text("Strømmen er med i husleien, og utleier rapporterer den.")
    ).to_be_visible()
    other.get_by_role("button", name="Godkjenn").click()
    expect(other.get_by_text("Regnskapet er godkjent.")).to_be_visible()
    account.refresh_from_db()
    assert account.status == "approved"
    context.close()
