"""The public regional climate dashboard (/klimastatus/): the region's and each municipality's
emissions by sector over the years, the county's target path and the distance left, and the
statistics as CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from klimanett.accounting.charts import StackedBarChart, stacked_bar_chart
from klimanett.climateplans.charts import PathChart, path_chart
from klimanett.climateplans.reference_targets import PublicTarget, county_path, county_target
from klimanett.core.page_cache import cache_public_page
from klimanett.core.spreadsheets import safe_csv_value
from klimanett.municipalities.models import Municipality
from klimanett.region.dashboard import (
    Dashboard,
    EmissionRow,
    compute_dashboard,
    municipality_lines,
)
from klimanett.region.models import MunicipalEmission

# Sector fills: colour and pattern both change from one sector to the next (15 distinct pairs);
# contrast against white as in accounting/includes/chart_fills.html.
_COLOURS = ("#1d4e89", "#b45309", "#0e7c66", "#5b3a8c", "#be185d")
_PATTERNS = ("solid", "striped", "dotted")


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorSeries:
    key: str
    sector: str
    colour: str
    pattern: str


def _rows(emissions: QuerySet[MunicipalEmission]) -> list[dict[str, Any]]:
    """The sums per municipality, year and sector, in one query."""
    return [
        dict(row)
        for row in emissions.values("municipality__number", "municipality__name", "year", "sector")
        .annotate(t=Sum("t_co2e"))
        .order_by("municipality__name", "municipality__number", "year", "sector")
    ]


def _emission_rows(rows: list[dict[str, Any]]) -> list[EmissionRow]:
    return [
        EmissionRow(
            year=row["year"],
            sector=row["sector"],
            municipality=row["municipality__number"],
            t_co2e=float(row["t"]),
        )
        for row in rows
    ]


def _series(dashboard: Dashboard) -> list[SectorSeries]:
    return [
        SectorSeries(
            key=f"s{index}",
            sector=sector,
            colour=_COLOURS[index % len(_COLOURS)],
            pattern=_PATTERNS[index % len(_PATTERNS)],
        )
        for index, sector in enumerate(dashboard.sectors)
    ]


def _sector_chart(dashboard: Dashboard, series: list[SectorSeries]) -> StackedBarChart:
    # stacked with the largest sector at the bottom
    return stacked_bar_chart(
        labels=[str(year) for year in dashboard.years],
        series=[
            (s.key, [dashboard.by_sector[year][s.sector] for year in dashboard.years])
            for s in series
        ],
    )


def _path_chart(dashboard: Dashboard) -> PathChart | None:
    if not dashboard.path:
        return None
    return path_chart(
        labels=[str(row.year) for row in dashboard.path],
        bars=("actual", [row.actual for row in dashboard.path]),
        lines=[("target", [row.target for row in dashboard.path])],
    )


def _dashboard(rows: list[EmissionRow], target: PublicTarget) -> Dashboard:
    return compute_dashboard(
        rows, path=county_path(), base_year=target.base_year, target_year=target.target_year
    )


def _context(dashboard: Dashboard, target: PublicTarget) -> dict[str, Any]:
    series = _series(dashboard)
    sector_rows = [
        (year, [dashboard.by_sector[year][s.sector] for s in series], dashboard.totals[year])
        for year in dashboard.years
    ]
    return {
        "dashboard": dashboard,
        "county_target": target,
        "series": series,
        "sector_rows": sector_rows,
        "sector_chart": _sector_chart(dashboard, series) if not dashboard.empty else None,
        "path_chart": _path_chart(dashboard),
    }


@require_safe
@cache_public_page
def region_dashboard(request: HttpRequest) -> HttpResponse:
    rows = _rows(MunicipalEmission.objects.all())
    emission_rows = _emission_rows(rows)
    target = county_target()
    dashboard = _dashboard(emission_rows, target)
    names = {row["municipality__number"]: row["municipality__name"] for row in rows}
    municipalities = [
        (names[line.municipality], line)
        for line in municipality_lines(
            emission_rows, latest_year=dashboard.latest_year, base_year=target.base_year
        )
    ]
    context = _context(dashboard, target) | {"municipalities": municipalities}
    return render(request, "region/dashboard.html", context)


@require_safe
@cache_public_page
def municipality_dashboard(request: HttpRequest, number: str) -> HttpResponse:
    municipality = Municipality.objects.filter(number=number).first()
    if municipality is None:
        raise Http404
    rows = _rows(MunicipalEmission.objects.filter(municipality=municipality))
    target = county_target()
    dashboard = _dashboard(_emission_rows(rows), target)
    context = _context(dashboard, target) | {"municipality": municipality}
    return render(request, "region/municipality.html", context)


CSV_HEADER = ("municipality_number", "municipality", "year", "sector", "subsector", "t_co2e")


@require_safe
def emissions_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="utslipp.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    emissions = MunicipalEmission.objects.order_by(
        "municipality__number", "year", "sector", "subsector"
    ).values_list(
        "municipality__number", "municipality__name", "year", "sector", "subsector", "t_co2e"
    )
    for row in emissions.iterator(chunk_size=2000):
        writer.writerow([safe_csv_value(value) for value in row])
    return response
