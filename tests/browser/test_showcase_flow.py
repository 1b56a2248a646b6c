"""The issue's whole flow: an editor publishes a good example about a partner in the back
office; it leads the lists, shows on the partner's profile and is found by search."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from klimanett.core import roles
from klimanett.site.models import ExampleIndexPage
from tests.browser.helpers import log_in, screenshot
from tests.builders import (
    make_example_page,
    make_membership,
    make_organisation,
    make_site_pages,
    make_user,
)

pytestmark = pytest.mark.browser

TITLE = "Solceller på lagerhallen"


def _first_card_title(page: Page):
    return page.locator("#example-results .kn-example h3").first


def test_editor_publishes_an_example_that_leads_the_lists_the_profile_and_search(
    page, browser, live_server, check_a11y
):
    make_site_pages()
    roles.ensure_role_groups()
    partner = make_organisation(name="Grenland Varme AS", public_profile=True)
    make_membership(partner)
    bakery = make_organisation(name="Kystbyen Bakeri AS")  # not a member of the network
    # Newer than the editor's example: only the partners-first rule puts the new one ahead.
    make_example_page(
        title="Ny ovn hos bakeriet", organisations=[bakery], date=datetime.date(2026, 10, 1)
    )
    editor = make_user(email="redaktor@fylke.example.no")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))

    log_in(page, editor)
    page.goto(f"/admin/pages/{ExampleIndexPage.objects.get().pk}/add_subpage/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_date").fill("2025-06-01")
    page.locator("#id_summary").fill(
        "Lagerhallen fikk 900 kvadratmeter solceller og kjøper en tredjedel mindre strøm."
    )
    page.locator("#id_organisations").select_option(label="Grenland Varme AS")
    page.locator("#id_category").select_option("building_electricity")
    page.locator("#id_year").fill("2025")
    page.locator("#id_reduction_t").fill("4.5")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)

    visitor = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    visitor.goto("/eksempler/")
    expect(_first_card_title(visitor)).to_have_text(TITLE)
    check_a11y(visitor)
    screenshot(visitor, "examples")

    visitor.goto(f"/partnere/{partner.slug}/")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    check_a11y(visitor)

    visitor.goto("/")
    expect(visitor.get_by_role("link", name=TITLE).first).to_be_visible()

    visitor.locator("#header-search-q").fill("solceller")
    visitor.locator("#header-search-q").press("Enter")
    expect(visitor).to_have_url(re.compile(r"/sok/\?q=solceller"))
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    check_a11y(visitor)

    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("link", name="Grenland Varme AS")).to_be_visible()
    check_a11y(visitor)
    visitor.context.close()
