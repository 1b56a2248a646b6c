"""Keyboard use: the skip link comes first and every tab stop shows where the focus is."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_tab_stops_show_focus,
    focused,
    has_focus_indicator,
    log_in,
)
from tests.builders import make_site_pages

pytestmark = pytest.mark.browser


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page, check_a11y):
    make_site_pages()
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.ds-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#innhold")
    expect(skip_link).to_be_visible()
    assert has_focus_indicator(skip_link), "the skip link has no visible focus indicator"
    check_a11y(page)

    page.keyboard.press("Enter")
    expect(page.locator("main#innhold")).to_be_focused()
    # The next Tab goes on inside the main content, not back to the header.
    page.keyboard.press("Tab")
    assert focused(page).evaluate("el => el.closest('main') !== null")


def test_every_tab_stop_on_the_home_page_shows_focus(page):
    make_site_pages()
    page.goto("/")
    assert len(assert_tab_stops_show_focus(page, stops=20)) >= 6


def test_every_tab_stop_on_the_commitments_form_shows_focus(page, alice, organisation_a):
    log_in(page, alice)
    page.goto(f"/min-side/organisasjoner/{organisation_a.pk}/forpliktelser/2024/")
    page.locator("main h1").click()  # start tabbing from the main content
    assert len(assert_tab_stops_show_focus(page, stops=25)) >= 20
