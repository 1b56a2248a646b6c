"""Restating past years: every year old and new side by side, each year's change split into
activity, factor and boundary effects, and all years restated in one confirmed step."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from klimanett.accounting.models import BaseYear, ClimateAccount
from klimanett.accounting.services import choose_base_year
from klimanett.core.models import AuditEntry
from tests.builders import make_account

APPROVED, SUBMITTED = ClimateAccount.Status.APPROVED, ClimateAccount.Status.SUBMITTED


def _url(organisation):
    return reverse("accounting:organisation_restatement", args=[organisation.pk])


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def years(alice, organisation_a, newer_factor_set):
    """NO-2025.1: diesel 2.66 kg/l; electricity 0.019 kg/kWh in 2022, 0.015 in 2023
    (location-based); taxi 0.14861 kg/pkm. NO-2026.1 has diesel × 1.1 = 2.926 kg/l.

    2022 (approved, the base year): 1 000 l diesel, 10 000 kWh → 2 660 + 190 = 2 850 kg
    2023 (submitted): 800 l, 12 000 kWh, 500 pkm taxi → 2 128 + 180 + 74.305 = 2 382.305 kg
    2024 (draft, started with NO-2026.1): 800 l diesel → 2 340.8 kg
    """
    accounts = {
        2022: make_account(
            organisation_a,
            2022,
            [("diesel", 1000, "l"), ("electricity", 10_000, "kWh")],
            status=APPROVED,
        ),
        2023: make_account(
            organisation_a,
            2023,
            [("diesel", 800, "l"), ("electricity", 12_000, "kWh"), ("taxi", 500, "pkm")],
            status=SUBMITTED,
        ),
    }
    choose_base_year(organisation=organisation_a, year=2022, by=alice)
    newer_factor_set({"diesel": 1.1})
    accounts[2024] = make_account(
        organisation_a, 2024, [("diesel", 800, "l")], factor_set="NO-2026.1"
    )
    return accounts


def test_each_year_is_shown_old_and_new_with_its_change_split(english_client, alice, years):
    english_client.force_login(alice)

    response = english_client.get(_url(years[2022].organisation))

    restatement = response.context["restatement"]
    assert restatement.version == "NO-2026.1"
    rows = {row.account.year: row for row in restatement.years}
    # 2022 with NO-2026.1: 2 926 + 190 = 3 116 (+266); 2023: 2 340.8 + 180 + 74.305 = 2 595.105
    assert rows[2022].restated.location.old_kg == pytest.approx(2850)
    assert rows[2022].restated.location.new_kg == pytest.approx(3116)
    assert rows[2023].restated.location.new_kg == pytest.approx(2595.105)
    assert rows[2024].restated.location.factor_kg == 0
    assert [rows[year].needs_restating for year in (2022, 2023, 2024)] == [True, True, False]

    reported = rows[2023].reported_change.location
    # 2022 → 2023 each with NO-2025.1: −467.695 = activity (800 − 1 000) × 2.66 +
    # (12 000 − 10 000) × 0.019 = −494, factor (0.015 − 0.019) × 12 000 = −48, taxi +74.305
    assert reported.change.absolute_kg == pytest.approx(-467.695)
    assert (reported.activity_kg, reported.factor_kg, reported.boundary_kg) == pytest.approx(
        (-494, -48, 74.305)
    )
    restated = rows[2023].restated_change.location
    # both with NO-2026.1: activity −200 × 2.926 + 38 = −547.2, factor −48, boundary +74.305
    assert (restated.activity_kg, restated.factor_kg, restated.boundary_kg) == pytest.approx(
        (-547.2, -48, 74.305)
    )
    # 2023 → 2024 as reported looks like a cut of 41.505 kg, but the new set adds 212.8 kg and
    # the lines left out take away 254.305; restated, the factor effect is gone.
    as_reported = rows[2024].reported_change.location
    assert as_reported.factor_kg == pytest.approx(212.8)
    assert as_reported.boundary_kg == pytest.approx(-254.305)
    assert rows[2024].restated_change.location.factor_kg == 0
    assert rows[2022].reported_change is None

    page = response.content.decode()
    assert "Restate past years with NO-2026.1" in page
    assert "2.85" in page and "3.12" in page and "+0.27" in page
    assert "-0.47 (-16.4 %)" in page  # 2022 → 2023 as reported
    assert "2 accounts will be calculated with NO-2026.1 from now on" in page
    assert "The base year 2022 is recorded anew" in page


def test_confirming_restates_every_past_year_and_the_base_year_at_once(
    english_client, alice, years
):
    organisation = years[2022].organisation
    english_client.force_login(alice)

    response = english_client.post(_url(organisation), {"version": "NO-2026.1"})

    assert response["Location"] == reverse("accounting:account_list", args=[organisation.pk])
    assert _messages(response) == [
        "2 accounts are now calculated with NO-2026.1.",
        "The base year 2022 is recorded anew with NO-2026.1.",
    ]
    for account in years.values():
        account.refresh_from_db()
        assert account.factor_set == "NO-2026.1"
    # restated by the partner, the approved 2022 goes back to the secretariat for approval
    assert [years[y].status for y in (2022, 2023, 2024)] == [SUBMITTED, SUBMITTED, "draft"]
    assert years[2022].approved_at is None
    entries = AuditEntry.objects.filter(action="climate_account.restated").order_by("pk")
    assert [e.object_id for e in entries] == [str(years[2022].pk), str(years[2023].pk)]
    assert entries[0].data["old_totals"]["total_location_kg"] == pytest.approx(2850)
    assert entries[0].data["new_totals"]["total_location_kg"] == pytest.approx(3116)
    assert entries[0].data["past_years_restated_together"] is True
    base_year = BaseYear.objects.get()
    assert (base_year.factor_set, base_year.total_location_kg) == ("NO-2026.1", pytest.approx(3116))

    page = english_client.get(_url(organisation)).content.decode()
    assert "All your accounts are calculated with NO-2026.1." in page
    assert 'name="version"' not in page


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("NO-2025.1", "NO-2025.1 is not a newer emission factor set than NO-2026.1."),  # 2024's
        ("NO-1999.1", "NO-1999.1 is not a newer emission factor set than NO-2025.1."),
        ("", "– is not a newer emission factor set than NO-2025.1."),
    ],
)
def test_a_version_older_than_an_account_or_unknown_changes_nothing(
    english_client, alice, years, version, message
):
    english_client.force_login(alice)

    response = english_client.post(_url(years[2022].organisation), {"version": version})

    assert response["Location"] == _url(years[2022].organisation)
    assert _messages(response) == [f"{message} Nothing was changed."]
    assert [a.factor_set for a in ClimateAccount.objects.order_by("year")] == [
        "NO-2025.1",
        "NO-2025.1",
        "NO-2026.1",
    ]
    assert not AuditEntry.objects.filter(action="climate_account.restated").exists()
    assert BaseYear.objects.get().factor_set == "NO-2025.1"


def test_a_year_the_new_set_cannot_calculate_leaves_every_year_as_it_was(
    english_client, alice, organisation_a, newer_factor_set
):
    make_account(organisation_a, 2022, [("diesel", 1000, "l")], status=APPROVED)
    make_account(organisation_a, 2023, [("taxi", 500, "pkm")], status=SUBMITTED)
    newer_factor_set({"diesel": 1.1}, without=("taxi",))
    english_client.force_login(alice)
    message = (
        "These activities cannot be calculated with NO-2026.1: taxi (pkm). Nothing was changed."
    )

    page = english_client.get(_url(organisation_a))
    response = english_client.post(_url(organisation_a), {"version": "NO-2026.1"})

    assert page["Location"] == reverse("accounting:account_list", args=[organisation_a.pk])
    assert _messages(response) == [message, message]
    # 2022 came first and could be restated, but the step is all or nothing
    assert set(ClimateAccount.objects.values_list("factor_set", flat=True)) == {"NO-2025.1"}
    assert not AuditEntry.objects.filter(action="climate_account.restated").exists()
