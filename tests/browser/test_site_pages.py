"""The showcase in a browser: home, news, good examples with their filter, and the two
statements, each checked with axe; the example filter by keyboard."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import focused, has_focus_indicator, screenshot
from tests.builders import (
    make_event,
    make_example_page,
    make_membership,
    make_news_page,
    make_organisation,
    make_site_pages,
)

pytestmark = pytest.mark.browser


def _showcase() -> None:
    make_site_pages()
    partner = make_organisation(name="Gravbakken Testelektro AS")
    make_membership(partner)
    outsider = make_organisation(name="Porsvold Testtransport AS")
    make_example_page(
        title="Varmepumpe på barneskolen",
        slug="varmepumpe",
        organisations=[partner],
        category="heating",
        year=2024,
        date=datetime.date(2025, 5, 1),
        contact_name="Hanne Vik",
        body=[("quote", {"quote": "Det lukter ikke olje lenger.", "attribution": "Vaktmester"})],
    )
    make_example_page(
        title="Elektriske lastebiler i Grenland",
        slug="lastebiler",
        organisations=[outsider],
        category="transport",
        year=2023,
        date=datetime.date(2026, 1, 1),
    )
    make_news_page(title="Fire nye partnere", slug="fire-nye-partnere", intro="Velkommen!")
    make_event(title="Nettverksmøte om varme")


def _results(page: Page):
    return page.locator("#example-results .kn-example h3")


def test_visitor_reads_the_showcase_pages(page, check_a11y):
    _showcase()

    page.goto("/")
    expect(page.get_by_role("heading", name="Varmepumpe på barneskolen")).to_be_visible()
    expect(page.get_by_role("link", name="Nettverksmøte om varme")).to_be_visible()
    check_a11y(page)

    page.goto("/nyheter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyheter")
    check_a11y(page)
    page.get_by_role("link", name="Fire nye partnere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fire nye partnere")
    check_a11y(page)

    page.goto("/eksempler/varmepumpe/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Varmepumpe på barneskolen")
    expect(page.get_by_role("link", name="Gravbakken Testelektro AS")).to_be_visible()
    check_a11y(page)
    screenshot(page, "example")

    for path, title in (
        ("/tilgjengelighet/", "Tilgjengelighetserklæring"),
        ("/personvern/", "Personvern"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        check_a11y(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Tilgjengelighetserklæring").click()
    expect(page).to_have_url(re.compile(r"/tilgjengelighet/$"))


def test_visitor_filters_the_good_examples_in_place(page, check_a11y):
    _showcase()
    page.goto("/eksempler/")
    # The partner's example first, although the other is newer.
    expect(_results(page)).to_have_text(
        ["Varmepumpe på barneskolen", "Elektriske lastebiler i Grenland"]
    )
    check_a11y(page)
    screenshot(page, "examples")

    page.evaluate("window.knSamePage = true")
    page.locator("#id_category").select_option("transport")
    expect(_results(page)).to_have_text(["Elektriske lastebiler i Grenland"])
    expect(page).to_have_url(re.compile(r"category=transport"))
    # The count is a status region that stays on the page: its text changes, so it is read out.
    expect(page.locator("#example-count")).to_have_count(1)
    expect(page.locator("#example-count")).to_have_text(re.compile(r"^1 godt eksempel$"))
    assert page.evaluate("window.knSamePage") is True, "the filter reloaded the whole page"
    check_a11y(page)


def test_keyboard_user_tabs_through_the_example_filters_with_visible_focus(page):
    _showcase()
    page.goto("/eksempler/")
    page.locator("#id_category").focus()
    reached = []
    for _ in range(4):
        element = focused(page)
        reached.append(element.evaluate("el => el.id || el.textContent.trim()"))
        assert has_focus_indicator(element), f"no visible focus on {reached[-1]}"
        page.keyboard.press("Tab")
    assert reached == ["id_category", "id_year", "id_organisation", "Filtrer"]
