"""The knowledge library in a browser: a partner's contact person suggests a resource from the
organisation page, then a visitor subscribes to the monthly digest and confirms it from the
link in the e-mail. Each page is checked with axe."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from klimanett.events.models import Theme
from klimanett.library.models import Resource, Subscriber
from tests.browser.helpers import assert_descriptions_exist, log_in, screenshot

pytestmark = pytest.mark.browser
CONFIRM_PATH = re.compile(r"/nyhetsbrev/bekreft/[^/\s]+/")


def test_partner_contact_suggests_a_resource(page: Page, check_a11y, alice, organisation_a):
    Theme.objects.create(name="Transport", slug="transport")
    log_in(page, alice)
    page.goto(organisation_a.get_absolute_url())
    page.locator(f"main a[href$='/kunnskap/organisasjoner/{organisation_a.pk}/']").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page)
    page.locator("main a.ds-button[href$='/foresla/']").click()
    check_a11y(page)
    assert_descriptions_exist(page)

    # Without a link or a file nothing is saved, and the form says why.
    page.locator("#id_title").fill("Veileder for fossilfrie byggeplasser")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".ds-validation-message").first).to_be_visible()
    assert not Resource.objects.exists()
    check_a11y(page)

    page.locator("#id_url").fill("https://example.org/fossilfri-byggeplass")
    page.locator("#id_publisher").fill("Miljødirektoratet")
    page.locator("#id_year").fill("2024")
    page.locator("#id_kind").select_option("guide")
    page.get_by_label("Transport").check()
    page.locator("#id_summary").fill("Steg for steg til en fossilfri byggeplass.")
    screenshot(page, "library_suggest")
    page.locator("main form button[type=submit]").click()

    expect(page.locator(".kn-messages")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Veileder for fossilfrie byggeplasser")
    check_a11y(page)
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.SUGGESTED
    assert resource.suggested_for == organisation_a
    assert [theme.name for theme in resource.themes.all()] == ["Transport"]


def test_visitor_subscribes_to_the_digest_and_confirms_from_the_email(page: Page, check_a11y):
    page.goto("/nyhetsbrev/")
    check_a11y(page)
    assert_descriptions_exist(page)
    screenshot(page, "digest_subscribe")
    page.locator("#digest-email").fill("leser@example.no")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/nyhetsbrev/sendt/"))
    expect(page.get_by_role("status")).to_be_visible()
    check_a11y(page)
    assert Subscriber.objects.get().confirmed_at is None

    (message,) = mail.outbox
    assert message.to == ["leser@example.no"]
    page.goto(CONFIRM_PATH.search(message.body).group(0))
    check_a11y(page)
    assert Subscriber.objects.get().confirmed_at is None
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    check_a11y(page)
    assert Subscriber.objects.get().confirmed_at is not None
