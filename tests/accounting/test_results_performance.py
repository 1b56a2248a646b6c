"""Issue 3, item 11: the results page of an account of 200 lines renders with at most 15 SQL
queries, plus the one query of the sector comparison (issue 8, item 4: `benchmark.load` reads
all the peers at once), so 16. The time (under 150 ms) is measured by
bench/bench_results_page.py, not here."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from klimanett.accounting import services
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core import audit
from klimanett.core.models import User
from tests.builders import make_contact, make_membership, make_organisation, make_user

# Real activities of NO-2025.1 with units the engine converts; every pair must resolve.
ACTIVITIES: list[tuple[str, str, Decimal]] = [
    ("diesel", "l", Decimal("1200")),
    ("petrol", "l", Decimal("340.5")),
    ("electricity", "kWh", Decimal("85000")),
    ("electricity", "MWh", Decimal("12.5")),
    ("district_heating", "kWh", Decimal("42000")),
    ("district_heating", "MWh", Decimal("3.2")),
    ("flight_domestic", "pkm", Decimal("5400")),
    ("flight_short_haul", "pkm", Decimal("2100")),
    ("rail", "pkm", Decimal("800")),
    ("taxi", "pkm", Decimal("150")),
    ("car_petrol", "km", Decimal("2300")),
    ("heating_oil", "l", Decimal("600")),
    ("natural_gas", "Sm3", Decimal("900")),
    ("lpg", "kg", Decimal("250")),
    ("wood_pellets", "kWh", Decimal("15000")),
    ("waste_residual_incineration", "t", Decimal("4.2")),
    ("waste_residual_incineration", "kg", Decimal("350")),
    ("waste_sorted_recycling", "t", Decimal("2.5")),
    ("paper", "t", Decimal("0.8")),
    ("water_supply", "m3", Decimal("1200")),
]
LINES = 200


def build_results_page_data() -> tuple[User, ClimateAccount]:
    """An organisation with a contact, its approved account for 2023 (its base year) and its
    draft for 2024, each of 200 lines cycling through ACTIVITIES (so each pair appears ten
    times), and two steps in the draft's audit history. Also used by bench/bench_results_page.py."""
    organisation = make_organisation(name="Ytelse Testbedrift AS", employees=40)
    make_membership(organisation)
    user = make_user(email="ytelse@example.no", first_name="Ylva", last_name="Ytelse")
    make_contact(user, organisation, is_primary=True)
    year = 2024
    previous = ClimateAccount.objects.create(
        organisation=organisation,
        year=year - 1,
        status=ClimateAccount.Status.APPROVED,
        submitted_at=timezone.now() - datetime.timedelta(days=300),
        approved_at=timezone.now() - datetime.timedelta(days=290),
    )
    current = ClimateAccount.objects.create(
        organisation=organisation,
        year=year,
        employees=40,
        revenue_nok=Decimal("52000000"),
        heated_area_m2=Decimal("1800"),
    )
    AccountLine.objects.bulk_create(
        [
            AccountLine(
                account=account,
                activity=activity,
                quantity=quantity * factor,
                unit=unit,
                note=f"Faktura {n}" if n % 3 == 0 else "",
                order=n,
            )
            for account, factor, count in ((previous, Decimal("1.1"), LINES), (current, 1, LINES))
            for n, (activity, unit, quantity) in (
                (n, ACTIVITIES[n % len(ACTIVITIES)]) for n in range(count)
            )
        ]
    )
    for action in ("climate_account.created", "climate_account.updated"):
        audit.record(current, action, by=user)  # the history names who did each step
    # The page also compares the draft with the base year, the costliest case.
    services.choose_base_year(organisation=organisation, year=year - 1, by=user)
    return user, current


def test_the_results_page_of_an_account_of_200_lines_takes_at_most_16_queries(
    client, db, django_assert_max_num_queries
):
    user, account = build_results_page_data()
    client.force_login(user)
    url = reverse("accounting:account_detail", args=[account.pk])

    with django_assert_max_num_queries(15 + 1):  # + the sector comparison's one query
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["result"].lines) == LINES
    text = response.content.decode()
    assert text.count("Faktura ") == len(range(0, LINES, 3))  # every line's note is shown
    # Scope 1, ten lines of each fuel (factors of NO-2025.1 in kg CO2e per unit):
    # diesel 1 200 l × 2.66 = 3 192; petrol 340.5 l × 2.32 = 789.96; heating oil 600 l × 2.66
    # = 1 596; natural gas 900 Sm³ × 1.99 = 1 791; LPG 250 kg × 3.0 = 750; wood pellets
    # 15 000 kWh × 0.006 = 90. Sum 8 208.96 kg, × 10 = 82 089.6 kg = 82,09 t.
    assert response.context["result"].totals.scope1_kg == pytest.approx(82_089.6)
    start = text.index('id="totals-heading"')
    totals_table = text[start : text.index("</table>", start)]
    assert totals_table.count(">82,09<") == 2  # location- and market-based columns
    # Biogenic CO2 outside the scopes: 10 × 15 000 kWh × 0.35 kg/kWh = 52 500 kg = 52,50 t.
    assert "52,50 t" in text
    assert "(Ylva Ytelse)" in text  # the history names the actor of each step
