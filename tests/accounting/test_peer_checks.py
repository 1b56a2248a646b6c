"""The peers' check at submission: a quantity about 1 000 times the median of comparable
partners (a kWh/MWh or kg/tonne mix-up) must be explained, and the secretariat reads it."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from klimanett.accounting import follow_up, peers, selectors
from klimanett.accounting.models import AccountLine, ClimateAccount
from tests.builders import make_organisation

KEY = "peer_scale:electricity"
SUBMITTED = ClimateAccount.Status.SUBMITTED
APPROVED = ClimateAccount.Status.APPROVED
DRAFT = ClimateAccount.Status.DRAFT
MESSAGE = (
    "The quantity of Electricity is about 1,000 times the median of comparable partners. "
    "Check the unit (kWh or MWh, kg or tonnes)."
)


def make_account(organisation, year, lines, *, status=SUBMITTED, employees=None):
    account = ClimateAccount.objects.create(
        organisation=organisation,
        year=year,
        status=status,
        employees=employees,
        submitted_at=None
        if status == DRAFT
        else datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC),
    )
    for activity, quantity, unit in lines:
        AccountLine.objects.create(
            account=account, activity=activity, quantity=Decimal(quantity), unit=unit
        )
    return account


def make_peers(count, year=2024):
    """`count` other partners' accounts, each with electricity of 3 000 to 6 000 kWh per
    employee (the median of the first five is 5 000 kWh)."""
    usage = [
        (10, "40000", "kWh"),
        (20, "100", "MWh"),
        (50, "250000", "kWh"),
        (5, "30000", "kWh"),
        (100, "300000", "kWh"),
        (10, "50000", "kWh"),
    ]
    for n, (employees, quantity, unit) in enumerate(usage[:count]):
        make_account(
            make_organisation(name=f"Likemann {n} AS"),
            year - n % 3,  # the year and the two before
            [("electricity", quantity, unit)],
            status=APPROVED if n % 2 else SUBMITTED,
            employees=employees,
        )


@pytest.fixture
def mixed_up(organisation_a):
    """100 000 kWh for 20 employees, entered as MWh: 5 000 000 kWh each, 1 000 times the
    peers' median of 5 000 kWh (3 000, 4 000, 5 000, 5 000 (100 MWh / 20), 6 000)."""
    return make_account(
        organisation_a, 2024, [("electricity", "100000", "MWh")], status=DRAFT, employees=20
    )


def findings(account):
    with translation.override("en"):
        return {f.key: f.message for f in selectors.account_findings(account)}


def test_a_quantity_1000_times_the_peers_median_per_employee_must_be_explained(mixed_up):
    make_peers(5)
    assert findings(mixed_up) == {KEY: MESSAGE}


def test_with_four_peers_there_is_no_comparison(mixed_up):
    make_peers(4)
    assert findings(mixed_up) == {}


def test_drafts_accounts_of_earlier_years_and_the_partners_own_accounts_are_no_peers(
    organisation_a, mixed_up
):
    make_peers(4)
    someone = make_organisation(name="Utkast AS")
    make_account(someone, 2024, [("electricity", "50000", "kWh")], status=DRAFT, employees=10)
    make_account(someone, 2021, [("electricity", "50000", "kWh")], employees=10)  # too early
    make_account(organisation_a, 2022, [("electricity", "100000", "kWh")], employees=20)
    assert findings(mixed_up) == {}
    # a fifth peer, of 2022 (two years before), makes the comparison
    make_account(make_organisation(), 2022, [("electricity", "50000", "kWh")], employees=10)
    assert findings(mixed_up) == {KEY: MESSAGE}


def test_each_partner_counts_once_with_its_latest_figure(db):
    make_peers(4)
    latest = make_organisation(name="Siste AS")
    make_account(latest, 2022, [("electricity", "9000000", "kWh")], employees=10)
    make_account(
        latest, 2024, [("electricity", "20000", "kWh"), ("electricity", "30", "MWh")], employees=10
    )

    figures = peers.peer_figures(year=2024)

    (figure,) = [f for org, f in figures[("electricity", "kWh")].items() if org == latest.pk]
    assert (figure.year, figure.quantity, figure.employees) == (2024, 50_000, 10)
    # per employee: 4 000, 5 000 (100 MWh / 20), 5 000, 6 000 and the latest's 5 000
    medians = peers.peer_medians(figures, organisation_id=0, employees=1)
    assert medians[("electricity", "kWh")].median == 5000
    assert medians[("electricity", "kWh")].peers == 5


def test_a_large_partner_with_an_ordinary_use_per_employee_is_not_flagged(organisation_a):
    make_peers(5)
    # 60 000 000 kWh is 600 times the peers' plain median of 100 000 kWh, but for 12 000
    # employees it is 5 000 kWh each, as the peers' median
    large = make_account(
        organisation_a, 2024, [("electricity", "60000000", "kWh")], status=DRAFT, employees=12_000
    )
    assert findings(large) == {}
    # without the employees nothing is compared: 600 times the plain median is no evidence
    large.employees = None
    large.save()
    assert findings(large) == {}


def test_the_submission_needs_an_explanation_and_the_secretariat_reads_it(
    client, alice, mixed_up, verified_client, sekretariat, settings
):
    make_peers(5)
    client.force_login(alice)
    url = reverse("accounting:account_submit", args=[mixed_up.pk])

    refused = client.post(url)

    assert refused.status_code == 200
    assert f'name="explanation-{KEY}"' in refused.content.decode()
    mixed_up.refresh_from_db()
    assert mixed_up.status == DRAFT

    assert client.post(url, {f"explanation-{KEY}": "Vi har et datasenter."}).status_code == 302
    mixed_up.refresh_from_db()
    assert mixed_up.status == SUBMITTED
    assert mixed_up.explanations == {KEY: "Vi har et datasenter."}

    with translation.override("en"):
        (flagged,) = follow_up.flagged_accounts(2024)
    assert flagged.account == mixed_up
    assert [(f.message, f.explanation) for f in flagged.findings] == [
        (MESSAGE, "Vi har et datasenter.")
    ]
    secretariat = verified_client(sekretariat)
    secretariat.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = secretariat.get(reverse("climate_accounts_flagged"), {"year": "2024"})
    assert "about 1,000 times the median of comparable partners" in page.content.decode()
    assert "Vi har et datasenter." in page.content.decode()


def _queries(account):
    with CaptureQueriesContext(connection) as queries:
        selectors.account_checks(account)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_peers(mixed_up):
    make_peers(2)
    with_two = _queries(mixed_up)
    make_peers(6, year=2023)
    assert _queries(mixed_up) == with_two
