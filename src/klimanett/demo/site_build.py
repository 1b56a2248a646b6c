"""Write the demo site's news and good examples (``site_data``), published as revisions.

Keyed on the page's slug under its index page: a page that exists (perhaps edited in the demo)
is left as it is, so a second run creates nothing. Needs the index pages (``ensure_site_pages``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from wagtail.rich_text import RichText

from klimanett.climateplans.models import Measure
from klimanett.demo import site_data
from klimanett.demo.plan import PlannedOrganisation
from klimanett.partners.models import Organisation
from klimanett.site.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    ExampleIndexPage,
    ExamplePage,
    NewsIndexPage,
    NewsPage,
)


def build_site_content(
    planned: list[PlannedOrganisation],
    organisations: dict[str, Organisation],
    *,
    today: datetime.date,
) -> dict[str, int]:
    by_domain = {p.spec.domain: organisations[p.org_number] for p in planned}
    return {
        "news articles": _news(today),
        "good examples": _examples(by_domain, today),
        "annual reports": _annual_report(today),
    }


def _paragraphs(texts: Iterable[str]) -> list[tuple[str, Any]]:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _news(today: datetime.date) -> int:
    index = NewsIndexPage.objects.first()
    if index is None:
        return 0
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for news in site_data.NEWS:
        if news.slug in existing:
            continue
        page = NewsPage(
            title=news.title,
            slug=news.slug,
            date=today - datetime.timedelta(days=news.days),
            intro=news.intro,
            body=_paragraphs(news.paragraphs),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def _annual_report(today: datetime.date) -> int:
    """The report for the year before last, the last one every partner's account is approved
    for, published with the secretariat's text (``site_data.ANNUAL_REPORT``)."""
    index = AnnualReportIndexPage.objects.first()
    year = today.year - 2
    if index is None or AnnualReportPage.objects.filter(year=year).exists():
        return 0
    text = site_data.ANNUAL_REPORT
    page = AnnualReportPage(
        title=text.title.format(year=year),
        slug=str(year),
        year=year,
        intro=text.intro.format(year=year),
        body=[
            ("heading", text.heading),
            *_paragraphs(paragraph.format(year=year) for paragraph in text.paragraphs),
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return 1


def _examples(by_domain: dict[str, Organisation], today: datetime.date) -> int:
    index = ExampleIndexPage.objects.first()
    if index is None:
        return 0
    existing = set(index.get_children().values_list("slug", flat=True))
    wanted = [e for e in site_data.EXAMPLES if e.slug not in existing]
    # The first matching measure of each (organisation, category), for the examples that tell
    # about a measure in the organisation's action plan.
    measures: dict[tuple[int, str], Measure] = {}
    for measure in (
        Measure.objects.filter(
            plan__organisation__in=[by_domain[e.organisations[0]] for e in wanted if e.link_measure]
        )
        .select_related("plan")
        .order_by("pk")
    ):
        measures.setdefault((measure.plan.organisation_id, measure.category), measure)
    for example in wanted:
        involved = [by_domain[domain] for domain in example.organisations]
        body = _paragraphs(example.story)
        if example.quote:
            quote, attribution = example.quote
            body.insert(1, ("quote", {"quote": quote, "attribution": attribution}))
        page = ExamplePage(
            title=example.title,
            slug=example.slug,
            date=today - datetime.timedelta(days=example.days),
            summary=example.summary,
            category=example.category,
            year=today.year - example.years_ago,
            reduction_t=Decimal(example.reduction_t) if example.reduction_t else None,
            reduction_percent=(
                Decimal(example.reduction_percent) if example.reduction_percent else None
            ),
            cost_nok=Decimal(example.cost_nok) if example.cost_nok is not None else None,
            contact_name=example.contact[0],
            contact_email=example.contact[1],
            measure=(
                measures.get((involved[0].pk, example.category)) if example.link_measure else None
            ),
            body=body,
        )
        index.add_child(instance=page)
        page.organisations.set(involved)
        page.save_revision().publish()
    return len(wanted)
