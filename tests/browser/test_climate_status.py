"""The region's climate status in a browser: the dashboard and a municipality's page, with
their charts, tables and the download, checked with axe."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from klimanett.municipalities.models import Municipality
from klimanett.region.models import MunicipalEmission
from tests.browser.helpers import screenshot

pytestmark = pytest.mark.browser

# Two municipalities, two sectors, 2009 and two later years (t CO2e).
FIGURES = {
    ("4003", "Industri"): {2009: 1000, 2022: 800, 2023: 700},
    ("4003", "Veitrafikk"): {2009: 400, 2022: 350, 2023: 300},
    ("4001", "Industri"): {2009: 600, 2022: 500, 2023: 450},
    ("4001", "Veitrafikk"): {2009: 200, 2022: 190, 2023: 180},
}


def test_visitor_reads_the_region_against_its_target_and_a_municipality(page: Page, check_a11y):
    municipalities = {m.number: m for m in Municipality.objects.filter(number__in=["4001", "4003"])}
    MunicipalEmission.objects.bulk_create(
        MunicipalEmission(
            municipality=municipalities[number],
            year=year,
            sector=sector,
            subsector="",
            t_co2e=Decimal(tonnes),
        )
        for (number, sector), by_year in FIGURES.items()
        for year, tonnes in by_year.items()
    )

    page.goto("/klimastatus/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The latest total, 700 + 300 + 450 + 180 = 1630 t, is shown (Norwegian digits grouping).
    expect(page.locator("main")).to_contain_text("1\u00a0630")
    expect(page.locator("main svg").first).to_be_visible()
    expect(page.locator("main table").first).to_be_visible()
    check_a11y(page)
    screenshot(page, "climate-status")

    page.locator(f"main a[href='/klimastatus/{municipalities['4003'].number}/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(municipalities["4003"].name)
    check_a11y(page)
