"""The home page's cost: a fixed number of queries however large the network, and the public
pages' fast path of ``actuals.figures_by_organisation`` giving the same figures as the full one."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.ghg.vsme import vsme_b3
from klimanett.climateplans import actuals
from tests.builders import (
    make_account,
    make_event,
    make_example_page,
    make_membership,
    make_organisation,
    make_site_pages,
    make_target,
)

# 23 with the demo network (27 before the restrictions of the page tree were read once and
# the latest published year counted in one query); the test data needs no more.
HOME_PAGE_QUERIES = 23


def _partner_with_accounts(name: str, years: range) -> None:
    organisation = make_organisation(name=name)
    make_membership(organisation)
    for year in years:
        make_account(
            organisation,
            year,
            [("diesel", 1000 - 50 * (year - 2018), "l"), ("electricity", 20_000, "kWh")],
            status="approved",
            publish=True,
        )
    make_target(organisation, base_year=years[0], base_value=2660.0, publish=True)


def _home(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    return page, len(queries)


def test_home_page_needs_the_same_queries_however_large_the_network(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders the page
    make_site_pages()
    _partner_with_accounts("Alfa AS", range(2021, 2025))
    make_example_page(title="Eksempel 0")
    make_event()
    client.get("/")  # the first request of all reads the site and its root paths
    page, few = _home(client)
    assert "Alfa AS" in page

    for n in range(1, 6):
        _partner_with_accounts(f"Partner {n} AS", range(2019, 2025))
        make_example_page(title=f"Eksempel {n}")
        starts = timezone.now() + datetime.timedelta(days=20 + n)
        make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    page, many = _home(client)

    assert "Partner 5 AS" in page
    assert many <= few <= HOME_PAGE_QUERIES


def test_the_fast_path_gives_the_same_figures_as_the_full_one(db):
    organisation = make_organisation()
    lines = [
        ("electricity", 20_000, "kWh"),
        ("diesel", 1234.5, "l"),
        ("hvo", 300, "l"),  # no energy content in litres either
        ("electricity_with_guarantees", 5000, "kWh"),  # renewable
        ("wood_pellets", 8000, "kWh"),  # renewable (biogenic)
        ("district_heating", 15_000, "kWh"),
        ("diesel_pump_blend", 200, "l"),  # no energy content: left out of the energy use
        ("heating_oil", 700, "l"),
        ("flight_domestic", 4000, "pkm"),
    ]
    for year in (2020, 2022, 2024):
        make_account(organisation, year, lines[year - 2020 :] + lines, status="approved")
    make_account(organisation, 2025, lines, status="draft")

    full = actuals.figures_by_organisation([organisation.pk])[organisation.pk]
    fast = actuals.figures_by_organisation([organisation.pk], line_models=False)[organisation.pk]

    assert list(fast) == list(full) == [2020, 2022, 2024]
    for year, figures in full.items():
        other = fast[year]
        assert other.account.pk == figures.account.pk
        assert (other.totals, other.lines) == (figures.totals, figures.lines)
        assert (other.energy_kwh, other.renewable_kwh) == (
            figures.energy_kwh,
            figures.renewable_kwh,
        )
        # The energy use is exactly what the VSME disclosure of the same lines gives.
        energy = vsme_b3(
            figures.lines, factor_set=get_factor_set(figures.account.factor_set), revenue_nok=None
        ).total_energy
        assert figures.energy_kwh == energy.total_mwh * actuals.KWH_PER_MWH
        assert figures.renewable_kwh == energy.renewable_mwh * actuals.KWH_PER_MWH
        assert figures.renewable_kwh > 0
