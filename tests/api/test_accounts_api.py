"""The API of an organisation's own climate accounts: with a token of a contact person (only
the token owner's contact organisations, even for the secretariat) or the logged-in session
(with CSRF on writes). Figures are worked by hand from the shipped factor set."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.ghg.factors import DEFAULT_FACTOR_SET, load_factor_set
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.api.tokens import issue_token, revoke_token
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_contact

YEAR = timezone.localdate().year - 1


def factors(activity: str, unit: str, year: int = YEAR) -> tuple[float, float]:
    """kg CO2e per unit, location- and market-based, from the shipped set for the year."""
    resolved = Calculator(load_factor_set(DEFAULT_FACTOR_SET), year=year).resolve(
        activity, unit=unit
    )
    return resolved.kgco2e_location_per_unit, resolved.kgco2e_market_per_unit


def bearer(user, name="test") -> dict[str, str]:
    _token, plaintext = issue_token(user=user, name=name)
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def put_lines(client, account, lines, **headers):
    return client.put(
        f"/api/v1/accounts/{account.pk}/lines",
        json.dumps(lines),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def account_a(organisation_a):
    return make_account(organisation_a, YEAR, [("diesel", 10, "l")], factor_set=DEFAULT_FACTOR_SET)


@pytest.fixture
def account_b(organisation_b):
    return make_account(organisation_b, YEAR, [("diesel", 20, "l")], factor_set=DEFAULT_FACTOR_SET)


def test_token_reads_and_writes_own_organisation_with_hand_worked_totals(client, alice, account_a):
    auth = bearer(alice)
    lines = [
        {"activity": "diesel", "quantity": 1000, "unit": "l", "note": "Faktura"},
        {"activity": "electricity", "quantity": "20 000", "unit": "kWh"},
    ]
    response = put_lines(client, account_a, lines, **auth)
    assert response.status_code == 200, response.content
    diesel, _ = factors("diesel", "l")
    el_location, el_market = factors("electricity", "kWh")
    totals = response.json()["totals"]
    assert totals["scope1_kg"] == pytest.approx(1000 * diesel)
    assert totals["scope2_location_kg"] == pytest.approx(20_000 * el_location)
    assert totals["scope2_market_kg"] == pytest.approx(20_000 * el_market)
    assert totals["total_location_kg"] == pytest.approx(1000 * diesel + 20_000 * el_location)
    assert totals["total_market_kg"] == pytest.approx(1000 * diesel + 20_000 * el_market)
    assert [(line.activity, line.quantity, line.unit) for line in account_a.lines.all()] == [
        ("diesel", 1000, "l"),
        ("electricity", 20_000, "kWh"),
    ]
    assert AuditEntry.objects.filter(action="climate_account.imported", actor=alice).exists()

    body = client.get(f"/api/v1/accounts/{account_a.pk}", **auth).json()
    first = body["lines"][0]
    assert first["kgco2e_location"] == pytest.approx(1000 * diesel)
    assert first["location_factor"]["value"] == pytest.approx(diesel)
    assert first["location_factor"]["source_title"]
    assert first["note"] == "Faktura"
    listed = client.get(f"/api/v1/organisations/{account_a.organisation_id}/accounts", **auth)
    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    assert listed.json()["items"][0]["totals"]["scope1_kg"] == pytest.approx(1000 * diesel)


def test_token_cannot_read_or_write_another_organisation(client, alice, account_b):
    auth = bearer(alice)
    organisation_b = account_b.organisation
    assert client.get(f"/api/v1/accounts/{account_b.pk}", **auth).status_code == 404
    assert (
        client.get(f"/api/v1/organisations/{organisation_b.pk}/accounts", **auth).status_code == 404
    )
    response = put_lines(
        client, account_b, [{"activity": "diesel", "quantity": 1, "unit": "l"}], **auth
    )
    assert response.status_code == 404
    assert (
        client.post(
            f"/api/v1/organisations/{organisation_b.pk}/accounts",
            json.dumps({"year": YEAR - 1}),
            content_type="application/json",
            **auth,
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/accounts/{account_b.pk}/submit", "{}", content_type="application/json", **auth
        ).status_code
        == 404
    )
    assert list(account_b.lines.values_list("quantity", flat=True)) == [20]


def test_secretariat_token_reaches_only_its_contact_organisations(
    client, sekretariat, organisation_a, account_a, account_b
):
    make_contact(sekretariat, organisation_a)
    auth = bearer(sekretariat)
    assert client.get(f"/api/v1/accounts/{account_a.pk}", **auth).status_code == 200
    assert client.get(f"/api/v1/accounts/{account_b.pk}", **auth).status_code == 404
    response = put_lines(client, account_b, [], **auth)
    assert response.status_code == 404
    assert account_b.lines.count() == 1


def test_revoked_token_is_401(client, alice, account_a):
    token, plaintext = issue_token(user=alice, name="gammel")
    revoke_token(token=token, by=alice)
    response = client.get(
        f"/api/v1/accounts/{account_a.pk}", HTTP_AUTHORIZATION=f"Bearer {plaintext}"
    )
    assert response.status_code == 401
    assert response.json()["detail"]


def test_token_of_a_user_no_longer_contact_is_404(client, alice, account_a):
    auth = bearer(alice)
    alice.contacts.all().delete()
    assert client.get(f"/api/v1/accounts/{account_a.pk}", **auth).status_code == 404


def test_session_works_and_writes_need_csrf(alice, account_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(f"/api/v1/accounts/{account_a.pk}").status_code == 200
    lines = [{"activity": "diesel", "quantity": 5, "unit": "l"}]
    assert put_lines(client, account_a, lines).status_code == 403
    assert list(account_a.lines.values_list("quantity", flat=True)) == [10]
    client.get("/min-side/api-nokler/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = put_lines(client, account_a, lines, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    assert list(account_a.lines.values_list("quantity", flat=True)) == [5]


def test_bad_lines_are_422_by_index_and_field_and_nothing_changes(client, alice, account_a):
    auth = bearer(alice)
    response = put_lines(
        client,
        account_a,
        [
            {"activity": "diesel", "quantity": 1, "unit": "l"},
            {"activity": "unobtainium", "quantity": "mye", "unit": "l"},
            {"activity": "diesel", "quantity": -3, "unit": "kWh"},
        ],
        **auth,
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"1.activity", "1.quantity", "2.quantity"} | (
        {"2.unit"} if "2.unit" in errors else set()
    )
    assert list(account_a.lines.values_list("activity", "quantity")) == [("diesel", 10)]


def test_submitted_account_lines_cannot_be_replaced(client, alice, organisation_a):
    account = make_account(
        organisation_a, YEAR, [("diesel", 10, "l")], status=ClimateAccount.Status.SUBMITTED
    )
    response = put_lines(client, account, [], **bearer(alice))
    assert response.status_code == 409
    assert account.lines.count() == 1


def test_start_account_and_duplicate_year(client, alice, organisation_a):
    auth = bearer(alice)
    url = f"/api/v1/organisations/{organisation_a.pk}/accounts"
    response = client.post(url, json.dumps({"year": YEAR}), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    assert ClimateAccount.objects.filter(organisation=organisation_a, year=YEAR).count() == 1
    again = client.post(url, json.dumps({"year": YEAR}), content_type="application/json", **auth)
    assert again.status_code == 422
    assert "year" in again.json()["errors"]
    assert ClimateAccount.objects.filter(organisation=organisation_a, year=YEAR).count() == 1


def test_submit_asks_for_what_is_missing(client, alice, organisation_a):
    auth = bearer(alice)
    empty = make_account(organisation_a, YEAR - 1, [])
    response = client.post(
        f"/api/v1/accounts/{empty.pk}/submit", "{}", content_type="application/json", **auth
    )
    assert response.status_code == 422
    assert "lines" in response.json()["errors"]

    account = make_account(organisation_a, YEAR, [("diesel", 1000, "l")])
    checks = client.get(f"/api/v1/accounts/{account.pk}", **auth).json()["checks"]
    url = f"/api/v1/accounts/{account.pk}/submit"
    if checks:
        refused = client.post(url, json.dumps({}), content_type="application/json", **auth)
        assert refused.status_code == 422
        assert set(refused.json()["errors"]) == {f"explanations.{c['key']}" for c in checks}
    too_long = {"any_check": "x" * 2001}  # refused, not cut to 2000, whatever the key
    refused = client.post(
        url, json.dumps({"explanations": too_long}), content_type="application/json", **auth
    )
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["payload.explanations.any_check"]
    explanations = {c["key"]: "Forklart" for c in checks}
    response = client.post(
        url, json.dumps({"explanations": explanations}), content_type="application/json", **auth
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert client.post(url, "{}", content_type="application/json", **auth).status_code == 409
    assert AccountLine.objects.filter(account=account).count() == 1
