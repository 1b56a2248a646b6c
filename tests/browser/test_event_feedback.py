"""A participant gives feedback by the link in the e-mail, by keyboard, on an axe-clean page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from klimanett.events import feedback
from klimanett.events.models import Feedback
from tests.builders import make_event, make_registration

pytestmark = pytest.mark.browser


def test_participant_rates_an_event_by_the_link_without_logging_in(page, check_a11y):
    starts_at = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    event = make_event(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        registration_opens_at=starts_at - datetime.timedelta(days=30),
        registration_closes_at=starts_at - datetime.timedelta(days=1),
    )
    registration = make_registration(event, name="Kari Nordmann")

    page.goto(reverse("events:feedback", args=[feedback.feedback_token(registration)]))
    expect(page.locator("h1")).to_contain_text(event.title)
    check_a11y(page)

    page.locator('input[name="rating"][value="4"]').check()
    page.locator("textarea").fill("Nyttig og godt organisert.")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("main")).to_be_visible()
    answer = Feedback.objects.get(registration=registration)
    assert (answer.rating, answer.comment) == (4, "Nyttig og godt organisert.")
    check_a11y(page)
