"""The secretariat's overview of the network: every active partner's scorecard for a year, with
totals, filters, CSV/XLSX export, and a fixed number of queries."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport, Target
from klimanett.climateplans.services import create_target
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import Certification, Commitment, CommitmentStatus, Membership
from tests.builders import make_account, make_membership, make_organisation

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("climateplans_network")
APPROVED = ClimateAccount.Status.APPROVED


@pytest.fixture
def admin_client(verified_client, sekretariat):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def target(organisation, *, base_year=2022, reduction=50):
    return create_target(
        organisation=organisation,
        title=f"{reduction} % kutt innen 2030",
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.ABSOLUTE,
        # scopes 1 and 2 (diesel only, so the direct emissions): a target of scope 1 alone is
        # not judged against the 1.5 °C pace
        scopes=Target.Scopes.SCOPES_1_2,
        base_year=base_year,
        target_year=2030,
        reduction_percent=Decimal(reduction),
        target_share_percent=None,
        by=None,
    )


def accounts(organisation, litres_by_year):
    for year, litres in litres_by_year.items():
        make_account(organisation, year, [("diesel", litres, "l")], status=APPROVED)


@pytest.fixture
def network(organisation_a, organisation_b):
    """2024: A is on track with a 1.5 °C-aligned target; B is behind a 20 % target (not
    aligned); C (a municipal body in Porsgrunn) has no target; D has a target from 2024 and no
    later account. E is a prospect and F a collaborator: neither is listed."""
    accounts(organisation_a, {2022: 1000, 2024: 700})
    target(organisation_a)
    accounts(organisation_b, {2022: 1000, 2024: 990})
    target(organisation_b, reduction=20)
    c = make_organisation(
        name="Cirkel Eiendom KF",
        kind="municipality",
        municipality=Municipality.objects.get(number="4001"),
    )
    make_membership(c)
    accounts(c, {2024: 500})
    d = make_organisation(name="Delta Drift AS")
    make_membership(d)
    accounts(d, {2024: 400})
    target(d, base_year=2024)
    e = make_organisation(name="Epsilon Energi AS")
    make_membership(e, status=Membership.Status.PROSPECT, agreement_date=None)
    f = make_organisation(name="Fjord Fisk AS")
    make_membership(f, type=Membership.Type.COLLABORATOR)
    return {"a": organisation_a, "b": organisation_b, "c": c, "d": d}


def names(response):
    return [card.organisation.name for card in response.context["object_list"]]


def test_overview_lists_every_active_partner_with_its_scorecard_and_totals(admin_client, network):
    response = admin_client.get(OVERVIEW, {"year": "2024"})

    assert response.status_code == 200
    assert names(response) == [
        "Alfa Klimaservice AS",
        "Beta Energi AS",
        "Cirkel Eiendom KF",
        "Delta Drift AS",
    ]
    totals = response.context["totals"]
    assert (totals.partners, totals.with_target, totals.aligned) == (4, 3, 2)
    assert (totals.on_track, totals.behind, totals.no_data) == (1, 1, 1)
    page = response.content.decode()
    assert "The network in 2024" in page
    assert "Behind" in page and "On track" in page and "No target" in page
    assert "where someone from the partner was checked in" in page
    scorecard = reverse("climateplans:scorecard", args=[network["a"].pk])
    assert f'href="{scorecard}?year=2024"' in page
    # The results alone, as the filters fetch them, with the totals.
    results = admin_client.get(reverse("climateplans_network_results"), {"year": "2024"})
    assert results.status_code == 200
    assert "The network in 2024" in results.content.decode()


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ("on_track", ["Alfa Klimaservice AS"]),
        ("behind", ["Beta Energi AS"]),
        ("no_target", ["Cirkel Eiendom KF"]),
        ("no_data", ["Delta Drift AS"]),
        ("not_aligned", ["Beta Energi AS", "Cirkel Eiendom KF"]),
    ],
)
def test_overview_filters_on_progress_and_keeps_the_totals(
    admin_client, network, progress, expected
):
    response = admin_client.get(OVERVIEW, {"year": "2024", "progress": progress})

    assert names(response) == expected
    assert response.context["totals"].partners == 4


def test_overview_filters_on_municipality_and_kind(admin_client, network):
    porsgrunn = Municipality.objects.get(number="4001")

    by_place = admin_client.get(OVERVIEW, {"year": "2024", "municipality": porsgrunn.pk})
    by_kind = admin_client.get(OVERVIEW, {"year": "2024", "kind": "company"})

    assert names(by_place) == ["Cirkel Eiendom KF"]
    assert by_place.context["totals"].partners == 1
    assert "Cirkel Eiendom KF" not in names(by_kind)
    assert len(names(by_kind)) == 3


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


EXPECTED_HEADER = [
    "Organisation",
    "Organisation number",
    "Municipality",
    "Kind",
    "Year",
    "Climate account delivered",
    "Active targets",
    "1.5 °C-aligned target",
    "Progress",
    "Action plan up to date",
    "Environmental certification valid",
    "Network meetings attended",
    "Commitments assessed",
    "Commitments in the agreement",
]


def test_overview_exports_the_filtered_list_to_csv(admin_client, network):
    response = admin_client.get(OVERVIEW, {"year": "2024", "progress": "behind", "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nettverksoversikt.csv"'
    rows = read_csv(response)
    assert rows[0] == EXPECTED_HEADER
    total = str(Commitment.objects.filter(is_active=True).count())
    assert rows[1:] == [
        [
            "Beta Energi AS",
            network["b"].org_number,
            network["b"].municipality.name,
            "Company",
            "2024",
            "Yes",
            "1",
            "No",
            "Behind",
            "No",
            "No",
            "0",
            "0",
            total,
        ]
    ]


def test_overview_exports_to_xlsx(admin_client, network):
    response = admin_client.get(OVERVIEW, {"year": "2024", "export": "xlsx"})

    assert 'filename="nettverksoversikt.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPECTED_HEADER
    assert [row[0] for row in rows[1:]] == [
        "Alfa Klimaservice AS",
        "Beta Energi AS",
        "Cirkel Eiendom KF",
        "Delta Drift AS",
    ]
    assert rows[1][8] == "On track"
    assert rows[1][6] == 1


def test_a_partners_formula_in_its_name_is_exported_to_csv_as_plain_text(admin_client, network):
    network["c"].name = '=HYPERLINK("http://evil.example")'
    network["c"].save()

    rows = read_csv(admin_client.get(OVERVIEW, {"year": "2024", "export": "csv"}))

    assert '\'=HYPERLINK("http://evil.example")' in [row[0] for row in rows]


def test_overview_defaults_to_last_year(admin_client, network):
    response = admin_client.get(OVERVIEW)

    assert response.context["year"] == datetime.date.today().year - 1


# --- Access ----------------------------------------------------------------------------------


def _is_refused(response, client) -> bool:
    """403, a redirect to the log-in page, or Wagtail's redirect to the dashboard with an error
    (for a logged-in user without access)."""
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    location = response["Location"]
    if location == reverse("wagtailadmin_home"):
        return True
    if not location.startswith(reverse("core:login")):
        return False
    login_page = client.get(location)
    return login_page.status_code == (403 if response.wsgi_request.user.is_authenticated else 200)


@pytest.mark.parametrize("user", ["alice", "anonymous"])
def test_partner_contact_and_anonymous_cannot_reach_the_overview(client, network, request, user):
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))

    for params in ({"year": "2024"}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(OVERVIEW, params)
        assert _is_refused(response, client), params
        assert not response.streaming


def test_the_menu_shows_the_overview_to_the_secretariat(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert OVERVIEW in page


# --- Query counts ----------------------------------------------------------------------------


def _partners(count: int, start: int) -> None:
    """Partners with two accounts, a target, a followed-up plan, a certificate and a
    self-assessment: everything the overview reads."""
    commitments = list(Commitment.objects.filter(is_active=True))
    for n in range(start, start + count):
        organisation = make_organisation(name=f"Bedrift {n:02d} AS")
        make_membership(organisation)
        accounts(organisation, {2022: 1000, 2024: 600 + 50 * n})
        target(organisation)
        plan = ActionPlan.objects.create(organisation=organisation)
        measure = Measure.objects.create(
            plan=plan,
            title="Elbiler",
            category=Measure.Category.TRANSPORT,
            expected_reduction_t=Decimal(1),
            start_year=2024,
        )
        StatusReport.objects.create(
            measure=measure, reported_on=datetime.date(2024, 6, 1), status="in_progress"
        )
        Certification.objects.create(
            organisation=organisation, scheme="miljofyrtarn", valid_until=datetime.date(2027, 1, 1)
        )
        CommitmentStatus.objects.bulk_create(
            CommitmentStatus(organisation=organisation, commitment=c, year=2024)
            for c in commitments
        )


def _queries_for(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(OVERVIEW, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "2024"},
        {"year": "2024", "progress": "behind", "kind": "company"},
        {"year": "2024", "export": "csv"},
        {"year": "2024", "export": "xlsx"},
    ],
    ids=["listing", "filtered", "csv", "xlsx"],
)
def test_number_of_queries_does_not_grow_with_the_number_of_partners(admin_client, params):
    _partners(3, 0)
    _queries_for(admin_client, params)  # warm caches (content types, site root)
    with_three = _queries_for(admin_client, params)

    _partners(9, 3)
    with_twelve = _queries_for(admin_client, params)

    assert len(admin_client.get(OVERVIEW, {"year": "2024"}).context["object_list"]) == 12
    assert with_twelve == with_three
