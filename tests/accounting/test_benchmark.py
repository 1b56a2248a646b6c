"""Benchmarking (issue 8, item 4): the pure comparison, and the peers read in one query."""

from __future__ import annotations

import ast
import dataclasses
import statistics
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting import benchmark
from klimanett.accounting.benchmark import (
    MIN_PEERS,
    OrganisationIntensity,
    PeerGroup,
    Position,
    compare,
    intensity_of,
)
from klimanett.accounting.factor_library import calculator
from klimanett.accounting.ghg.calculate import ScopeTotals
from klimanett.accounting.models import ClimateAccount
from klimanett.partners.models import Membership
from tests.builders import make_account, make_membership, make_organisation

APPROVED = ClimateAccount.Status.APPROVED
SUBMITTED = ClimateAccount.Status.SUBMITTED
OWN = 1


def per_employee(*values: float | None) -> dict[int, OrganisationIntensity]:
    """Peers 101, 102, … with the given values per full-time equivalent."""
    return {100 + n: OrganisationIntensity(per_employee=v) for n, v in enumerate(values, 1)}


# --- The pure core ---------------------------------------------------------------------------


def test_the_module_imports_no_django_at_its_top():
    tree = ast.parse(Path(benchmark.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in tree.body  # module level only (the TYPE_CHECKING block is an `if`)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert imported and not [name for name in imported if name and "django" in name]
    assert "klimanett.accounting.ghg.calculate" in imported  # the pure engine only


def test_intensity_is_scope_1_and_scope_2_location_based_per_fte_and_per_million_nok():
    totals = ScopeTotals(
        scope1_kg=1_000.0, scope2_location_kg=500.0, scope2_market_kg=9_999.0, scope3_kg=80_000.0
    )
    intensity = intensity_of(totals, employees=3, revenue_nok=Decimal("2000000"))
    # (1 000 + 500) kg / 3 FTE = 500; / 2 million NOK = 750. Market-based and scope 3 unused.
    assert intensity.per_employee == pytest.approx(500.0)
    assert intensity.per_mnok_revenue == pytest.approx(750.0)


@pytest.mark.parametrize(("employees", "revenue"), [(None, None), (0, 0), (0, Decimal("0"))])
def test_a_missing_or_zero_denominator_gives_no_value(employees, revenue):
    intensity = intensity_of(ScopeTotals(scope1_kg=10.0), employees=employees, revenue_nok=revenue)
    assert intensity == OrganisationIntensity(per_employee=None, per_mnok_revenue=None)


def test_five_peers_give_median_and_exclusive_quartiles_worked_by_hand():
    result = compare(
        OrganisationIntensity(per_employee=12.0),
        per_employee(50.0, 10.0, 40.0, 20.0, 30.0),
        organisation_id=OWN,
    )
    # Sorted 10 20 30 40 50; exclusive method: positions (5 + 1) × ¼, ½, ¾ = 1.5, 3, 4.5:
    # lower quartile (10 + 20) / 2 = 15, median 30, upper (40 + 50) / 2 = 45.
    assert result.per_employee.group == PeerGroup(
        peers=5, median=30.0, lower_quartile=15.0, upper_quartile=45.0
    )
    assert result.per_employee.own == 12.0
    assert result.per_employee.position is Position.BELOW_LOWER_QUARTILE
    assert result.per_mnok_revenue.group is None  # nobody gives revenue
    assert result.per_mnok_revenue.own is None
    assert result.measures == (result.per_employee,)
    assert result.shown == (result.per_employee,)
    assert result.hidden == ()


@pytest.mark.parametrize(
    ("own", "expected"),
    [
        (14.9, Position.BELOW_LOWER_QUARTILE),
        (15.0, Position.LOWER_MIDDLE),  # on the lower quartile: the middle
        (30.0, Position.LOWER_MIDDLE),  # on the median: the lower middle
        (30.1, Position.UPPER_MIDDLE),
        (45.0, Position.UPPER_MIDDLE),  # on the upper quartile: the middle
        (45.1, Position.ABOVE_UPPER_QUARTILE),
    ],
)
def test_where_the_partner_stands(own, expected):
    result = compare(
        OrganisationIntensity(per_employee=own),
        per_employee(10.0, 20.0, 30.0, 40.0, 50.0),
        organisation_id=OWN,
    )
    assert result.per_employee.position is expected


def test_four_peers_are_too_few_and_nothing_of_them_is_given():
    result = compare(
        OrganisationIntensity(per_employee=12.0, per_mnok_revenue=3.0),
        per_employee(10.0, 20.0, 30.0, 40.0),
        organisation_id=OWN,
    )
    assert result.per_employee.group is None
    assert result.per_employee.position is None
    assert result.per_employee.hidden
    assert result.hidden == (result.per_employee, result.per_mnok_revenue)
    assert result.shown == ()


@pytest.mark.parametrize(
    ("published", "shown"),
    [
        (0, True),  # six unknown values
        (1, True),  # five unknown, one published
        (2, False),  # four unknown: a quartile between a known and an unknown value gives it
        (6, True),  # every value is public anyway
    ],
)
def test_a_group_is_hidden_when_few_of_its_peers_are_unpublished(published, shown):
    peers = {
        pk: OrganisationIntensity(per_employee=10.0 * pk, published=pk <= published)
        for pk in range(1, 7)
    }

    result = compare(OrganisationIntensity(per_employee=25.0), peers, organisation_id=OWN)

    assert (result.per_employee.group is not None) is shown


def test_the_partner_itself_is_never_its_own_peer():
    peers = per_employee(10.0, 20.0, 30.0, 40.0)
    peers[OWN] = OrganisationIntensity(per_employee=12.0)  # five entries, one of them its own
    result = compare(OrganisationIntensity(per_employee=12.0), peers, organisation_id=OWN)
    assert result.per_employee.group is None


def test_each_measure_counts_only_the_peers_that_give_it():
    peers = {
        n: OrganisationIntensity(
            per_employee=float(n), per_mnok_revenue=float(n) if n <= 4 else None
        )
        for n in range(1 + OWN, 7 + OWN)
    }
    result = compare(
        OrganisationIntensity(per_employee=5.0, per_mnok_revenue=5.0), peers, organisation_id=OWN
    )
    assert result.per_employee.group is not None and result.per_employee.group.peers == 6
    assert result.per_mnok_revenue.group is None  # only 3 give revenue


def test_a_group_shows_only_its_size_median_and_quartiles():
    assert [field.name for field in dataclasses.fields(PeerGroup)] == [
        "peers",
        "median",
        "lower_quartile",
        "upper_quartile",
    ]


values = st.floats(min_value=0.0, max_value=1e7, allow_nan=False, allow_infinity=False)
peer_maps = st.dictionaries(
    st.integers(min_value=1, max_value=40),
    st.builds(OrganisationIntensity, per_employee=st.none() | values),
    max_size=25,
)


def _others(peers: dict[int, OrganisationIntensity]) -> list[float]:
    return [i.per_employee for org, i in peers.items() if org != OWN and i.per_employee is not None]


@given(own=st.none() | values, peers=peer_maps)
def test_property_a_group_is_given_only_with_enough_other_organisations(own, peers):
    result = compare(OrganisationIntensity(per_employee=own), peers, organisation_id=OWN)
    others = _others(peers)
    group = result.per_employee.group
    if len(others) < MIN_PEERS:
        assert group is None and result.per_employee.position is None
    else:
        assert group is not None and group.peers == len(others)
        assert (result.per_employee.position is None) == (own is None)


@given(peers=peer_maps)
def test_property_median_lies_between_the_quartiles_within_the_values(peers):
    result = compare(OrganisationIntensity(per_employee=1.0), peers, organisation_id=OWN)
    group = result.per_employee.group
    if group is None:
        return
    others = _others(peers)
    tolerance = 1e-9 * max(others, default=1.0)
    assert min(others) - tolerance <= group.lower_quartile <= group.median + tolerance
    assert group.median <= group.upper_quartile + tolerance <= max(others) + 2 * tolerance
    assert group.median == statistics.median(others)


@given(own=values, peers=peer_maps, own_entry=st.none() | values)
def test_property_the_own_entry_among_the_peers_changes_nothing(own, peers, own_entry):
    without = {org: i for org, i in peers.items() if org != OWN}
    with_own = {**without, OWN: OrganisationIntensity(per_employee=own_entry)}
    partner = OrganisationIntensity(per_employee=own)
    assert compare(partner, with_own, organisation_id=OWN) == compare(
        partner, without, organisation_id=OWN
    )


# --- The loader --------------------------------------------------------------------------------

YEAR = 2024


def make_partner(*, sector: str = "C", **membership) -> object:
    organisation = make_organisation(sector=sector)
    make_membership(organisation, **membership)
    return organisation


def make_peer(
    diesel_l: float,
    *,
    employees: int | None = 10,
    revenue_nok: str | None = "5000000",
    year: int = YEAR,
    status: str = APPROVED,
    organisation=None,
) -> ClimateAccount:
    """An approved account of diesel (scope 1), 1 000 kWh of electricity (scope 2) and
    10 000 pkm of domestic flights (scope 3, not counted)."""
    return make_account(
        organisation or make_partner(),
        year,
        [
            ("diesel", diesel_l, "l"),
            ("electricity", 1000, "kWh"),
            ("flight_domestic", 10000, "pkm"),
        ],
        status=status,
        employees=employees,
        revenue_nok=Decimal(revenue_nok) if revenue_nok is not None else None,
    )


def scope_1_and_2_kg(diesel_l: float) -> float:
    engine = calculator(ClimateAccount._meta.get_field("factor_set").get_default(), YEAR)
    return (
        diesel_l * engine.resolve("diesel", unit="l").kgco2e_location_per_unit
        + 1000 * engine.resolve("electricity", unit="kWh").kgco2e_location_per_unit
    )


def test_the_peers_are_approved_accounts_of_the_year_of_the_sectors_other_active_partners(db):
    own = make_partner()
    make_peer(500, organisation=own)  # its own approved account: never a peer
    counted = make_peer(1000, employees=8, revenue_nok="4000000")
    no_revenue = make_peer(2000, revenue_nok=None)
    make_peer(100, organisation=make_partner(sector="F"))  # another sector
    make_peer(100, organisation=make_partner(status=Membership.Status.PROSPECT))
    make_peer(100, organisation=make_partner(type=Membership.Type.COLLABORATOR))
    make_peer(100, status=SUBMITTED)  # not yet approved
    make_peer(100, year=YEAR - 1)  # another year
    no_membership = make_organisation(sector="C")
    make_peer(100, organisation=no_membership)

    peers = benchmark.peer_intensities(year=YEAR, sector="C", exclude_organisation_id=own.pk)

    assert set(peers) == {counted.organisation_id, no_revenue.organisation_id}
    kg = scope_1_and_2_kg(1000)
    assert peers[counted.organisation_id].per_employee == pytest.approx(kg / 8)
    assert peers[counted.organisation_id].per_mnok_revenue == pytest.approx(kg / 4)
    assert peers[no_revenue.organisation_id].per_mnok_revenue is None


def test_diesel_alone_worked_by_hand(db):
    own = make_partner()
    peer = make_account(
        make_partner(), YEAR, [("diesel", 1000, "l")], status=APPROVED, employees=10
    )
    peers = benchmark.peer_intensities(year=YEAR, sector="C", exclude_organisation_id=own.pk)
    # NO-2025.1: diesel 2.66 kg CO2e per litre; 1 000 l = 2 660 kg; / 10 FTE = 266.
    assert peers[peer.organisation_id].per_employee == pytest.approx(266.0)


def test_an_ended_membership_beside_the_active_one_does_not_count_a_peer_twice(db):
    own = make_partner()
    peer = make_peer(1000)
    make_membership(peer.organisation, status=Membership.Status.ENDED, ended_on="2021-12-31")
    peers = benchmark.peer_intensities(year=YEAR, sector="C", exclude_organisation_id=own.pk)
    assert peers[peer.organisation_id].per_employee == pytest.approx(scope_1_and_2_kg(1000) / 10)


def _queries_to_load(peer_count: int) -> int:
    own = make_partner()
    account = make_peer(700, organisation=own, status=ClimateAccount.Status.DRAFT)
    for n in range(peer_count):
        make_peer(100 * (n + 1))
    with CaptureQueriesContext(connection) as queries:
        result = benchmark.load(account, ScopeTotals(scope1_kg=1.0))
    assert result is not None
    assert result.per_employee.group is not None
    assert result.per_employee.group.peers == peer_count
    return len(queries)


def test_the_peers_are_read_in_one_query_however_many(db):
    five = _queries_to_load(5)
    ClimateAccount.objects.all().delete()
    twelve = _queries_to_load(12)
    assert five == twelve == 1


def test_without_employees_and_revenue_nothing_is_read(db, django_assert_num_queries):
    account = make_peer(700, employees=None, revenue_nok=None, status=ClimateAccount.Status.DRAFT)
    with django_assert_num_queries(0):
        assert benchmark.load(account, ScopeTotals(scope1_kg=1.0)) is None
