"""The issue's done-when for the annual report: the secretariat writes and publishes the report
for a year in the back office; a visitor reads it, with its hand-worked totals, and downloads
the PDF; axe finds nothing serious."""

from __future__ import annotations

import io
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from pypdf import PdfReader

from klimanett.site.models import AnnualReportIndexPage
from tests.browser.helpers import log_in, screenshot
from tests.builders import (
    make_account,
    make_membership,
    make_organisation,
    make_secretariat_user,
    make_site_pages,
)
from tests.region.test_report import DIESEL, EL_LOC

pytestmark = pytest.mark.browser

YEAR = 2024
APPROVED = "approved"


def test_secretariat_publishes_the_annual_report_and_a_visitor_reads_it_and_its_pdf(
    page, browser, live_server, check_a11y
):
    make_site_pages()
    for name, lines in (
        ("Fjordbakst AS", [("diesel", 1000, "l"), ("electricity", 100_000, "kWh")]),
        ("Lågdal Sag AS", [("diesel", 500, "l")]),
        ("Brattli Mek AS", [("electricity", 50_000, "kWh")]),
        ("Kystbygg AS", [("diesel", 300, "l")]),
    ):
        organisation = make_organisation(name=name, sector="C")
        make_membership(organisation)
        make_account(organisation, YEAR, lines, status=APPROVED, publish=name == "Fjordbakst AS")
    # Hand-worked: 1800 l diesel and 150 000 kWh, in tonnes with one decimal.
    total = (1800 * DIESEL + 150_000 * EL_LOC) / 1000
    shown = f"{total:,.1f}".replace(",", "\u00a0").replace(".", ",")  # Norwegian: 5,8
    secretariat = make_secretariat_user(email="sekretariat@fylke.example.no")
    device = TOTPDevice.objects.create(user=secretariat, name="app", confirmed=True)

    log_in(page, secretariat)
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/logg-inn/"))

    page.goto(f"/admin/pages/{AnnualReportIndexPage.objects.get().pk}/add_subpage/")
    page.locator("#id_title").fill(f"Klimarapport {YEAR}")
    page.locator("#id_year").fill(str(YEAR))
    page.locator("#id_intro").fill("Fire partnere leverte godkjent klimaregnskap.")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    expect(page.locator(".messages")).to_contain_text(f"Klimarapport {YEAR}")

    visitor = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    visitor.goto("/klimarapport/")
    check_a11y(visitor)
    visitor.get_by_role("link", name=f"Klimarapport {YEAR}").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Klimarapport {YEAR}")
    expect(visitor.locator("[data-figure=reporting]")).to_contain_text("4")
    expect(visitor.locator("[data-figure=total-location]")).to_contain_text(shown)
    expect(visitor.get_by_role("link", name="Fjordbakst AS")).to_be_visible()
    expect(visitor.locator("main")).not_to_contain_text("Lågdal Sag AS")
    expect(visitor.locator("main svg").first).to_be_visible()
    check_a11y(visitor)
    screenshot(visitor, "annual-report")

    href = visitor.locator("main a[type='application/pdf']").get_attribute("href")
    assert href
    response = visitor.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert shown in text
    assert "Fjordbakst AS" in text and "Lågdal Sag AS" not in text
    visitor.context.close()
