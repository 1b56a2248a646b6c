"""The public knowledge library at /kunnskap/: faceted browsing with search, and each
resource's page. Only published resources are ever shown."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from klimanett.climateplans.measure_templates import BY_KEY
from klimanett.core.page_cache import cache_public_page
from klimanett.events.models import Event
from klimanett.library import facets
from klimanett.library.models import Resource
from klimanett.library.related import related_resources

PER_PAGE = 20
RESULTS_TARGET = "library-results"


@require_safe
@cache_public_page
def library(request: HttpRequest) -> HttpResponse:
    choice = facets.parse(request.GET)
    hits = facets.search_hits(choice.query) if choice.query else None
    resources = facets.ordered(facets.matching(choice, hits), choice, hits)
    page_obj = Paginator(resources.prefetch_related("themes"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    template = "library/library.html"
    # Set by django-htmx's middleware; a request that did not pass through it has none.
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    if htmx and htmx.target == RESULTS_TARGET:
        template = "library/library.html#browse"
    context = {
        "choice": choice,
        "facets": facets.facets(choice, hits),
        "page_obj": page_obj,
        "filters": choice.querystring(),
        "sorts": _sorts(choice),
    }
    return render(request, template, context)


def _sorts(choice: facets.Choice) -> list[tuple[str, str]]:
    labels = {
        "relevance": _("Best match"),
        "newest": _("Newest first"),
        "title": _("Title A–Z"),
    }
    return [(key, labels[key]) for key in facets.SORTS if key != "relevance" or choice.query]


def get_published_resource(slug: str) -> Resource:
    """A published resource, or 404 (suggested and rejected ones are never shown)."""
    try:
        return Resource.objects.published().prefetch_related("themes", "sectors").get(slug=slug)
    except Resource.DoesNotExist as error:
        raise Http404 from error


def backed_events(resource: Resource) -> list[Event]:
    """The published events the resource backs: upcoming ones first (soonest first), then
    past ones (latest first)."""
    now = timezone.now()
    events = Event.objects.published().filter(resources=resource)
    return [*events.upcoming(now).order_by("starts_at"), *events.past(now).order_by("-starts_at")]


def backed_templates(resource: Resource) -> list[str]:
    """The titles of the measure templates the resource backs, in the reader's language."""
    keys = resource.measure_templates if isinstance(resource.measure_templates, list) else []
    return [_(BY_KEY[key].title) for key in keys if key in BY_KEY]


def file_size(resource: Resource) -> int | None:
    """The uploaded file's size, or None when there is no file or it cannot be read."""
    if not resource.file:
        return None
    try:
        return int(resource.file.size)
    except OSError:  # gone from storage: the page still shows, without the size
        return None


@require_safe
@cache_public_page
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_published_resource(slug)
    context = {
        "resource": resource,
        "meta_title": resource.title,
        "meta_description": resource.summary,
        "host": urlsplit(resource.url).hostname or "",
        "related": related_resources(resource),
        "events": backed_events(resource),
        "templates": backed_templates(resource),
        "file_type": (resource.file.name or "").rsplit(".", 1)[-1].upper() if resource.file else "",
        "file_size": file_size(resource),
    }
    return render(request, "library/resource_detail.html", context)
