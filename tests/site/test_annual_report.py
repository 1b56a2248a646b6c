"""The network's annual climate report as a published page and PDF: hand-worked totals from
the approved accounts, figures kept as published, consent to be named, and who sees what."""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Page

from klimanett.accounting.models import ClimateAccount
from klimanett.site.models import AnnualReportIndexPage, AnnualReportPage
from tests.builders import make_account, make_membership, make_organisation, make_site_pages
from tests.region.test_report import DIESEL, DIESEL_BEFORE, EL_LOC, EL_LOC_BEFORE, EL_MKT

APPROVED = ClimateAccount.Status.APPROVED
YEAR = 2024


def partner(name: str, **overrides):
    organisation = make_organisation(name=name, **overrides)
    make_membership(organisation)
    return organisation


@pytest.fixture
def network(db):
    """Four partners in manufacturing with approved accounts for 2024 and 2023, and a haulier
    whose 2024 account is only submitted (left out). Only the bakery publishes its account, so
    three reporting partners are unnamed: enough for the aggregates to be shown."""
    make_site_pages()
    bakery = partner("Fjordbakst AS", sector="C")
    make_account(
        bakery,
        YEAR,
        [("diesel", 1000, "l"), ("electricity", 100_000, "kWh")],
        status=APPROVED,
        publish=True,
    )
    make_account(
        bakery,
        YEAR - 1,
        [("diesel", 1200, "l"), ("electricity", 100_000, "kWh")],
        status=APPROVED,
    )
    sawmill = partner("Lågdal Sag AS", sector="C", public_profile=False)
    make_account(sawmill, YEAR, [("diesel", 500, "l")], status=APPROVED)
    make_account(sawmill, YEAR - 1, [("diesel", 600, "l")], status=APPROVED)
    workshop = partner("Brattli Mek AS", sector="C")
    make_account(workshop, YEAR, [("electricity", 50_000, "kWh")], status=APPROVED)
    make_account(workshop, YEAR - 1, [("electricity", 60_000, "kWh")], status=APPROVED)
    builder = partner("Kystbygg AS", sector="C")
    make_account(builder, YEAR, [("diesel", 300, "l")], status=APPROVED)
    make_account(builder, YEAR - 1, [("diesel", 300, "l")], status=APPROVED)
    haulier = partner("Vestvei Transport AS", sector="H")
    make_account(
        haulier,
        YEAR,
        [("diesel", 90_000, "l")],
        status=ClimateAccount.Status.SUBMITTED,
        publish=True,
    )
    return {
        "bakery": bakery,
        "sawmill": sawmill,
        "workshop": workshop,
        "builder": builder,
        "haulier": haulier,
    }


def add_report(*, publish: bool = True, **fields) -> AnnualReportPage:
    page = AnnualReportPage(
        title=f"Klimarapport {YEAR}",
        slug=str(YEAR),
        year=YEAR,
        intro="Slik gikk det i nettverket.",
        body=[("heading", "Sekretariatet oppsummerer")],
        live=publish,
        **fields,
    )
    AnnualReportIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, name
    return match.group(1).strip()


def tonnes(value: float) -> str:
    return f"{value:,.1f}"  # English: 4,068.3


# Hand-worked, in t CO2e: scope 1 is 1000 + 500 + 300 l diesel; scope 2 is 100 000 + 50 000 kWh.
SCOPE1 = (1000 + 500 + 300) * DIESEL / 1000
SCOPE2_LOCATION = 150_000 * EL_LOC / 1000
SCOPE2_MARKET = 150_000 * EL_MKT / 1000
# Last year, the same four partners: 1200 + 600 + 300 l diesel, 100 000 + 60 000 kWh.
BEFORE = ((1200 + 600 + 300) * DIESEL_BEFORE + 160_000 * EL_LOC_BEFORE) / 1000


def test_published_report_shows_the_hand_worked_totals_of_the_approved_accounts(network, client):
    page = add_report()

    html = english(client).get(page.url).content.decode()

    assert figure(html, "active") == "5"
    assert figure(html, "reporting").startswith("4 (80")
    assert figure(html, "scope1") == tonnes(SCOPE1)
    assert figure(html, "scope2-location") == tonnes(SCOPE2_LOCATION)
    assert figure(html, "scope2-market") == tonnes(SCOPE2_MARKET)
    assert figure(html, "total-location") == f"{tonnes(SCOPE1 + SCOPE2_LOCATION)} t CO2e"
    change = SCOPE1 + SCOPE2_LOCATION - BEFORE
    assert figure(html, "change-previous-year").startswith(
        f"{'+' if change > 0 else ''}{tonnes(change)} ({change / BEFORE * 100:+.1f} %)".replace(
            "+-", "-"
        )
    )
    assert "Manufacturing" in html  # the sector group (three unnamed partners) is shown
    assert "Sekretariatet oppsummerer" in html  # the secretariat's own text


