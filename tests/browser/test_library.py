"""The knowledge library in a browser: a visitor narrows the list with facets and search in
place, opens a resource; axe on each page; visible keyboard focus on the facet controls."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from klimanett.events.models import Theme
from klimanett.library.models import Sector
from tests.browser.helpers import focused, has_focus_indicator, screenshot
from tests.builders import make_resource, make_site_pages

pytestmark = pytest.mark.browser


def _shelf() -> None:
    make_site_pages()
    energy = Theme.objects.create(name="Energi", slug="energi")
    transport = Theme.objects.create(name="Transport", slug="transport")
    industry = Sector.objects.create(name="Industri", slug="industri")
    make_resource(
        title="Klimakur 2030: Tiltak og virkemidler mot 2030",
        slug="klimakur-2030",
        publisher="Miljødirektoratet",
        year=2020,
        url="https://www.miljodirektoratet.no/",
        themes=[energy, transport],
        sectors=[industry],
    )
    make_resource(
        title="GHG Protocol Scope 2 Guidance",
        publisher="World Resources Institute og WBCSD",
        year=2015,
        kind="guide",
        language="en",
        themes=[energy],
        sectors=[industry],
    )
    make_resource(
        title="Nasjonal transportplan 2025–2036", year=2024, themes=[transport], kind="report"
    )


def _results(page: Page):
    return page.locator("#library-results .kn-resource h3")


def test_visitor_browses_the_library_with_facets_and_search_and_opens_a_resource(page, check_a11y):
    _shelf()
    page.goto("/")
    page.get_by_role("navigation", name=re.compile("Hovedmeny|Main menu")).get_by_role(
        "link", name=re.compile("Kunnskap|Knowledge")
    ).click()
    expect(page).to_have_url(re.compile(r"/kunnskap/$"))
    expect(_results(page)).to_have_count(3)
    expect(page.locator("#library-count")).to_contain_text("3")
    check_a11y(page)
    screenshot(page, "library")

    page.evaluate("window.knSamePage = true")
    page.locator("#facet-theme-energi").check()
    expect(_results(page)).to_have_count(2)
    expect(page.locator("#library-count")).to_contain_text("2")
    expect(page).to_have_url(re.compile(r"theme=energi"))
    # The language counts follow the chosen theme: one English resource among the two.
    expect(page.locator("label[for=facet-language-en]")).to_contain_text("(1")
    page.locator("#facet-kind-guide").check()
    expect(_results(page)).to_have_text(["GHG Protocol Scope 2 Guidance"])
    page.locator("#facet-kind-guide").uncheck()
    expect(_results(page)).to_have_count(2)

    page.locator("#library-q").fill("Klimakur")
    page.locator("#library-q").press("Enter")
    expect(_results(page)).to_have_text(["Klimakur 2030: Tiltak og virkemidler mot 2030"])
    assert page.evaluate("window.knSamePage") is True, "the filter reloaded the whole page"
    check_a11y(page)

    page.get_by_role("link", name="Klimakur 2030: Tiltak og virkemidler mot 2030").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Klimakur 2030: Tiltak og virkemidler mot 2030"
    )
    expect(page.locator('a[href="https://www.miljodirektoratet.no/"]')).to_have_attribute(
        "rel", "noopener noreferrer"
    )
    expect(page.get_by_role("link", name="GHG Protocol Scope 2 Guidance")).to_be_visible()
    check_a11y(page)
    screenshot(page, "resource")


def test_keyboard_user_ticks_a_facet_with_visible_focus_that_stays_after_the_update(page):
    _shelf()
    page.goto("/kunnskap/")
    box = page.locator("#facet-theme-energi")
    box.focus()
    assert has_focus_indicator(focused(page))
    page.keyboard.press("Space")
    expect(_results(page)).to_have_count(2)
    expect(page.locator("#facet-theme-energi")).to_be_checked()
    # The facets were replaced with fresh counts; the same box has the focus again.
    expect(page.locator("#facet-theme-energi")).to_be_focused()
    assert has_focus_indicator(focused(page))
    page.keyboard.press("Tab")
    assert focused(page).get_attribute("id") == "facet-theme-transport"
    assert has_focus_indicator(focused(page))
