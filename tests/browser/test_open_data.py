"""The open data catalogue in a browser: reached from the footer, accessible in each language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import screenshot
from tests.builders import make_membership, make_organisation, make_site_pages

pytestmark = pytest.mark.browser


def test_visitor_finds_the_open_data_catalogue_from_the_footer(page, check_a11y):
    make_site_pages()
    make_membership(make_organisation(name="Fjordkraft Testbedrift AS"))

    page.goto("/")
    page.locator("footer").get_by_role("link", name="Åpne data", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Åpne data")
    expect(page.locator("main a[href='/apne-data/partners.csv']")).to_have_count(1)
    check_a11y(page)
    screenshot(page, "open-data")

    for language in ("nn", "en"):
        page.locator("#language-select").select_option(language)
        page.get_by_role("button", name=re.compile("språk|language", re.IGNORECASE)).click()
        page.goto("/apne-data/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        check_a11y(page)
