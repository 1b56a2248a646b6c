"""The public, read-only API of the network's open data: no key, paginated, with an ETag for
conditional GET (``conventions.public_read``). The rows come from ``api.public_data``, which
the downloads of the open data catalogue (``api.open_data``) use too."""

from collections.abc import Sequence

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from klimanett.api import public_data
from klimanett.api.conventions import Pages, Text, public_read
from klimanett.api.public_data import (
    EventOrdering,
    EventWhen,
    ExampleOrdering,
    PublicEvent,
    PublicExample,
    PublicResource,
    PublicResult,
    PublicStatistic,
    PublicTarget,
    ResourceOrdering,
    ResultOrdering,
    StatisticOrdering,
    TargetOrdering,
)

router = Router(tags=["open data"])

_ORDERING = "Sort order: one of the listed values; a leading '-' sorts descending."
_LICENCE = " Open data under the Norwegian licence for open government data (NLOD 2.0)."


class ResultFilters(Schema):
    year: int | None = None
    organisation: Text = ""
    sector: Text = ""
    ordering: ResultOrdering = "organisation"


class TargetFilters(Schema):
    organisation: Text = ""
    sector: Text = ""
    kind: Text = ""
    ordering: TargetOrdering = "organisation"


class ExampleFilters(Schema):
    category: Text = ""
    year: int | None = None
    organisation: Text = ""
    ordering: ExampleOrdering = "partners_first"


class EventFilters(Schema):
    when: EventWhen = "all"
    type: Text = ""
    theme: Text = ""
    ordering: EventOrdering = "starts_at"


class ResourceFilters(Schema):
    theme: Text = ""
    type: Text = ""
    year: int | None = None
    language: Text = ""
    ordering: ResourceOrdering = "-year"


class StatisticFilters(Schema):
    municipality: Text = ""
    year: int | None = None
    sector: Text = ""
    ordering: StatisticOrdering = "municipality"


@router.get(
    "/results",
    response=list[PublicResult],
    summary="Published climate results",
    description=(
        "Greenhouse gas emissions in tonnes CO2e by scope (scope 2 location- and market-based) "
        "of the climate accounts the secretariat approved and the partner published, for "
        "partners in the public directory. Filter with year, organisation (its slug) and "
        "sector (NACE section letter). ordering: organisation, -organisation, year, -year, "
        "total_location, -total_location. An approved account that its own factor set can no "
        "longer calculate (rare) is left out of its page but still counted." + _LICENCE
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_results(request: HttpRequest, filters: Query[ResultFilters]) -> Sequence[PublicResult]:
    return public_data.result_rows(**filters.dict())


@router.get(
    "/targets",
    response=list[PublicTarget],
    summary="Published climate targets",
    description=(
        "The targets partners in the public directory publish, with their evaluation as the "
        "public profile shows it: values in `unit`, the latest published year against the "
        "target's path (`on_track`) and 1.5 °C alignment. Filter with organisation (slug), "
        "sector and kind (emissions, energy, renewable_share). ordering: organisation, "
        "-organisation, target_year, -target_year, base_year, -base_year." + _LICENCE
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_targets(request: HttpRequest, filters: Query[TargetFilters]) -> Sequence[PublicTarget]:
    return public_data.target_rows(**filters.dict())


@router.get(
    "/examples",
    response=list[PublicExample],
    summary="Good examples",
    description=(
        "The network's published good examples, those involving a partner first (newest "
        "first within) as on the site. Filter with category, year and organisation (slug). "
        "ordering: partners_first, -date, date, title, -title, -year, year." + _LICENCE
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_examples(request: HttpRequest, filters: Query[ExampleFilters]) -> Sequence[PublicExample]:
    return public_data.example_rows(request, **filters.dict())


@router.get(
    "/events",
    response=list[PublicEvent],
    summary="Events",
    description=(
        "The network's published events (cancelled ones too, with status cancelled). Filter "
        "with when (all, upcoming, past), type and theme (slug). ordering: starts_at, "
        "-starts_at, title, -title." + _LICENCE
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> Sequence[PublicEvent]:
    return public_data.event_rows(request, **filters.dict())


@router.get(
    "/resources",
    response=list[PublicResource],
    summary="Knowledge library",
    description=(
        "Published resources of the knowledge library. Filter with theme (slug), type "
        "(report, guide, tool, article, video, dataset, example), year and language (nb, nn, "
        "en, sv, da, other). ordering: -year, year, title, -title." + _LICENCE
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_resources(
    request: HttpRequest, filters: Query[ResourceFilters]
) -> Sequence[PublicResource]:
    return public_data.resource_rows(request, **filters.dict())


@router.get(
    "/statistics",
    response=list[PublicStatistic],
    summary="Municipal emission statistics",
    description=(
        "The Norwegian Environment Agency's greenhouse gas statistics for the municipalities, "
        "in tonnes CO2e. Filter with municipality (number, e.g. 4003), year and sector. "
        "ordering: municipality, year, -year, sector." + _LICENCE
    ),
)
@paginate(Pages)
@decorate_view(public_read)
def list_statistics(
    request: HttpRequest, filters: Query[StatisticFilters]
) -> Sequence[PublicStatistic]:
    return public_data.statistic_rows(**filters.dict())
