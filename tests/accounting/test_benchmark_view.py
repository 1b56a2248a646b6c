"""The account page compares the partner with its sector, showing no peer's own figure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klimanett.accounting.models import ClimateAccount
from tests.builders import make_account, make_membership, make_organisation

YEAR = 2024
HEADING = "Compared with others in your sector"
HIDDEN = "hidden, because too few other organisations in your sector"
# Diesel only (NO-2025.1: 2.66 kg CO2e per litre), 10 FTE and 10 million NOK each: per FTE
# 266, 532, 798, 1 064 and 9 878.442 kg; per million NOK the same in kg, 0.27 … 9.88 t.
PEER_DIESEL_L = [1000, 2000, 3000, 4000, 37137]


def make_peers(count: int, diesel_l: list[int] = PEER_DIESEL_L) -> None:
    for diesel in diesel_l[:count]:
        organisation = make_organisation(sector="C")
        make_membership(organisation)
        make_account(
            organisation,
            YEAR,
            [("diesel", diesel, "l")],
            status=ClimateAccount.Status.APPROVED,
            employees=10,
            revenue_nok=Decimal("10000000"),
        )


@pytest.fixture
def account_of_a(organisation_a):
    # 1 500 l = 3 990 kg: 399 kg per FTE, 3.99 t per million NOK.
    return make_account(
        organisation_a,
        YEAR,
        [("diesel", 1500, "l")],
        employees=10,
        revenue_nok=Decimal("1000000"),
    )


def _section(text: str) -> str:
    start = text.index('id="benchmark-heading"')
    return text[start : text.index("</section>", start)]


def test_a_partner_sees_its_sectors_median_and_quartiles_but_no_peers_value(
    english_client, alice, account_of_a
):
    make_peers(5)
    english_client.force_login(alice)
    response = english_client.get(reverse("accounting:account_detail", args=[account_of_a.pk]))

    assert response.status_code == 200
    text = response.content.decode()
    assert f'<h2 id="benchmark-heading" class="ds-heading" data-size="md">{HEADING}</h2>' in text
    section = _section(text)
    # Per FTE: own 399.0; median 798.0; exclusive quartiles (266 + 532) / 2 = 399 and
    # (1 064 + 9 878.442) / 2 = 5 471.221; five organisations.
    assert "kg CO2e per full-time equivalent" in section
    assert '<td class="kn-number">798.0</td>' in section
    assert "399.0 – 5,471.2" in section
    assert '<td class="kn-number">5</td>' in section
    assert "between the lower quartile and the median" in section  # 399 is on the lower quartile
    # Per million NOK: own 3 990 kg / 1 = 3.99 t, between the median 0.80 t and the upper
    # quartile 5.47 t.
    assert "t CO2e per million NOK revenue" in section
    assert '<td class="kn-number">3.99</td>' in section
    assert "between the median and the upper quartile" in section
    assert HIDDEN not in section
    # The highest peer's own figures (9 878.442 kg per FTE and per million NOK) appear nowhere,
    # in any number format, and neither does the lowest (266 kg).
    for shown in ("9,878", "9878", "9 878", "9.88", "9,88", "266.0", "0.27"):
        assert shown not in text, shown


def test_with_four_peers_the_comparison_is_hidden_and_says_why(english_client, alice, account_of_a):
    make_peers(4)
    english_client.force_login(alice)
    text = english_client.get(
        reverse("accounting:account_detail", args=[account_of_a.pk])
    ).content.decode()

    section = _section(text)
    assert section.count(HIDDEN) == 2  # per FTE and per million NOK
    assert "Peers' median" not in section
    assert "<table" not in section
    for shown in ("798", "1,064", "1064", "9,878", "9878"):
        assert shown not in text, shown


def test_an_account_without_employees_or_revenue_has_no_comparison(
    english_client, alice, organisation_a
):
    make_peers(5)
    account = make_account(organisation_a, YEAR, [("diesel", 1500, "l")])
    english_client.force_login(alice)
    text = english_client.get(
        reverse("accounting:account_detail", args=[account.pk])
    ).content.decode()
    assert HEADING not in text


def test_another_organisations_contact_cannot_open_the_page(client, charlie, account_of_a):
    make_peers(5)
    client.force_login(charlie)
    assert client.get(reverse("accounting:account_detail", args=[account_of_a.pk])).status_code == (
        404
    )


def test_the_page_reads_no_more_queries_with_more_peers(english_client, alice, account_of_a):
    url = reverse("accounting:account_detail", args=[account_of_a.pk])
    english_client.force_login(alice)
    make_peers(5)
    english_client.get(url)  # warm the caches (session, factor sets)
    with CaptureQueriesContext(connection) as five:
        english_client.get(url)
    make_peers(12, [5000] * 12)  # twelve more
    with CaptureQueriesContext(connection) as more:
        response = english_client.get(url)
    assert response.context["benchmark"].per_employee.group.peers == 17
    assert len(more) == len(five)
