"""The regional climate dashboard: hand-worked figures from a few rows, the pages, the CSV, the
cost in queries and the 404.

Hand-worked data (tonnes CO2e):
  Skien (4003):     2009 Veitrafikk 300, Jordbruk 100; 2015 Veitrafikk 250;
                    2023 Veitrafikk 200, Jordbruk 80
  Porsgrunn (4001): 2009 Veitrafikk 200, Industri 300; 2023 Veitrafikk 150, Industri 250
Totals: 2009 900, 2015 250, 2023 680. Target 2030: 900 × 0.4 = 360. Distance: 680 − 360 = 320
t, 320 / 680 = 47.06 %; yearly cut 320 / 7 = 45.71 t. Path in 2016: 900 × (1 − 0.6 × 7/21) = 720.
Skien 400 → 280 (−30 %), Porsgrunn 500 → 400 (−20 %).
"""

from __future__ import annotations

import csv
import io
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from klimanett.climateplans.paths import ReferencePath
from klimanett.climateplans.reference_targets import county_path
from klimanett.municipalities.models import Municipality
from klimanett.region.dashboard import EmissionRow, compute_dashboard, municipality_lines
from klimanett.region.models import MunicipalEmission

PATH = ReferencePath(milestones=((2009, 1.0), (2030, 0.4)))

ROWS = [
    EmissionRow(year=2009, sector="Veitrafikk", municipality="4003", t_co2e=300.0),
    EmissionRow(year=2009, sector="Jordbruk", municipality="4003", t_co2e=100.0),
    EmissionRow(year=2015, sector="Veitrafikk", municipality="4003", t_co2e=250.0),
    EmissionRow(year=2023, sector="Veitrafikk", municipality="4003", t_co2e=200.0),
    EmissionRow(year=2023, sector="Jordbruk", municipality="4003", t_co2e=80.0),
    EmissionRow(year=2009, sector="Veitrafikk", municipality="4001", t_co2e=200.0),
    EmissionRow(year=2009, sector="Industri", municipality="4001", t_co2e=300.0),
    EmissionRow(year=2023, sector="Veitrafikk", municipality="4001", t_co2e=150.0),
    EmissionRow(year=2023, sector="Industri", municipality="4001", t_co2e=250.0),
]


# --- The pure figures -------------------------------------------------------------------------


def test_hand_worked_dashboard():
    d = compute_dashboard(ROWS, path=PATH)
    assert d.years == [2009, 2015, 2023]
    assert d.totals == {2009: 900.0, 2015: 250.0, 2023: 680.0}
    assert d.sectors == ["Veitrafikk", "Industri", "Jordbruk"]  # largest in 2023 first
    assert d.by_sector[2023] == {"Veitrafikk": 350.0, "Industri": 250.0, "Jordbruk": 80.0}
    assert d.by_sector[2015] == {"Veitrafikk": 250.0, "Industri": 0.0, "Jordbruk": 0.0}
    assert d.baseline == 900.0
    assert d.target_value == pytest.approx(360.0)
    assert [row.year for row in d.path] == list(range(2009, 2031))
    by_year = {row.year: row for row in d.path}
    assert by_year[2016].target == pytest.approx(720.0)
    assert by_year[2016].actual is None
    assert by_year[2023].actual == 680.0
    assert d.latest_year == 2023
    assert d.latest_total == 680.0
    assert d.distance_t == pytest.approx(320.0)
    assert d.distance_percent == pytest.approx(320 / 680 * 100)
    assert d.yearly_cut_t == pytest.approx(320 / 7)


def test_the_county_path_is_60_percent_by_2030_against_2009():
    d = compute_dashboard(ROWS, path=county_path())
    assert d.target_value == pytest.approx(360.0)
    assert {row.year: row.target for row in d.path}[2016] == pytest.approx(720.0)


def test_municipality_lines():
    lines = {line.municipality: line for line in municipality_lines(ROWS, latest_year=2023)}
    assert lines["4003"].latest_t == 280.0
    assert lines["4003"].base_t == 400.0
    assert lines["4003"].change_percent == pytest.approx(-30.0)
    assert lines["4001"].change_percent == pytest.approx(-20.0)


def test_no_rows_and_no_baseline():
    empty = compute_dashboard([], path=PATH)
    assert empty.empty and empty.baseline is None and empty.path == []
    assert empty.distance_t is None and empty.yearly_cut_t is None
    late = compute_dashboard([r for r in ROWS if r.year != 2009], path=PATH)
    assert late.baseline is None and late.path == [] and late.distance_t is None
    assert late.latest_total == 680.0


