"""The site search at /sok/: public pages, partner profiles, published events and the
knowledge library's published resources.

Each kind is searched with Wagtail's search backend (PostgreSQL's full-text search with
Norwegian stemming in production, SQLite's FTS5 index in development); the hits are shown
pages first, then partners, then events, then resources, a fixed number of queries whatever
their number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from klimanett.core.page_cache import cache_public_page
from klimanett.events.models import Event
from klimanett.library.models import Resource
from klimanett.partners.models import Organisation
from klimanett.site.models import ExamplePage, NewsPage, PartnerDirectoryPage

RESULTS_PER_PAGE = 20
MAX_HITS_PER_KIND = 100
MAX_QUERY_LENGTH = 200
_NOT_A_WORD = re.compile(r"[^\w\s-]|_")


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    summary: str
    date: datetime | None = None


def _page_kind(page: Page) -> str:
    if isinstance(page, ExamplePage):
        return str(_("Good example"))
    if isinstance(page, NewsPage):
        return str(_("News"))
    return str(_("Page"))


def _page_summary(page: Page) -> str:
    for field in ("summary", "intro", "search_description"):
        text = getattr(page, field, "")
        if text:
            return strip_tags(str(text))
    return ""


def page_hits(query: str, request: HttpRequest) -> list[Hit]:
    pages = Page.objects.live().public().specific().search(query)[:MAX_HITS_PER_KIND]
    return [
        Hit(_page_kind(page), page.title, page.get_url(request) or "", _page_summary(page))
        for page in pages
    ]


def partner_hits(query: str, request: HttpRequest) -> list[Hit]:
    directory = PartnerDirectoryPage.objects.live().public().first()
    if directory is None:
        return []
    in_directory = Organisation.objects.filter(
        pk__in=Organisation.objects.in_directory().values("pk")
    ).select_related("municipality")
    organisations = get_search_backend().search(query, in_directory)[:MAX_HITS_PER_KIND]
    directory_url = directory.get_url(request) or ""
    return [
        Hit(
            str(_("Partner")),
            organisation.name,
            directory_url
            + directory.reverse_subpage("profile", kwargs={"slug": organisation.slug}),
            " · ".join(filter(None, [organisation.municipality.name, organisation.description])),
        )
        for organisation in organisations
    ]


def event_hits(query: str) -> list[Hit]:
    events: QuerySet[Event] = Event.objects.filter(pk__in=Event.objects.published().values("pk"))
    return [
        Hit(
            str(_("Event")),
            event.title,
            event.get_absolute_url(),
            event.summary or event.description,
            event.starts_at,
        )
        for event in get_search_backend().search(query, events)[:MAX_HITS_PER_KIND]
    ]


def resource_hits(query: str) -> list[Hit]:
    """Published resources of the knowledge library."""
    resources = Resource.objects.published()
    return [
        Hit(str(_("Knowledge")), resource.title, resource.get_absolute_url(), resource.summary)
        for resource in get_search_backend().search(query, resources)[:MAX_HITS_PER_KIND]
    ]


def reindex_published_page(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_published`` receiver: index the page again once its relations are saved too.

    Wagtail indexes a page when its row is saved, before a ``ParentalManyToManyField`` (the
    organisations of a good example) is written, so the names would be one publication late.
    """
    index.insert_or_update_object(instance.specific)


def search_words(text: str) -> str:
    """The words of what the visitor typed: letters, digits, hyphens and spaces only.

    Quotes, brackets, asterisks, colons and NUL characters are operators or errors to the
    databases' full-text engines (an unbalanced quote is a syntax error to SQLite's FTS5);
    a visitor means the words.
    """
    return " ".join(_NOT_A_WORD.sub(" ", text).split())[:MAX_QUERY_LENGTH]


def search_site(query: str, request: HttpRequest) -> list[Hit]:
    return [
        *page_hits(query, request),
        *partner_hits(query, request),
        *event_hits(query),
        *resource_hits(query),
    ]


@require_safe
@cache_public_page
def search_view(request: HttpRequest) -> HttpResponse:
    query = search_words(request.GET.get("q", ""))
    results: PaginatorPage[Hit] | None = None
    hits: list[Hit] = []
    if query:
        hits = search_site(query, request)
        results = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "query": query,
        "results": results,
        "count": len(hits),
        "filters": urlencode({"q": query}),
    }
    return render(request, "klimanett_site/search.html", context)
