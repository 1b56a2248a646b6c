"""The agreement follow-up in a browser: a contact reads the scorecard and follows a row to put
it right; the secretariat reads the network overview. Both pages axe-clean."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from klimanett.accounting.models import ClimateAccount
from tests.browser.helpers import log_in, screenshot
from tests.builders import make_account, make_secretariat_user

pytestmark = pytest.mark.browser

LAST_YEAR = timezone.localdate().year - 1


def test_contact_reads_the_scorecard_and_goes_to_the_self_assessment(
    page, check_a11y, alice, organisation_a
):
    make_account(
        organisation_a, LAST_YEAR, [("diesel", 1000, "l")], status=ClimateAccount.Status.SUBMITTED
    )
    log_in(page, alice)

    page.locator(f"a[href='/min-side/organisasjoner/{organisation_a.pk}/resultatkort/']").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(str(LAST_YEAR))
    rows = page.locator("#scorecard-heading ~ div table tbody tr")
    expect(rows).to_have_count(7)
    check_a11y(page)
    screenshot(page, "scorecard")

    page.locator("#scorecard-self_assessment a").click()
    expect(page).to_have_url(
        re.compile(rf"/min-side/organisasjoner/{organisation_a.pk}/forpliktelser/{LAST_YEAR}/$")
    )


def test_secretariat_reads_the_network_overview(page, check_a11y, alice, organisation_a):
    make_account(organisation_a, LAST_YEAR, [("diesel", 1000, "l")], status="approved")
    secretariat = make_secretariat_user()
    device = TOTPDevice.objects.create(user=secretariat, name="app", confirmed=True)
    log_in(page, secretariat)
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/logg-inn/"))

    page.goto("/admin/nettverk/")

    expect(page.locator("#network-totals-heading")).to_contain_text(str(LAST_YEAR))
    expect(page.locator("#listing-results")).to_contain_text(organisation_a.name)
    check_a11y(page)
    screenshot(page, "network-overview")
