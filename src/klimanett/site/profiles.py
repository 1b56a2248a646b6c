"""What a partner's public profile shows: only what the partner has chosen to publish.

- Climate results: the accounts approved by the secretariat and published by the partner
  (``ClimateAccount.objects.published()``), as a trend chart with its table.
- Targets: those the partner publishes (``Target.objects.published()``, never a withdrawn one),
  each with its terms (base year and value, target year and value) and its progress measured
  against the *published* accounts only, so that an unpublished account never shows through
  a target. Publishing a target publishes its terms, the base value included.
- Measures: the done measures of an action plan whose partner publishes them
  (``ActionPlan.publish_done_measures``), with their expected yearly reduction.
- Good examples about the partner: live public example pages.

The number of queries does not grow with the number of years, targets, measures or examples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from klimanett.accounting import charts
from klimanett.accounting.selectors import YearTotals, year_rows
from klimanett.climateplans import actuals, evaluation
from klimanett.climateplans.models import Measure, Target
from klimanett.partners.models import Organisation

if TYPE_CHECKING:
    from klimanett.site.models.examples import ExamplePage


@dataclass(frozen=True)
class PublishedResults:
    rows: list[YearTotals]  # oldest year first
    chart: charts.StackedBarChart


@dataclass(frozen=True)
class PartnerProfile:
    results: PublishedResults | None
    targets: list[evaluation.TargetEvaluation]
    done_measures: list[Measure]
    done_reduction_t: Decimal  # the done measures' expected yearly reduction together
    examples: list[ExamplePage]


def published_results(figures: Mapping[int, actuals.YearFigures]) -> PublishedResults | None:
    """The trend of the published accounts in `figures` (from ``actuals.figures_by_organisation``
    with ``published_only``); None without any. No query."""
    if not figures:
        return None
    rows = year_rows((item.account, item.totals) for item in figures.values())
    return PublishedResults(
        rows=rows, chart=charts.scope_trend_chart([(str(row.year), row.totals) for row in rows])
    )


def partner_results(organisation: Organisation) -> PublishedResults | None:
    """The organisation's published results, for a page block: None when it has no public
    profile (not in the directory) or has published nothing. Three queries."""
    if not Organisation.objects.in_directory().filter(pk=organisation.pk).exists():
        return None
    figures = actuals.figures_by_organisation(
        [organisation.pk], published_only=True, line_models=False
    )
    return published_results(figures.get(organisation.pk, {}))


def partner_profile(organisation: Organisation) -> PartnerProfile:
    """Everything the public profile of `organisation` (already checked to be in the
    directory) shows beyond its registry facts."""
    figures = actuals.figures_by_organisation(
        [organisation.pk], published_only=True, line_models=False
    ).get(organisation.pk, {})
    targets = (
        Target.objects.published().filter(organisation=organisation).order_by("target_year", "pk")
    )
    measures = list(
        Measure.objects.filter(
            plan__organisation=organisation,
            plan__publish_done_measures=True,
            status=Measure.Status.DONE,
        ).order_by("-start_year", "title", "pk")
    )
    return PartnerProfile(
        results=published_results(figures),
        targets=evaluation.evaluate_targets(targets, {organisation.pk: figures}),
        done_measures=measures,
        done_reduction_t=sum((m.expected_reduction_t for m in measures), Decimal(0)),
        examples=list(_examples_about(organisation)),
    )


def _examples_about(organisation: Organisation) -> Any:
    """Live public good examples about the organisation, newest first."""
    pages = organisation.example_pages
    return pages.live().public().order_by("-date", "-pk")