_rows = st.lists(
    st.builds(
        EmissionRow,
        year=st.sampled_from([2009, 2015, 2020, 2023]),
        sector=st.sampled_from(["A", "B", "C"]),
        municipality=st.sampled_from(["1", "2"]),
        t_co2e=st.floats(min_value=0, max_value=1e7, allow_nan=False),
    ),
    max_size=30,
)


@given(_rows)
def test_sectors_add_up_and_the_cut_closes_the_gap(rows):
    d = compute_dashboard(rows, path=PATH)
    for year in d.years:
        assert math.isclose(sum(d.by_sector[year].values()), d.totals[year], abs_tol=1e-6)
    assert math.isclose(sum(d.totals.values()), sum(r.t_co2e for r in rows), abs_tol=1e-3)
    if d.distance_t is not None and d.yearly_cut_t is not None:
        assert d.latest_total is not None and d.latest_year is not None
        left = d.latest_total - d.yearly_cut_t * (2030 - d.latest_year)
        assert math.isclose(left, d.target_value, rel_tol=1e-9, abs_tol=1e-6)
    if d.path:
        targets = [row.target for row in d.path]
        assert targets == sorted(targets, reverse=True)


# --- The pages --------------------------------------------------------------------------------


def _store(rows=ROWS):
    by_number = {m.number: m for m in Municipality.objects.filter(number__in=["4001", "4003"])}
    MunicipalEmission.objects.bulk_create(
        MunicipalEmission(
            municipality=by_number[r.municipality],
            year=r.year,
            sector=r.sector,
            subsector="",
            t_co2e=Decimal(str(r.t_co2e)),
        )
        for r in rows
    )


@pytest.fixture
def stored(db):
    _store()


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_region_page_shows_the_hand_worked_figures(client, stored):
    response = client.get("/klimastatus/")
    assert response.status_code == 200
    html = _text(response)
    assert '<dd data-figure="baseline">900 ' in html
    assert '<dd data-figure="latest">680 ' in html
    assert '<dd data-figure="target">360 ' in html
    assert '<dd data-figure="distance">320 ' in html
    assert "47,1 %" in html or "47.1 %" in html
    assert '<dd data-figure="yearly-cut">46 ' in html
    assert "<svg" in html and "<table" in html and 'role="img"' in html
    assert ">720<" in html  # the target path in 2016, in the path table
    assert "−30,0 %" in html or "-30,0 %" in html or "-30.0 %" in html
    assert 'href="/klimastatus/4003/"' in html and 'href="/klimastatus/4001/"' in html
    assert "Veitrafikk" in html and "Industri" in html


def test_municipality_page(client, stored):
    response = client.get("/klimastatus/4003/")
    assert response.status_code == 200
    html = _text(response)
    assert "Skien" in html
    assert '<dd data-figure="baseline">400 ' in html
    assert '<dd data-figure="latest">280 ' in html
    assert '<dd data-figure="target">160 ' in html
    assert "Industri" not in html


def test_unknown_municipality_is_404(client, stored):
    assert client.get("/klimastatus/9999/").status_code == 404


def test_empty_state(client, db):
    response = client.get("/klimastatus/")
    assert response.status_code == 200
    assert 'data-state="empty"' in response.content.decode()
    response = client.get("/klimastatus/4003/")
    assert response.status_code == 200
    assert 'data-state="empty"' in response.content.decode()


def test_csv_parses_back(client, stored):
    MunicipalEmission.objects.create(
        municipality=Municipality.objects.get(number="4003"),
        year=2023,
        sector='=HYPERLINK("x")',
        subsector="",
        t_co2e=Decimal("1.5"),
    )
    response = client.get("/klimastatus/utslipp.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "municipality_number",
        "municipality",
        "year",
        "sector",
        "subsector",
        "t_co2e",
    ]
    assert len(rows) == 1 + len(ROWS) + 1
    assert ["4003", "Skien", "2009", "Veitrafikk", "", "300.0000"] in rows
    assert sum(Decimal(row[5]) for row in rows[1:]) == Decimal("1831.5")
    assert ["4003", "Skien", "2023", '\'=HYPERLINK("x")', "", "1.5000"] in rows


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    _store(ROWS[:2])
    small = [_queries(client, url) for url in ("/klimastatus/", "/klimastatus/4003/")]
    _store(ROWS[2:])
    large = [_queries(client, url) for url in ("/klimastatus/", "/klimastatus/4003/")]
    assert small == large
