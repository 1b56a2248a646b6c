"""A partner downloads one climate account as a printable PDF report in their language."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from klimanett.accounting import pdf
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.accounting.selectors import account_result


@pytest.fixture
def account_of_a(organisation_a):
    account = ClimateAccount.objects.create(
        organisation=organisation_a, year=2023, revenue_nok=Decimal("20000000")
    )
    AccountLine.objects.create(
        account=account, activity="diesel", quantity=Decimal("1000"), unit="l", note="Tank card"
    )
    AccountLine.objects.create(
        account=account, activity="electricity", quantity=Decimal("10.5"), unit="MWh"
    )
    return account


def pdf_url(account):
    return reverse("accounting:account_export", args=[account.pk, "pdf"])


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_contact_downloads_the_account_as_a_pdf_report(client, alice, account_of_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(alice)

    response = client.get(pdf_url(account_of_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="klimaregnskap-{account_of_a.organisation.slug}-2023.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Alfa Klimaservice AS" in text
    assert "Climate account 2023" in text
    assert "NO-2025.1" in text
    # location-based: 1 000 l diesel × 2.66 = 2 660 kg; 10 500 kWh × 0.015 (NVE 2023) = 157.5 kg
    #   -> 2 817.5 kg = 2.82 t
    # market-based: 2 660 + 10 500 kWh × 0.402 (residual mix 2020) = 2 660 + 4 221 = 6 881 kg
    assert "2.82" in text
    assert "6.88" in text
    # per million NOK revenue: 2 817.5 kg / 20 MNOK = 140.9 kg
    assert "140.9" in text
    # every line with its scope, quantity, factor, factor year, kg CO2e and source
    assert "Tank card" in text
    assert "1 1,000 l 2.66000 / l 2021 2,660.0 2,660.0 Miljødirektoratet" in text
    assert "0.01500 / kWh\nmarket-based: 0.40200\n2023\n2020\n157.5 4,221.0 NVE" in text


def test_the_report_is_in_the_readers_language(client, alice, account_of_a):
    client.force_login(alice)  # bokmål is the default

    text = pdf_text(client.get(pdf_url(account_of_a)).content)

    assert "2,82" in text  # Norwegian decimal comma
    assert "Climate account" not in text


def test_the_report_reads_only_the_bundled_inter_font_files(account_of_a):
    fetcher = pdf.local_files_fetcher([])
    with pytest.raises(ValueError, match="only its own static files"):
        fetcher.fetch("https://example.com/tracker.png")
    with pytest.raises(ValueError, match="only its own static files"):
        fetcher.fetch("file:///etc/passwd")
    content = pdf.account_pdf(account_result(account_of_a))
    page = PdfReader(io.BytesIO(content)).pages[0]
    fonts = [font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()]
    assert fonts and all(name.endswith(("+Inter", "+Inter-Semi-Bold")) for name in fonts), fonts


def test_contact_of_another_organisation_gets_404(client, charlie, account_of_a):
    client.force_login(charlie)

    assert client.get(pdf_url(account_of_a)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, account_of_a):
    response = client.get(pdf_url(account_of_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_the_account_page_links_to_the_pdf(client, alice, account_of_a):
    client.force_login(alice)

    assert pdf_url(account_of_a) in client.get(account_of_a.get_absolute_url()).content.decode()
