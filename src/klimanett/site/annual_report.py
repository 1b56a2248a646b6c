"""The annual climate report as the reader sees it: what may be shown (``region.
report_disclosure``), group names in the reader's language, the charts, links to the named
partners' public profiles, and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.utils.translation import get_language, gettext

from klimanett.accounting.charts import KG_PER_TONNE, HorizontalBarChart, horizontal_bar_chart
from klimanett.accounting.charts import method_chart as scope_method_chart
from klimanett.accounting.ghg.calculate import ScopeTotals
from klimanett.accounting.pdf import render_pdf
from klimanett.partners.models import Organisation, OrganisationKind, Sector
from klimanett.region.report import Emissions, Group, NamedPartner, NetworkReport
from klimanett.region.report_disclosure import MIN_GROUP, OTHER, disclose

if TYPE_CHECKING:
    from django.http import HttpRequest

    from klimanett.site.models.reports import AnnualReportPage

PDF_CACHE_SECONDS = 7 * 24 * 60 * 60


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupRow:
    name: str
    partners: int
    emissions: Emissions


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedRow:
    partner: NamedPartner
    sector: str
    profile_url: str  # "" when the partner has no public profile


def _scope_totals(emissions: Emissions) -> ScopeTotals:
    return ScopeTotals(
        scope1_kg=emissions.scope1_t * KG_PER_TONNE,
        scope2_location_kg=emissions.scope2_location_t * KG_PER_TONNE,
        scope2_market_kg=emissions.scope2_market_t * KG_PER_TONNE,
        scope3_kg=emissions.scope3_t * KG_PER_TONNE,
    )


def _group_rows(groups: tuple[Group, ...], names: dict[str, str]) -> list[GroupRow]:
    return [
        GroupRow(
            name=names.get(group.key) or gettext("Not given"),
            partners=group.partners,
            emissions=group.emissions,
        )
        for group in groups
    ]


def _group_chart(rows: list[GroupRow]) -> HorizontalBarChart | None:
    if not rows:
        return None
    return horizontal_bar_chart(
        groups=[(row.name, [("location", row.emissions.total_location_t)]) for row in rows]
    )


def _named_rows(report: NetworkReport, sectors: dict[str, str]) -> list[NamedRow]:
    from klimanett.site.models import PartnerDirectoryPage

    directory = PartnerDirectoryPage.objects.live().public().first()
    base_url = directory.url if directory is not None and directory.url else ""
    in_directory = set(
        Organisation.objects.in_directory()
        .filter(pk__in=[named.organisation_id for named in report.named])
        .values_list("pk", flat=True)
    )
    return [
        NamedRow(
            partner=named,
            sector=sectors.get(named.sector, ""),
            profile_url=base_url + directory.reverse_subpage("profile", args=[named.slug])
            if directory is not None and base_url and named.organisation_id in in_directory
            else "",
        )
        for named in report.named
    ]


def report_context(report: NetworkReport) -> dict[str, Any]:
    """What the report's templates need (``klimanett_site/includes/annual_report_figures.html``)."""
    disclosed = disclose(report)
    other = gettext("Other groups, pooled")
    sectors = {str(value): str(label) for value, label in Sector.choices} | {OTHER: other}
    kinds = {str(value): str(label) for value, label in OrganisationKind.choices} | {OTHER: other}
    by_sector = _group_rows(disclosed.by_sector, sectors)
    by_kind = _group_rows(disclosed.by_kind, kinds)
    return {
        "change_rows": [
            (
                gettext("Last year (%(year)s)") % {"year": report.year - 1},
                disclosed.against_previous_year,
                "change-previous-year",
            ),
            (gettext("Each partner's base year"), disclosed.against_base_year, "change-base-year"),
        ],
        "group_sections": [
            (
                "report-sectors",
                gettext("Emissions by sector"),
                gettext("Emissions of the reporting partners by sector (NACE section), t CO2e"),
                by_sector,
                _group_chart(by_sector),
            ),
            (
                "report-kinds",
                gettext("Emissions by kind of organisation"),
                gettext("Emissions of the reporting partners by kind of organisation, t CO2e"),
                by_kind,
                _group_chart(by_kind),
            ),
        ],
        "report": report,
        "disclosed": disclosed,
        "min_group": MIN_GROUP,
        "scope_chart": scope_method_chart(
            _scope_totals(report.emissions),
            labels=[gettext("Scope 1"), gettext("Scope 2"), gettext("Scope 3"), gettext("Total")],
        )
        if disclosed.emissions_shown
        else None,
        "named": _named_rows(report, sectors),
    }


def report_pdf(page: AnnualReportPage, request: HttpRequest) -> bytes:
    """The published report as a PDF in the reader's language, kept in the cache until the
    page is published again."""
    computed = page.figures_computed_at.timestamp() if page.figures_computed_at else 0
    key = f"klimanett:annual-report-pdf:{page.pk}:{page.live_revision_id}:{computed}:"
    key += get_language()
    pdf = cache.get(key)
    if pdf is None:
        report, computed_at = page.report()
        context = report_context(report) | {
            "page": page,
            "computed_at": computed_at,
            "page_url": page.get_full_url(request),
        }
        pdf = render_pdf("klimanett_site/annual_report_pdf.html", context)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
