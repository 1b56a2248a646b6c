"""The secretariat in a browser: two-factor set-up on the first login, then the back office."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.helpers import log_in
from tests.builders import make_secretariat_user

pytestmark = pytest.mark.browser


def test_secretariat_sets_up_two_factor_login_and_reaches_the_back_office(page, check_a11y):
    user = make_secretariat_user(email="sekretariat@fylke.example.no", first_name="Sigrid")

    log_in(page, user)
    expect(page).to_have_url(re.compile(r"/logg-inn/totp/\?next="))
    expect(page.locator("#id_token")).to_be_focused()
    expect(page.locator(".kn-qr svg")).to_be_visible()
    check_a11y(page)

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.keyboard.type(f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")
    page.keyboard.press("Enter")

    expect(page).not_to_have_url(re.compile(r"/logg-inn/"))
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    check_a11y(page)

    response = page.goto("/admin/")
    assert response is not None
    assert response.status == 200
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("main, #main").first).to_be_visible()
