"""The public site in a browser: home page, partner directory with its htmx filter, profiles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from klimanett.municipalities.models import Municipality
from tests.browser.helpers import screenshot
from tests.builders import make_membership, make_organisation, make_site_pages

pytestmark = pytest.mark.browser


def _partner(name: str, municipality: str) -> None:
    organisation = make_organisation(
        name=name, municipality=Municipality.objects.get(number=municipality)
    )
    make_membership(organisation)


def _result_names(page: Page):
    return page.locator("#partner-results .ds-card h2")


def test_visitor_filters_the_directory_and_opens_a_partner_profile(page, check_a11y):
    make_site_pages()
    _partner("Fjordkraft Testbedrift AS", "4003")
    _partner("Grenland Solenergi AS", "4003")
    _partner("Telemark Trevare AS", "4020")

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimanettverket")
    check_a11y(page)
    screenshot(page, "home")

    page.locator("main a[href='/partnere/']").click()
    expect(page).to_have_url(re.compile(r"/partnere/$"))
    expect(_result_names(page)).to_have_count(3)
    check_a11y(page)
    screenshot(page, "directory")

    # htmx swaps the result list in place: a value set on the window survives the filtering.
    page.evaluate("window.knSamePage = true")
    page.locator("#id_municipality").select_option("4020")
    expect(_result_names(page)).to_have_text(["Telemark Trevare AS"])
    # The count is a status region that stays on the page: its text changes, so it is read out.
    expect(page.locator("#partner-count")).to_have_count(1)
    expect(page.locator("#partner-count")).to_have_text(re.compile(r"^1 partner$"))
    expect(page).to_have_url(re.compile(r"municipality=4020"))
    check_a11y(page)

    page.locator("#id_municipality").select_option("4003")
    expect(_result_names(page)).to_have_count(2)
    page.locator("#id_q").press_sequentially("sol")
    expect(_result_names(page)).to_have_text(["Grenland Solenergi AS"])
    expect(page).to_have_url(re.compile(r"q=sol"))
    assert page.evaluate("window.knSamePage") is True, "the filter reloaded the whole page"
    check_a11y(page)

    _result_names(page).get_by_role("link", name="Grenland Solenergi AS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grenland Solenergi AS")
    expect(page).to_have_url(re.compile(r"/partnere/grenland-solenergi-as/$"))
    check_a11y(page)


def test_every_other_public_page_passes_axe_in_each_language(page, check_a11y):
    make_site_pages()
    _partner("Fjordkraft Testbedrift AS", "4003")
    paths = ["/api/v1/docs", "/logg-inn/", "/logg-inn/glemt-passord/", "/finnes-ikke/"]
    for language in ("nn", "en", "nb"):
        page.goto("/")
        page.locator("#language-select").select_option(language)
        page.get_by_role("button", name=re.compile("språk|language", re.IGNORECASE)).click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        check_a11y(page)
        for path in paths:
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            check_a11y(page)
