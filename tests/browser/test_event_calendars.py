"""The event calendars in a browser: the list with its filter, the month view, axe on each."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from klimanett.events.models import Event, Theme
from tests.browser.helpers import screenshot
from tests.builders import make_event, make_site_pages

pytestmark = pytest.mark.browser


def _events() -> datetime.date:
    """Three upcoming events in the next month (one cancelled), and one past; returns the day
    of the first."""
    energy = Theme.objects.create(name="Energi", slug="energi")
    transport = Theme.objects.create(name="Transport", slug="transport")
    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=10)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time(9)))
    make_event(
        title="Energikurs for kommunene",
        type=Event.Type.COURSE,
        themes=[energy],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    make_event(
        title="Webinar om transport",
        type=Event.Type.WEBINAR,
        themes=[transport],
        venue_name="",
        address="",
        online_url="https://moete.example.no/rom",
        starts_at=start + datetime.timedelta(days=2),
        ends_at=start + datetime.timedelta(days=2, hours=1),
    )
    make_event(
        title="Avlyst nettverksmøte",
        status=Event.Status.CANCELLED,
        starts_at=start + datetime.timedelta(days=5),
        ends_at=start + datetime.timedelta(days=5, hours=2),
    )
    past = timezone.now() - datetime.timedelta(days=20)
    make_event(
        title="Tidligere verksted", starts_at=past, ends_at=past + datetime.timedelta(hours=2)
    )
    return first


def _titles(page: Page):
    return page.locator(".kn-event-list h3")


def test_visitor_filters_the_calendar_and_browses_the_month_view(page: Page, check_a11y):
    first = _events()
    make_site_pages()

    page.goto("/")
    page.get_by_role("navigation", name=re.compile("meny|menu", re.IGNORECASE)).get_by_role(
        "link", name=re.compile("^(Arrangementer|Events)$")
    ).click()
    expect(page).to_have_url(re.compile(r"/arrangementer/$"))
    expect(_titles(page)).to_have_count(3)
    check_a11y(page)
    screenshot(page, "events-list")

    # The filter is a plain GET form: it works without JavaScript.
    page.locator("#id_theme").select_option("energi")
    page.locator("form.kn-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"theme=energi"))
    expect(_titles(page)).to_have_text(["Energikurs for kommunene"])
    check_a11y(page)

    page.goto("/arrangementer/tidligere/")
    expect(_titles(page)).to_have_text(["Tidligere verksted"])
    check_a11y(page)

    page.goto(f"/arrangementer/maned/{first.year}/{first.month}/")
    table = page.locator("table.kn-month")
    expect(table.locator("thead th")).to_have_count(7)
    cell = table.locator("td", has=page.get_by_role("link", name="Energikurs for kommunene"))
    expect(cell).to_have_count(1)
    expect(cell.locator(".kn-month__number")).to_have_text(str(first.day))
    expect(table.get_by_role("link", name="Avlyst nettverksmøte")).to_be_visible()
    expect(_titles(page)).to_have_count(3)
    check_a11y(page)
    screenshot(page, "events-month")

    # Next month, keeping the filter; then back.
    page.goto(f"/arrangementer/maned/{first.year}/{first.month}/?type=webinar")
    expect(_titles(page)).to_have_text(["Webinar om transport"])
    page.locator("a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"type=webinar"))
    expect(_titles(page)).to_have_count(0)
    check_a11y(page)
    page.locator("a[rel=prev]").click()
    expect(_titles(page)).to_have_text(["Webinar om transport"])

    page.get_by_role("link", name="Webinar om transport").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webinar om transport")
