"""The secretariat follows up climate accounts in the back office: list, filter, export, late."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import Membership
from tests.builders import make_membership, make_organisation

ACCOUNTS = reverse("climate_accounts:index")
LATE = reverse("climate_accounts_late")


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    # In English, so that the test does not depend on the state of the catalogues.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def make_account(organisation, *, year=2024, status="draft", lines=(("diesel", 1000, "l"),)):
    submitted = status != ClimateAccount.Status.DRAFT
    account = ClimateAccount.objects.create(
        organisation=organisation,
        year=year,
        status=status,
        submitted_at=timezone.now() if submitted else None,
    )
    for activity, quantity, unit in lines:
        AccountLine.objects.create(
            account=account, activity=activity, quantity=Decimal(quantity), unit=unit
        )
    return account


@pytest.fixture
def accounts(organisation_a, organisation_b):
    """A's account for 2024 is submitted (1 000 l diesel: 2.66 t); B's is a draft, and B is in
    another municipality."""
    organisation_b.municipality = Municipality.objects.exclude(
        pk=organisation_a.municipality_id
    ).first()
    organisation_b.save()
    return {
        "a": make_account(organisation_a, status=ClimateAccount.Status.SUBMITTED),
        "a_2023": make_account(organisation_a, year=2023, status=ClimateAccount.Status.APPROVED),
        "b": make_account(organisation_b, lines=[("diesel", 500, "l")]),
    }


def listed(response) -> list[ClimateAccount]:
    return list(response.context["object_list"])


def _read_csv(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


# --- Listing ----------------------------------------------------------------------------------


def test_secretariat_lists_accounts_with_status_and_totals_in_tonnes(admin_client, accounts):
    response = admin_client.get(ACCOUNTS)

    assert response.status_code == 200
    assert set(listed(response)) == set(accounts.values())
    page = response.content.decode()
    assert "Alfa Klimaservice AS" in page
    assert "Beta Energi AS" in page
    assert "2.66" in page  # 1 000 l diesel × 2.66 kg CO2e/l = 2 660 kg = 2.66 t


def test_secretariat_filters_accounts_by_year_status_and_municipality(admin_client, accounts):
    assert listed(admin_client.get(ACCOUNTS, {"year": "2023"})) == [accounts["a_2023"]]
    assert set(listed(admin_client.get(ACCOUNTS, {"status": "draft"}))) == {accounts["b"]}
    elsewhere = accounts["b"].organisation.municipality
    assert listed(admin_client.get(ACCOUNTS, {"municipality": elsewhere.pk})) == [accounts["b"]]


def test_secretariat_finds_accounts_by_organisation_name(admin_client, accounts):
    assert listed(admin_client.get(ACCOUNTS, {"q": "beta"})) == [accounts["b"]]


def test_secretariat_inspects_an_account_and_finds_the_way_to_approve_it(admin_client, accounts):
    account = accounts["a"]
    response = admin_client.get(reverse("climate_accounts:inspect", args=[account.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert account.get_absolute_url() in page
    assert "2.66" in page


def test_the_back_office_has_no_add_edit_or_delete_for_accounts(admin_client, accounts):
    page = admin_client.get(ACCOUNTS).content.decode()

    assert "/admin/climate_accounts/add/" not in page
    assert admin_client.get("/admin/climate_accounts/add/").status_code == 404
    assert admin_client.get(f"/admin/climate_accounts/edit/{accounts['a'].pk}/").status_code == 404
    assert admin_client.post(f"/admin/climate_accounts/delete/{accounts['a'].pk}/").status_code == (
        404
    )
    assert ClimateAccount.objects.count() == 3


def test_secretariat_finds_climate_accounts_and_the_late_list_in_the_menu(admin_client):
    page = admin_client.get("/admin/").content.decode()

    assert ACCOUNTS in page
    assert LATE in page


# --- Exports ----------------------------------------------------------------------------------

EXPECTED_HEADER = [
    "Organisation",
    "Organisation number",
    "Municipality",
    "Year",
    "Status",
    "Submitted",
    "Emission factor set",
    "Total, location-based (t CO2e)",
    "Total, market-based (t CO2e)",
]


def test_account_list_exports_to_csv_with_totals(admin_client, accounts, organisation_a):
    response = admin_client.get(ACCOUNTS, {"export": "csv", "year": "2024"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="klimaregnskap.csv"'
    rows = _read_csv(response)
    assert rows[0] == EXPECTED_HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Alfa Klimaservice AS", "Beta Energi AS"}
    alfa = by_name["Alfa Klimaservice AS"]
    assert alfa[1] == organisation_a.org_number
    assert alfa[3:5] == ["2024", "Submitted"]
    assert alfa[5] == timezone.localdate().isoformat()
    assert float(alfa[7]) == pytest.approx(2.66)
    assert float(alfa[8]) == pytest.approx(2.66)
    beta = by_name["Beta Energi AS"]
    assert beta[2] == accounts["b"].organisation.municipality.name
    assert beta[4:6] == ["Draft", ""]
    assert float(beta[7]) == pytest.approx(1.33)


def test_account_list_exports_to_xlsx_with_the_filtered_accounts(admin_client, accounts):
    response = admin_client.get(ACCOUNTS, {"export": "xlsx", "status": "submitted"})

    assert response.status_code == 200
    assert 'filename="klimaregnskap.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPECTED_HEADER
    assert len(rows) == 2
    assert rows[1][0] == "Alfa Klimaservice AS"
    assert rows[1][3] == 2024
    assert rows[1][7] == pytest.approx(2.66)


def test_a_partners_formula_in_its_name_is_exported_to_csv_as_plain_text(admin_client, accounts):
    organisation = accounts["b"].organisation
    organisation.name = '=HYPERLINK("http://evil.example")'
    organisation.save()

    rows = _read_csv(admin_client.get(ACCOUNTS, {"export": "csv", "status": "draft"}))

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'


# --- Query counts -----------------------------------------------------------------------------


def _accounts_with_lines(count: int) -> None:
    for n in range(count):
        organisation = make_organisation(name=f"Bedrift {n:02d} AS")
        make_account(
            organisation,
            status=ClimateAccount.Status.SUBMITTED,
            lines=[("diesel", 100 + n, "l"), ("electricity", 10, "MWh"), ("petrol", 5, "l")],
        )


def _queries_for(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"export": "csv"}, {"export": "xlsx"}, {"year": "2024", "q": "Bedrift"}],
    ids=["listing", "csv", "xlsx", "filtered-listing"],
)
def test_number_of_queries_does_not_grow_with_the_number_of_accounts(admin_client, params):
    _accounts_with_lines(3)
    _queries_for(admin_client, ACCOUNTS, params)  # warm caches (content types, site root)
    with_three = _queries_for(admin_client, ACCOUNTS, params)

    _accounts_with_lines(7)
    with_ten = _queries_for(admin_client, ACCOUNTS, params)

    assert ClimateAccount.objects.count() == 10
    assert with_ten == with_three


# --- Who is late ------------------------------------------------------------------------------


@pytest.fixture
def partners_for_2024(organisation_a, organisation_b):
    """A submitted, B has a draft, C has nothing, D approved; E is a prospect, F a collaborator,
    G's membership has ended: only B and C are late."""
    make_account(organisation_a, status=ClimateAccount.Status.SUBMITTED)
    make_account(organisation_b)
    c = make_organisation(name="Cirkel Bygg AS")
    make_membership(c)
    make_account(c, year=2023, status=ClimateAccount.Status.APPROVED)  # another year
    d = make_organisation(name="Delta Drift AS")
    make_membership(d)
    make_account(d, status=ClimateAccount.Status.APPROVED)
    e = make_organisation(name="Epsilon Energi AS")
    make_membership(e, status=Membership.Status.PROSPECT, agreement_date=None)
    f = make_organisation(name="Fjord Fisk AS")
    make_membership(f, type=Membership.Type.COLLABORATOR)
    return {"b": organisation_b, "c": c}


