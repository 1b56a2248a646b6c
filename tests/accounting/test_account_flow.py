"""A partner enters, reads and submits a year's climate account; the secretariat approves it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core.models import AuditEntry


def _lines_data(rows, *, existing=0):
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": str(existing),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "employees": "20",
        "revenue_nok": "",
        "heated_area_m2": "",
    }
    for i, (activity, quantity, unit) in enumerate(rows):
        data |= {
            f"lines-{i}-activity": activity,
            f"lines-{i}-quantity": quantity,
            f"lines-{i}-unit": unit,
            f"lines-{i}-note": "",
        }
    return data


@pytest.fixture
def account_of_a(organisation_a):
    return ClimateAccount.objects.create(organisation=organisation_a, year=2023)


def test_contact_starts_an_account_and_enters_lines_the_norwegian_way(
    client, alice, organisation_a
):
    client.force_login(alice)
    response = client.post(
        reverse("accounting:account_list", args=[organisation_a.pk]),
        {"year": datetime.date.today().year - 1, "copy_last_year": "on"},
    )
    account = ClimateAccount.objects.get(organisation=organisation_a)
    assert response["Location"] == reverse("accounting:account_edit", args=[account.pk])

    response = client.post(
        reverse("accounting:account_edit", args=[account.pk]),
        _lines_data([("diesel", "1 000", "l"), ("electricity", "10,5", "MWh")]),
    )

    assert response.status_code == 302, response.context and response.context["lines"].errors
    quantities = sorted(account.lines.values_list("activity", "quantity", "unit"))
    assert quantities == [("diesel", Decimal("1000"), "l"), ("electricity", Decimal("10.5"), "MWh")]
    assert AuditEntry.objects.filter(action="climate_account.updated", actor=alice).exists()


def test_results_show_hand_worked_totals_with_factors_and_sources(client, alice, account_of_a):
    AccountLine.objects.create(account=account_of_a, activity="diesel", quantity=1000, unit="l")
    client.force_login(alice)
    page = client.get(account_of_a.get_absolute_url())
    result = page.context["result"]
    # 1 000 l diesel × 2.66 kg CO2e/l (NO-2025.1, Miljødirektoratet) = 2 660 kg = 2.66 t
    assert result.totals.scope1_kg == pytest.approx(2660.0)
    text = page.content.decode()
    assert "2,66" in text
    assert "miljodirektoratet.no" in text


def test_an_incompatible_unit_or_a_negative_quantity_saves_nothing(client, alice, account_of_a):
    client.force_login(alice)
    url = reverse("accounting:account_edit", args=[account_of_a.pk])
    for rows in ([("diesel", "100", "km")], [("diesel", "-5", "l")], [("diesel", "mye", "l")]):
        response = client.post(url, _lines_data(rows))
        assert response.status_code == 200
        assert response.context["lines"].total_error_count() == 1
    assert not AccountLine.objects.exists()
    assert (
        "kan ikke brukes"
        in client.post(url, _lines_data([("diesel", "100", "km")])).content.decode()
    )


def test_last_years_lines_are_copied_into_a_new_account(
    client, alice, organisation_a, account_of_a
):
    AccountLine.objects.create(account=account_of_a, activity="diesel", quantity=700, unit="l")
    client.force_login(alice)
    client.post(
        reverse("accounting:account_list", args=[organisation_a.pk]),
        {"year": 2024, "copy_last_year": "on"},
    )
    new = ClimateAccount.objects.get(organisation=organisation_a, year=2024)
    assert list(new.lines.values_list("activity", "quantity")) == [("diesel", Decimal("700"))]


def test_submitted_account_is_locked_and_the_secretariat_approves_it(
    client, alice, sekretariat, verified_client, account_of_a
):
    AccountLine.objects.create(account=account_of_a, activity="diesel", quantity=10, unit="l")
    client.force_login(alice)
    client.post(
        reverse("accounting:account_submit", args=[account_of_a.pk]),
        # the checks find no electricity: that needs an explanation
        {"explanation-no_electricity:electricity": "Strømmen er med i husleien."},
    )
    account_of_a.refresh_from_db()
    assert account_of_a.status == "submitted"
    assert account_of_a.submitted_by == alice
    edit = client.post(
        reverse("accounting:account_edit", args=[account_of_a.pk]),
        _lines_data([("diesel", "1", "l")]),
    )
    assert edit.status_code == 302
    assert account_of_a.lines.get().quantity == 10

    # A contact cannot approve their own account.
    review = reverse("accounting:account_review", args=[account_of_a.pk])
    assert client.post(review, {"decision": "approve"}).status_code == 403

    secretariat = verified_client(sekretariat)
    secretariat.post(review, {"decision": "approve"})
    account_of_a.refresh_from_db()
    assert account_of_a.status == "approved"
    assert account_of_a.approved_by == sekretariat
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"climate_account.submitted", "climate_account.approved"} <= actions


def test_an_empty_account_cannot_be_submitted(client, alice, account_of_a):
    client.force_login(alice)
    client.post(reverse("accounting:account_submit", args=[account_of_a.pk]))
    account_of_a.refresh_from_db()
    assert account_of_a.status == "draft"


def test_secretariat_sends_an_account_back_with_a_reason(
    verified_client, sekretariat, account_of_a
):
    account_of_a.status = "submitted"
    account_of_a.submitted_at = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    account_of_a.save()
    client = verified_client(sekretariat)
    client.post(
        reverse("accounting:account_review", args=[account_of_a.pk]),
        {"decision": "return", "reason": "Strøm mangler"},
    )
    account_of_a.refresh_from_db()
    assert account_of_a.status == "draft"
    assert AuditEntry.objects.get(action="climate_account.returned").data == {
        "reason": "Strøm mangler"
    }


def test_last_year_is_offered_first_and_quantities_show_as_entered(client, alice, account_of_a):
    AccountLine.objects.create(
        account=account_of_a, activity="diesel", quantity=Decimal("12500.5"), unit="l"
    )
    client.force_login(alice)
    form = client.get(
        reverse("accounting:account_list", args=[account_of_a.organisation_id])
    ).context["form"]
    this_year = datetime.date.today().year
    assert form.fields["year"].choices[0] == (this_year - 1, this_year - 1)
    assert "12\xa0500,5 l" in client.get(account_of_a.get_absolute_url()).content.decode()
