"""News: an index page with dated news pages under it."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from klimanett.site.blocks import BodyBlock
from klimanett.site.feeds import PageFeed

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["klimanett_site.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def news(self) -> models.QuerySet[NewsPage]:
        return NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["news"] = self.news()
        context["page_obj"] = Paginator(context["news"], NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("rss/")
    def feed(self, request: HttpRequest) -> HttpResponse:
        return PageFeed(
            self,
            self.news(),
            text_field="intro",
            description=str(_("News from the climate network.")),
        )(request)


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(
        _("introduction"), max_length=500, help_text=_("Shown in lists and feeds.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["klimanett_site.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def first_image(self) -> Any:
        """The first image in the article (for Open Graph), or None."""
        for block in self.body:
            if block.block_type == "image":
                return block.value
        return None
