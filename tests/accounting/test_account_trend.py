"""The trend across years on the account list: totals per year as a chart and a table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimanett.accounting.models import AccountLine, ClimateAccount


def _account(organisation, year, *, diesel_l, status=ClimateAccount.Status.DRAFT):
    submitted = status != ClimateAccount.Status.DRAFT
    account = ClimateAccount.objects.create(
        organisation=organisation,
        year=year,
        status=status,
        submitted_at=timezone.now() if submitted else None,
    )
    AccountLine.objects.create(account=account, activity="diesel", quantity=diesel_l, unit="l")
    return account


def test_the_list_shows_each_years_totals_with_the_change_from_the_year_before(
    client, alice, organisation_a
):
    # 1 000 l diesel × 2.66 kg CO2e/l = 2 660 kg = 2,66 t; 500 l = 1,33 t, a change of −50 %
    _account(organisation_a, 2022, diesel_l=1000, status=ClimateAccount.Status.APPROVED)
    _account(organisation_a, 2023, diesel_l=500)
    client.force_login(alice)

    response = client.get(reverse("accounting:account_list", args=[organisation_a.pk]))

    rows = response.context["trend"]
    assert [row.year for row in rows] == [2022, 2023]
    assert [row.is_approved for row in rows] == [True, False]
    assert rows[0].totals.scope1_kg == pytest.approx(2660.0)
    assert rows[0].change_location is None
    assert rows[1].change_location.percent == pytest.approx(-50.0)
    text = response.content.decode()
    assert "2,66" in text and "1,33" in text
    assert "-50,0 %" in text
    assert '<svg class="kn-chart__svg"' in text and 'role="img"' in text
    assert "2023*" in text  # not approved yet, marked in the chart and the table
    bars = response.context["trend_chart"].bars
    assert [bar.label for bar in bars] == ["2022", "2023*"]


def test_an_organisation_without_accounts_gets_no_chart(client, alice, organisation_a):
    client.force_login(alice)
    response = client.get(reverse("accounting:account_list", args=[organisation_a.pk]))
    assert response.context["trend_chart"] is None
    assert "kn-chart" not in response.content.decode()


def _queries_for_page(client, organisation) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounting:account_list", args=[organisation.pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_number_of_accounts(client, alice, organisation_a):
    client.force_login(alice)
    for year in (2020, 2021):
        _account(organisation_a, year, diesel_l=100)
    with_two = _queries_for_page(client, organisation_a)
    for year in (2022, 2023, 2024, 2025):
        _account(organisation_a, year, diesel_l=100)
    with_six = _queries_for_page(client, organisation_a)
    assert len(_page_rows(client, organisation_a)) == 6
    assert with_six == with_two


def _page_rows(client, organisation):
    return client.get(reverse("accounting:account_list", args=[organisation.pk])).context["trend"]