def test_late_list_shows_active_partners_without_a_submitted_account(
    admin_client, partners_for_2024
):
    response = admin_client.get(LATE, {"year": "2024"})

    assert response.status_code == 200
    assert set(listed(response)) == {partners_for_2024["b"], partners_for_2024["c"]}
    page = response.content.decode()
    assert "2 active partners have not submitted the account for 2024" in page
    assert "Draft started" in page
    assert "Not started" in page


def test_late_list_for_another_year_counts_every_active_partner_without_an_account(
    admin_client, partners_for_2024
):
    response = admin_client.get(LATE, {"year": "2023"})

    names = {o.name for o in listed(response)}
    assert names == {"Alfa Klimaservice AS", "Beta Energi AS", "Delta Drift AS"}


def test_late_list_exports_to_csv(admin_client, partners_for_2024):
    response = admin_client.get(LATE, {"year": "2024", "export": "csv"})

    rows = _read_csv(response)
    assert rows[0] == ["Organisation", "Organisation number", "Municipality", "Climate account"]
    assert sorted(row[0] for row in rows[1:]) == ["Beta Energi AS", "Cirkel Bygg AS"]


def test_late_list_defaults_to_last_year(admin_client, organisation_a):
    response = admin_client.get(LATE)

    assert response.status_code == 200
    assert listed(response) == [organisation_a]
    assert str(timezone.localdate().year - 1) in response.content.decode()


# --- Access -----------------------------------------------------------------------------------


def _is_refused(response, client) -> bool:
    """403, or a redirect to the log-in page, which then refuses a logged-in user with 403."""
    if response.status_code == 403:
        return True
    if response.status_code != 302 or not response["Location"].startswith(reverse("core:login")):
        return False
    login_page = client.get(response["Location"])
    return login_page.status_code == (403 if response.wsgi_request.user.is_authenticated else 200)


@pytest.mark.parametrize("user", ["alice", "anonymous"])
def test_partner_contact_and_anonymous_cannot_reach_the_accounts_or_the_late_list(
    client, accounts, request, user
):
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))
    inspect = reverse("climate_accounts:inspect", args=[accounts["a"].pk])

    for url, params in [
        (ACCOUNTS, {}),
        (ACCOUNTS, {"export": "csv"}),
        (ACCOUNTS, {"export": "xlsx"}),
        (inspect, {}),
        (LATE, {}),
        (LATE, {"export": "csv"}),
    ]:
        response = client.get(url, params)
        assert _is_refused(response, client), url
        assert not response.streaming
