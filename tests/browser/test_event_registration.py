"""Registering for an event in a browser: the form, the e-mail with the calendar file, the
cancel link, and the next on the waiting list moving up; a partner registers a colleague."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from klimanett.events import services
from klimanett.events.models import Registration
from tests.browser.helpers import assert_descriptions_exist, log_in, screenshot
from tests.builders import make_event

pytestmark = pytest.mark.browser
CANCEL_PATH = re.compile(r"/arrangementer/avmelding/[^/\s]+/")


def _fill(page: Page, *, name: str, email: str) -> None:
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_dietary_needs").fill("Vegetar")
    page.locator("#id_consent").check()


def test_visitor_registers_cancels_by_the_link_and_the_next_in_line_moves_up(page, check_a11y):
    event = make_event(
        title="Klimaregnskap i praksis", capacity=1, online_url="https://møte.example.no/k42"
    )
    page.goto(event.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimaregnskap i praksis")
    expect(page.get_by_text("k42")).to_have_count(0)
    check_a11y(page)
    assert_descriptions_exist(page)
    screenshot(page, "event_detail")

    # A missing consent is marked on the field, and nothing is saved.
    page.locator("#id_name").fill("Kari Nordmann")
    page.locator("#id_email").fill("Kari@Example.no")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".ds-validation-message")).to_have_count(1)
    assert not Registration.objects.exists()
    check_a11y(page)

    _fill(page, name="Kari Nordmann", email="Kari@Example.no")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/arrangementer/pamelding/"))
    expect(page.get_by_role("status")).to_contain_text("Klimaregnskap i praksis")
    expect(page.get_by_role("link", name="https://møte.example.no/k42")).to_be_visible()
    check_a11y(page)
    screenshot(page, "event_registration")

    (message,) = mail.outbox
    assert message.to == ["kari@example.no"]
    assert message.attachments[0][0].endswith(".ics")
    waiting = services.register(
        event=event, name="Ola Venter", email="ola@example.no", consent=True
    )
    assert waiting.status == Registration.Status.WAITING

    page.goto(CANCEL_PATH.search(message.body).group(0))
    check_a11y(page)
    assert Registration.objects.get(email="kari@example.no").status == "confirmed"
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".kn-messages")).to_be_visible()
    check_a11y(page)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(email="kari@example.no").status == "cancelled"
    assert any(m.to == ["ola@example.no"] and m.attachments for m in mail.outbox)


def test_partner_contact_registers_a_colleague(page, check_a11y, alice, organisation_a):
    event = make_event(title="Toppledermøte om innkjøp")
    log_in(page, alice)
    page.goto(event.get_absolute_url())
    page.locator("main a[href='?kollega=1#pamelding']").click()
    expect(page.locator("#id_organisation_name")).to_have_value(organisation_a.name)
    expect(page.locator("#id_name")).to_have_value("")
    check_a11y(page)
    _fill(page, name="Kollega Alfa", email="kollega@alfa.example.no")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/arrangementer/pamelding/"))
    registration = Registration.objects.get()
    assert registration.registered_by == alice
    assert registration.organisation == organisation_a
