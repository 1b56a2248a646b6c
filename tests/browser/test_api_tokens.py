"""A contact person makes a personal API token, sees it once, uses it, and revokes it; the
pages pass axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import APIToken

from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


def test_contact_makes_uses_and_revokes_a_token(page, check_a11y, alice, organisation_a):
    log_in(page, alice)
    page.goto("/min-side/api-nokler/")
    check_a11y(page)

    page.locator("#id_name").fill("Opplasting fra økonomisystemet")
    page.locator("main form button[type=submit]").click()
    token = page.locator("#token-value")
    expect(token).to_have_value(re.compile(r"^wagtail_"))
    plaintext = token.input_value()
    check_a11y(page)

    answer = page.request.get(
        "/api/v1/me/organisations", headers={"Authorization": f"Bearer {plaintext}"}
    )
    assert answer.ok
    assert [o["name"] for o in answer.json()] == [organisation_a.name]

    page.goto("/min-side/api-nokler/")
    expect(page.locator("#token-value")).to_have_count(0)  # shown once only
    expect(page.locator("main")).not_to_contain_text(plaintext)
    page.locator("main a[href*='trekk-tilbake']").first.click()
    check_a11y(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(APIToken.objects.get().prefix)
    assert APIToken.objects.get().revoked_at is not None
    refused = page.request.get(
        "/api/v1/me/organisations", headers={"Authorization": f"Bearer {plaintext}"}
    )
    assert refused.status == 401
