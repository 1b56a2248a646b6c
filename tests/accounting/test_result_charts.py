"""The account page's charts: emissions by category, largest first, and location-based beside
market-based totals, each an SVG image with a title and a description and its figures in a
table."""

import re

import pytest
from django.utils import translation
from django.utils.text import capfirst

from klimanett.accounting.models import AccountLine, ClimateAccount


def nb(text):
    """`text` as the bokmål interface shows it (the English msgid until it is translated)."""
    with translation.override("nb"):
        return translation.gettext(text)


def table_rows(page, caption_id):
    """The text of each cell of each body row of the table whose caption has `caption_id`."""
    start = page.index(f'<caption id="{caption_id}"')
    table = page[start : page.index("</table>", start)]
    body = table[table.index("<tbody>") :]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def account(organisation_a):
    """2024: 1 000 l diesel, 20 000 kWh electricity and 5 000 pkm of domestic flights."""
    account = ClimateAccount.objects.create(organisation=organisation_a, year=2024)
    for activity, quantity, unit in (
        ("electricity", 20_000, "kWh"),
        ("diesel", 1000, "l"),
        ("flight_domestic", 5000, "pkm"),
    ):
        AccountLine.objects.create(account=account, activity=activity, quantity=quantity, unit=unit)
    return account


def test_the_account_page_shows_the_largest_categories_first_as_a_chart_and_a_table(
    client, alice, account
):
    client.force_login(alice)

    response = client.get(account.get_absolute_url())

    page = response.content.decode()
    assert 'role="img" aria-labelledby="categories-title categories-desc"' in page
    fuel, travel, electricity = (
        capfirst(nb(name))
        for name in ("fuel for vehicles and machines", "business travel", "electricity")
    )
    # kg CO2e, location-based: diesel 1 000 l × 2.66 = 2 660; flights 5 000 pkm × 0.22928 =
    # 1 146.4; electricity 20 000 kWh × 0.0119 = 238. Total 4 044.4: shares 65.8 %, 28.3 %,
    # 5.9 %.
    assert table_rows(page, "categories-table-caption") == [
        [fuel, "1", "2,66", "65,8 %"],
        [travel, "3", "1,15", "28,3 %"],
        [electricity, "2", "0,24", "5,9 %"],
    ]
    bars = [group.label for group in response.context["result_charts"].breakdown.chart.groups]
    assert bars == [fuel, travel, electricity]
    assert f"{fuel} ({nb('scope %(scope)s') % {'scope': 1}}): 2,66" in page  # the description


def test_the_account_page_shows_location_based_beside_market_based_totals(client, alice, account):
    client.force_login(alice)

    page = client.get(account.get_absolute_url()).content.decode()

    assert 'role="img" aria-labelledby="methods-title methods-desc"' in page
    # Scope 2 market-based: 20 000 kWh × 0.402 (residual mix) = 8 040 kg. Totals: 4 044.4 kg
    # location-based, 2 660 + 8 040 + 1 146.4 = 11 846.4 kg market-based.
    description = (
        f"{nb('Scope 1')}: 2,66 / 2,66; {nb('Scope 2')}: 0,24 / 8,04; "
        f"{nb('Scope 3')}: 1,15 / 1,15; {nb('Total')}: 4,04 / 11,85."
    )
    assert description in page
    # its figures are those of the table of emissions by scope, just above it
    table = page[page.index('id="totals-heading"') : page.index('id="methods-caption"')]
    assert ">8,04<" in table and ">11,85<" in table


def test_an_account_without_activities_has_no_charts(client, alice, organisation_a):
    account = ClimateAccount.objects.create(organisation=organisation_a, year=2024)
    client.force_login(alice)

    page = client.get(account.get_absolute_url()).content.decode()

    assert 'role="img"' not in page
    assert "categories-table-caption" not in page


def test_the_secretariat_sees_the_charts_too(verified_client, sekretariat, account):
    page = verified_client(sekretariat).get(account.get_absolute_url()).content.decode()
    assert page.count('<svg class="kn-chart__svg"') == 2