def test_only_the_partner_that_published_its_account_is_named(network, client):
    page = add_report()

    html = client.get(page.url).content.decode()

    assert "Fjordbakst AS" in html
    assert f'href="/partnere/{network["bakery"].slug}/"' in html
    for unnamed in ("Lågdal Sag AS", "Brattli Mek AS", "Kystbygg AS", "Vestvei Transport AS"):
        assert unnamed not in html


def test_published_figures_stay_until_the_page_is_published_again(network, client):
    page = add_report()
    network["haulier"].climate_accounts.update(status=APPROVED)  # approved after publication

    html = english(client).get(page.url).content.decode()
    assert figure(html, "reporting").startswith("4 ")

    page.save_revision().publish()
    html = english(client).get(page.url).content.decode()
    assert figure(html, "reporting").startswith("5 ")


def test_preview_shows_the_figures_as_they_stand_now(network, rf, admin_user):
    page = add_report()
    network["haulier"].climate_accounts.update(status=APPROVED)
    request = rf.get(page.url, HTTP_ACCEPT_LANGUAGE="en")
    request.user = admin_user

    response = page.make_preview_request(request, page.default_preview_mode)

    assert figure(response.content.decode(), "reporting").startswith("5 ")


def test_a_draft_report_is_not_public_and_has_no_pdf(network, client):
    page = add_report(publish=False)

    assert client.get(f"/klimarapport/{YEAR}/").status_code == 404
    assert client.get(f"/klimarapport/{YEAR}/pdf/").status_code == 404
    assert page.figures is None


def test_the_index_lists_published_reports_only(network, client):
    add_report()
    AnnualReportIndexPage.objects.get().add_child(
        instance=AnnualReportPage(title="Klimarapport 2023", slug="2023", year=2023, live=False)
    )

    html = client.get("/klimarapport/").content.decode()

    assert f'href="/klimarapport/{YEAR}/"' in html
    assert 'href="/klimarapport/2023/"' not in html


def test_the_pdf_has_the_same_totals_and_names_only_the_consenting_partner(network, client):
    page = add_report()

    response = english(client).get(page.url + "pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Klimarapport {YEAR}" in text
    assert tonnes(SCOPE1 + SCOPE2_LOCATION) in text
    assert tonnes(SCOPE2_MARKET) in text
    assert "Fjordbakst AS" in text
    assert "Lågdal Sag AS" not in text


def test_a_second_report_for_the_same_year_is_refused(network):
    add_report()
    duplicate = AnnualReportPage(title="Igjen", slug="igjen", year=YEAR)

    with pytest.raises(ValidationError, match="already"):
        AnnualReportIndexPage.objects.get().add_child(instance=duplicate)


def test_report_pages_go_under_the_index_only():
    assert AnnualReportPage.parent_page_types == ["klimanett_site.AnnualReportIndexPage"]
    assert Page in AnnualReportPage.__mro__


def test_climate_status_links_to_the_annual_reports_when_they_are_public(network, client):
    AnnualReportIndexPage.objects.update(live=False)
    assert 'href="/klimarapport/"' not in client.get("/klimastatus/").content.decode()

    AnnualReportIndexPage.objects.update(live=True)
    assert 'href="/klimarapport/"' in client.get("/klimastatus/").content.decode()


def test_the_report_s_address_is_its_year_whatever_the_editor_typed(network):
    page = AnnualReportPage(title="Klimarapport", slug="klimarapport-for-i-fjor", year=YEAR)
    AnnualReportIndexPage.objects.get().add_child(instance=page)

    page.full_clean()

    assert page.slug == str(YEAR)


def test_a_report_of_a_year_not_yet_begun_is_refused(network):
    page = AnnualReportPage(title="Neste år", slug="neste", year=2099)

    with translation.override("en"), pytest.raises(ValidationError, match="year that has begun"):
        AnnualReportIndexPage.objects.get().add_child(instance=page)
