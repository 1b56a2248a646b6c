"""RSS feeds of the news and the good examples, served by their index pages (``rss/``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page

FEED_LENGTH = 20


class PageFeed(Feed):
    """The newest live, public pages under an index page; items have ``date`` and a text."""

    def __init__(
        self, index: Page, items: QuerySet[Any], *, text_field: str, description: str
    ) -> None:
        super().__init__()
        self.index = index
        self.pages = items
        self.text_field = text_field
        self.fallback_description = description
        self.request: HttpRequest | None = None

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Page:
        self.request = request
        return self.index

    def title(self, obj: Page) -> str:
        return obj.title

    def link(self, obj: Page) -> str:
        return obj.get_full_url(self.request) or ""

    def description(self, obj: Page) -> str:
        return getattr(obj, "intro", "") or self.fallback_description

    def items(self, obj: Page) -> list[Any]:
        return list(self.pages[:FEED_LENGTH])

    def item_title(self, item: Page) -> str:
        return item.title

    def item_description(self, item: Page) -> str:
        return getattr(item, self.text_field)

    def item_link(self, item: Page) -> str:
        return item.get_full_url(self.request) or ""

    def item_pubdate(self, item: Any) -> datetime.datetime:
        return datetime.datetime.combine(
            item.date, datetime.time(12), tzinfo=timezone.get_current_timezone()
        )
