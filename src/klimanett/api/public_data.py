"""The network's open data: one function per data set that gives its public rows, used by both
the public API (``api.public``, ``api.partners``) and the downloads of the open data catalogue
(``api.open_data``), so the two can never differ.

Only public data, ever:

- partners: active members with a public profile (``Organisation.objects.in_directory()``);
- results: approved accounts the organisation publishes (``ClimateAccount.objects.published()``)
  of directory organisations, computed by the engine (``climateplans.actuals``);
- targets: published targets (``Target.objects.published()``) of directory organisations,
  evaluated against their *published* accounts only, as on the public profile
  (``site.profiles``);
- examples: live, public good-example pages, partners first as on the site;
- events: published (and cancelled) events, without the online link kept for registrants;
- resources: published knowledge-library resources;
- statistics: the Environment Agency's municipal emission statistics.

Each rows function takes its filters and an `ordering` from its ``*Ordering`` Literal and runs a
constant number of queries, however many rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Max, Prefetch, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from ninja import Schema

from klimanett.accounting.models import ClimateAccount
from klimanett.api.conventions import Rows
from klimanett.api.schemas import PublicPartner
from klimanett.climateplans import actuals, evaluation
from klimanett.climateplans.models import Target
from klimanett.events.models import Event, Theme
from klimanett.library.models import Resource
from klimanett.partners import selectors
from klimanett.partners.models import Organisation, OrganisationQuerySet
from klimanett.region.models import EmissionImport, MunicipalEmission

KG_PER_TONNE = 1000.0


def _tonnes(kg: float) -> float:
    return round(kg / KG_PER_TONNE, 3)


# Partners -------------------------------------------------------------------------------


PartnerOrdering = Literal["name", "-name", "municipality", "-municipality"]

_PARTNER_ORDER: dict[str, tuple[str, ...]] = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "municipality": ("municipality__name", "name", "pk"),
    "-municipality": ("-municipality__name", "name", "pk"),
}


def partner_row(organisation: Organisation) -> PublicPartner:
    return PublicPartner(
        slug=organisation.slug,
        name=organisation.name,
        kind=organisation.kind,
        sector=organisation.sector,
        municipality_number=organisation.municipality.number,
        municipality=organisation.municipality.name,
        website=organisation.website,
        description=organisation.description,
    )


def partner_rows(
    *,
    municipality: str = "",
    sector: str = "",
    kind: str = "",
    q: str = "",
    ordering: PartnerOrdering = "name",
) -> Rows[PublicPartner]:
    organisations = selectors.directory(
        municipality=municipality, sector=sector, kind=kind, query=q
    ).order_by(*_PARTNER_ORDER[ordering])
    return Rows(organisations, partner_row)


# Climate results ------------------------------------------------------------------------


class PublicResult(Schema):
    organisation_slug: str
    organisation: str
    sector: str
    year: int
    scope1_t: float
    scope2_location_t: float
    scope2_market_t: float
    scope3_t: float
    total_location_t: float
    total_market_t: float
    biogenic_tco2: float


ResultOrdering = Literal[
    "organisation", "-organisation", "year", "-year", "total_location", "-total_location"
]


def _directory(organisation: str = "", sector: str = "") -> OrganisationQuerySet:
    """The directory organisations, filtered by slug and sector."""
    organisations = Organisation.objects.in_directory()
    if organisation:
        organisations = organisations.filter(slug=organisation)
    if sector:
        organisations = organisations.filter(sector=sector)
    return organisations


def _by_name(row: PublicResult) -> tuple[str, str]:
    return (row.organisation.casefold(), row.organisation_slug)


_RESULT_ORDER: dict[str, tuple[Any, ...]] = {
    "organisation": (Lower("organisation__name"), "organisation__slug", "year"),
    "-organisation": (Lower("organisation__name").desc(), "-organisation__slug", "year"),
    "year": ("year", Lower("organisation__name"), "organisation__slug"),
    "-year": ("-year", Lower("organisation__name"), "organisation__slug"),
}


def result_rows(
    *,
    year: int | None = None,
    organisation: str = "",
    sector: str = "",
    ordering: ResultOrdering = "organisation",
) -> Sequence[PublicResult]:
    """The published results of directory organisations, in tonnes CO2e. Ordered by name or
    year, the database orders and counts the accounts and only those of the page taken are
    computed (three queries a page); ordered by a total, every result is computed first.

    An account its own factor set can no longer calculate is left out, as on the public
    profile."""
    accounts = (
        ClimateAccount.objects.published()
        .filter(organisation__in=_directory(organisation, sector))
        .select_related("organisation")
        .only(
            "year",
            "organisation",
            "organisation__slug",
            "organisation__name",
            "organisation__sector",
        )
    )
    if year is not None:
        accounts = accounts.filter(year=year)
    if ordering in _RESULT_ORDER:
        return Rows(accounts.order_by(*_RESULT_ORDER[ordering], "pk"), make_page=_results_of)
    rows = _results_of(list(accounts))
    sign = -1 if ordering.startswith("-") else 1
    rows.sort(key=lambda row: (sign * row.total_location_t, _by_name(row), row.year))
    return rows


def _results_of(accounts: list[ClimateAccount]) -> list[PublicResult]:
    """The results of `accounts` (with their organisation), in their order: two queries."""
    figures = actuals.figures_by_organisation(
        {account.organisation_id for account in accounts}, published_only=True, line_models=False
    )
    rows = []
    for account in accounts:
        item = figures.get(account.organisation_id, {}).get(account.year)
        if item is None:
            continue
        owner = account.organisation
        rows.append(
            PublicResult(
                organisation_slug=owner.slug,
                organisation=owner.name,
                sector=owner.sector,
                year=item.year,
                scope1_t=_tonnes(item.totals.scope1_kg),
                scope2_location_t=_tonnes(item.totals.scope2_location_kg),
                scope2_market_t=_tonnes(item.totals.scope2_market_kg),
                scope3_t=_tonnes(item.totals.scope3_kg),
                total_location_t=_tonnes(item.totals.total_location_kg),
                total_market_t=_tonnes(item.totals.total_market_kg),
                biogenic_tco2=_tonnes(item.totals.biogenic_kgco2),
            )
        )
    return rows


# Targets --------------------------------------------------------------------------------


class PublicTarget(Schema):
    organisation_slug: str
    organisation: str
    title: str
    kind: str
    metric: str
    scopes: str
    status: str
    unit: str
    base_year: int
    base_value: float | None
    target_year: int
    target_value: float | None
    reduction_percent: float | None
    target_share_percent: float | None
    latest_year: int | None
    latest_value: float | None
    on_track: bool | None
    aligned_1_5c: bool | None


TargetOrdering = Literal[
    "organisation", "-organisation", "target_year", "-target_year", "base_year", "-base_year"
]

_TARGET_ORDER: dict[str, tuple[str, ...]] = {
    "organisation": ("organisation__name", "target_year", "pk"),
    "-organisation": ("-organisation__name", "target_year", "pk"),
    "target_year": ("target_year", "organisation__name", "pk"),
    "-target_year": ("-target_year", "organisation__name", "pk"),
    "base_year": ("base_year", "organisation__name", "pk"),
    "-base_year": ("-base_year", "organisation__name", "pk"),
}


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def target_rows(
    *,
    organisation: str = "",
    sector: str = "",
    kind: str = "",
    ordering: TargetOrdering = "organisation",
) -> Rows[PublicTarget]:
    """Published targets of directory organisations with their evaluation as the public
    profile shows it (against published accounts only), computed only for the page taken:
    three queries a page."""
    published = (
        Target.objects.published()
        .filter(organisation__in=_directory(organisation, sector))
        .select_related("organisation")
        .order_by(*_TARGET_ORDER[ordering])
    )
    if kind:
        published = published.filter(kind=kind)
    return Rows(published, make_page=_targets_of)


def _targets_of(targets: list[Target]) -> list[PublicTarget]:
    figures = actuals.figures_by_organisation(
        {t.organisation_id for t in targets}, published_only=True, line_models=False
    )
    rows = []
    for evaluated in evaluation.evaluate_targets(targets, figures):
        target = evaluated.target
        owner = target.organisation
        latest = evaluated.latest
        rows.append(
            PublicTarget(
                organisation_slug=owner.slug,
                organisation=owner.name,
                title=target.title,
                kind=target.kind,
                metric=target.metric,
                scopes=target.scopes,
                status=target.status,
                unit=str(evaluated.unit.label),
                base_year=target.base_year,
                base_value=_round(evaluated.shown_base),
                target_year=target.target_year,
                target_value=_round(evaluated.shown_target),
                reduction_percent=_float(target.reduction_percent),
                target_share_percent=_float(target.target_share_percent),
                latest_year=latest.year if latest else None,
                latest_value=_round(latest.shown_actual) if latest else None,
                on_track=evaluated.on_track,
                aligned_1_5c=evaluated.aligned_1_5c,
            )
        )
    return rows


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# Good examples --------------------------------------------------------------------------


class PublicExample(Schema):
    title: str
    url: str
    date: datetime.date
    summary: str
    category: str
    year: int | None
    reduction_t: float | None
    reduction_percent: float | None
    organisations: list[str]  # names
    organisation_slugs: list[str]  # those in the public partner directory


ExampleOrdering = Literal["partners_first", "-date", "date", "title", "-title", "-year", "year"]


def example_rows(
    request: HttpRequest,
    *,
    category: str = "",
    year: int | None = None,
    organisation: str = "",
    ordering: ExampleOrdering = "partners_first",
) -> Rows[PublicExample]:
    """Live, public good examples, partners first (newest first within) as on the site."""
    from klimanett.site.models import ExamplePage

    examples = ExamplePage.objects.live().public()
    if category:
        examples = examples.filter(category=category)
    if year is not None:
        examples = examples.filter(year=year)
    if organisation:
        examples = examples.filter(organisations__slug=organisation).distinct()
    if ordering == "partners_first":
        examples = examples.partners_first()
    else:
        field = ordering.lstrip("-")
        desc = "-" if ordering.startswith("-") else ""
        examples = examples.order_by(f"{desc}{field}", "-pk")
    examples = examples.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    )
    public = set(Organisation.objects.in_directory().values_list("pk", flat=True))
    return Rows(
        examples,
        lambda page: PublicExample(
            title=page.title,
            url=page.get_full_url(request) or "",
            date=page.date,
            summary=page.summary,
            category=page.category,
            year=page.year,
            reduction_t=_float(page.reduction_t),
            reduction_percent=_float(page.reduction_percent),
            organisations=[o.name for o in page.organisations.all()],
            organisation_slugs=[o.slug for o in page.organisations.all() if o.pk in public],
        ),
    )


# Events ---------------------------------------------------------------------------------


class PublicEvent(Schema):
    slug: str
    title: str
    type: str
    status: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_name: str
    address: str
    audience: str
    themes: list[str]
    url: str


EventOrdering = Literal["starts_at", "-starts_at", "title", "-title"]
EventWhen = Literal["all", "upcoming", "past"]


def event_rows(
    request: HttpRequest,
    *,
    when: EventWhen = "all",
    type: str = "",
    theme: str = "",
    ordering: EventOrdering = "starts_at",
) -> Rows[PublicEvent]:
    """Published events (cancelled ones too, marked so); never the online link, which is
    for those registered."""
    events = Event.objects.published()
    if when == "upcoming":
        events = events.upcoming()
    elif when == "past":
        events = events.past()
    if type:
        events = events.filter(type=type)
    if theme:
        events = events.filter(themes__slug=theme).distinct()
    events = events.order_by(ordering, "pk").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )
    return Rows(
        events,
        lambda event: PublicEvent(
            slug=event.slug,
            title=event.title,
            type=event.type,
            status=event.status,
            summary=event.summary,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            venue_name=event.venue_name,
            address=event.address,
            audience=event.audience,
            themes=[t.slug for t in event.themes.all()],
            url=request.build_absolute_uri(event.get_absolute_url()),
        ),
    )


# Knowledge library ----------------------------------------------------------------------


class PublicResource(Schema):
    slug: str
    title: str
    summary: str
    link: str
    publisher: str
    year: int
    language: str
    type: str
    audience: str
    themes: list[str]
    sectors: list[str]
    url: str


ResourceOrdering = Literal["-year", "year", "title", "-title"]


def resource_rows(
    request: HttpRequest,
    *,
    theme: str = "",
    type: str = "",
    year: int | None = None,
    language: str = "",
    ordering: ResourceOrdering = "-year",
) -> Rows[PublicResource]:
    resources = Resource.objects.published()
    if theme:
        resources = resources.filter(themes__slug=theme).distinct()
    if type:
        resources = resources.filter(kind=type)
    if year is not None:
        resources = resources.filter(year=year)
    if language:
        resources = resources.filter(language=language)
    second = "title" if ordering.lstrip("-") == "year" else "-year"
    resources = resources.order_by(ordering, second, "pk").prefetch_related("themes", "sectors")
    return Rows(
        resources,
        lambda resource: PublicResource(
            slug=resource.slug,
            title=resource.title,
            summary=resource.summary,
            link=request.build_absolute_uri(resource.href) if resource.href else "",
            publisher=resource.publisher,
            year=resource.year,
            language=resource.language,
            type=resource.kind,
            audience=resource.audience,
            themes=sorted(t.slug for t in resource.themes.all()),
            sectors=sorted(s.slug for s in resource.sectors.all()),
            url=request.build_absolute_uri(resource.get_absolute_url()),
        ),
    )


# Municipal statistics -------------------------------------------------------------------


class PublicStatistic(Schema):
    municipality_number: str
    municipality: str
    year: int
    sector: str
    subsector: str
    t_co2e: float


StatisticOrdering = Literal["municipality", "year", "-year", "sector"]

_STATISTIC_ORDER: dict[str, tuple[str, ...]] = {
    "municipality": ("municipality__name", "year", "sector", "subsector"),
    "year": ("year", "municipality__name", "sector", "subsector"),
    "-year": ("-year", "municipality__name", "sector", "subsector"),
    "sector": ("sector", "subsector", "municipality__name", "year"),
}


def statistic_rows(
    *,
    municipality: str = "",
    year: int | None = None,
    sector: str = "",
    ordering: StatisticOrdering = "municipality",
) -> Rows[PublicStatistic]:
    emissions = MunicipalEmission.objects.select_related("municipality")
    if municipality:
        emissions = emissions.filter(municipality__number=municipality)
    if year is not None:
        emissions = emissions.filter(year=year)
    if sector:
        emissions = emissions.filter(sector=sector)
    return Rows(
        emissions.order_by(*_STATISTIC_ORDER[ordering]),
        lambda e: PublicStatistic(
            municipality_number=e.municipality.number,
            municipality=e.municipality.name,
            year=e.year,
            sector=e.sector,
            subsector=e.subsector,
            t_co2e=float(e.t_co2e),
        ),
    )


# The data sets, as the catalogue describes them -----------------------------------------


@dataclass(frozen=True)
class Dataset:
    identifier: str
    title: Any  # lazy, in the reader's language
    title_nb: str
    title_en: str
    description: Any
    description_nb: str
    description_en: str
    schema: type[Schema]
    rows: Callable[[HttpRequest], Sequence[Schema]]  # every public row, default order
    api_path: str
    keywords_nb: tuple[str, ...]
    keywords_en: tuple[str, ...]
    modified: Callable[[], datetime.datetime | None]  # the latest change to a public row
    periodicity: str  # EU frequency authority code: DAILY, ANNUAL, IRREG
    frequency: Any  # the same, in words

    @property
    def fields(self) -> list[str]:
        return list(self.schema.model_fields)


def _latest(queryset: QuerySet[Any], field: str) -> datetime.datetime | None:
    latest: datetime.datetime | None = queryset.aggregate(latest=Max(field))["latest"]
    return latest


def _examples_modified() -> datetime.datetime | None:
    from klimanett.site.models import ExamplePage

    return _latest(ExamplePage.objects.live().public(), "last_published_at")


_CONTINUOUS = "CONT"
_ANNUAL = "ANNUAL"

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        identifier="partners",
        title=_("Partners"),
        title_nb="Partnere i Klimanett",
        title_en="Klimanett partners",
        description=_("Active members of the network with a public profile."),
        description_nb="Aktive medlemmer av nettverket med offentlig profil.",
        description_en="Active members of the network with a public profile.",
        schema=PublicPartner,
        rows=lambda request: partner_rows(),
        api_path="partners",
        keywords_nb=("klimanettverk", "virksomheter"),
        keywords_en=("climate network", "organisations"),
        modified=lambda: _latest(Organisation.objects.in_directory(), "updated_at"),
        periodicity=_CONTINUOUS,
        frequency=_("Continuously, as partners join or change their profile"),
    ),
    Dataset(
        identifier="results",
        title=_("Climate results"),
        title_nb="Klimaresultater",
        title_en="Climate results",
        description=_(
            "Partners' greenhouse gas emissions by scope in tonnes CO2e, from the climate "
            "accounts the secretariat approved and the partner chose to publish."
        ),
        description_nb=(
            "Partnernes klimagassutslipp per scope i tonn CO2e, fra klimaregnskap godkjent av "
            "sekretariatet og publisert av partneren."
        ),
        description_en=(
            "Partners' greenhouse gas emissions by scope in tonnes CO2e, from climate accounts "
            "approved by the secretariat and published by the partner."
        ),
        schema=PublicResult,
        rows=lambda request: result_rows(),
        api_path="results",
        keywords_nb=("klimaregnskap", "klimagassutslipp", "CO2e"),
        keywords_en=("climate accounts", "greenhouse gas emissions", "CO2e"),
        modified=lambda: _latest(ClimateAccount.objects.published(), "updated_at"),
        periodicity=_ANNUAL,
        frequency=_("Yearly, as accounts are approved and published"),
    ),
    Dataset(
        identifier="targets",
        title=_("Climate targets"),
        title_nb="Klimamål",
        title_en="Climate targets",
        description=_(
            "The targets partners publish, measured against their published climate results."
        ),
        description_nb="Målene partnerne publiserer, målt mot deres publiserte klimaresultater.",
        description_en="The targets partners publish, measured against their published results.",
        schema=PublicTarget,
        rows=lambda request: target_rows(),
        api_path="targets",
        keywords_nb=("klimamål", "utslippskutt"),
        keywords_en=("climate targets", "emission reductions"),
        modified=lambda: _latest(Target.objects.published(), "updated_at"),
        periodicity=_CONTINUOUS,
        frequency=_("Continuously, as partners publish targets and results"),
    ),
    Dataset(
        identifier="examples",
        title=_("Good examples"),
        title_nb="Gode eksempler",
        title_en="Good examples",
        description=_("The network's published good examples of climate measures."),
        description_nb="Nettverkets publiserte gode eksempler på klimatiltak.",
        description_en="The network's published good examples of climate measures.",
        schema=PublicExample,
        rows=lambda request: example_rows(request),
        api_path="examples",
        keywords_nb=("klimatiltak", "gode eksempler"),
        keywords_en=("climate measures", "good practice"),
        modified=_examples_modified,
        periodicity=_CONTINUOUS,
        frequency=_("Continuously, as examples are published"),
    ),
    Dataset(
        identifier="events",
        title=_("Events"),
        title_nb="Arrangementer",
        title_en="Events",
        description=_("The network's published events, upcoming and past."),
        description_nb="Nettverkets publiserte arrangementer, kommende og tidligere.",
        description_en="The network's published events, upcoming and past.",
        schema=PublicEvent,
        rows=lambda request: event_rows(request),
        api_path="events",
        keywords_nb=("arrangementer", "nettverksmøter"),
        keywords_en=("events", "network meetings"),
        modified=lambda: _latest(Event.objects.published(), "updated_at"),
        periodicity=_CONTINUOUS,
        frequency=_("Continuously, as events are published"),
    ),
    Dataset(
        identifier="resources",
        title=_("Knowledge library"),
        title_nb="Kunnskapsbibliotek",
        title_en="Knowledge library",
        description=_("Reports, guides and tools in the network's knowledge library."),
        description_nb="Rapporter, veiledere og verktøy i nettverkets kunnskapsbibliotek.",
        description_en="Reports, guides and tools in the network's knowledge library.",
        schema=PublicResource,
        rows=lambda request: resource_rows(request),
        api_path="resources",
        keywords_nb=("kunnskap", "rapporter", "veiledere"),
        keywords_en=("knowledge", "reports", "guides"),
        modified=lambda: _latest(Resource.objects.published(), "updated_at"),
        periodicity=_CONTINUOUS,
        frequency=_("Continuously, as resources are published"),
    ),
    Dataset(
        identifier="statistics",
        title=_("Municipal emission statistics"),
        title_nb="Klimagassutslipp i kommunene",
        title_en="Municipal greenhouse gas emissions",
        description=_(
            "The Norwegian Environment Agency's greenhouse gas statistics for the region's "
            "municipalities, by year and sector, in tonnes CO2e."
        ),
        description_nb=(
            "Miljødirektoratets statistikk over klimagassutslipp i regionens kommuner, per år "
            "og sektor, i tonn CO2e."
        ),
        description_en=(
            "The Norwegian Environment Agency's greenhouse gas statistics for the region's "
            "municipalities, by year and sector, in tonnes CO2e."
        ),
        schema=PublicStatistic,
        rows=lambda request: statistic_rows(),
        api_path="statistics",
        keywords_nb=("klimagassutslipp", "kommuner", "statistikk"),
        keywords_en=("greenhouse gas emissions", "municipalities", "statistics"),
        modified=lambda: _latest(EmissionImport.objects.filter(rows_imported__gt=0), "imported_at"),
        periodicity=_ANNUAL,
        frequency=pgettext_lazy("update frequency", "Yearly, when the statistics are updated"),
    ),
)

DATASET_BY_ID = {dataset.identifier: dataset for dataset in DATASETS}
