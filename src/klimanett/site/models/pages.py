"""Wagtail page types for the public web site."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_htmx.middleware import HtmxDetails
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from klimanett.accounting.selectors import published_totals
from klimanett.partners import selectors
from klimanett.site.blocks import AimBlock, BodyBlock
from klimanett.site.forms import DirectoryFilterForm


class HomePage(Page):
    """The front page: the network's purpose and its aims."""

    intro = RichTextField(_("purpose"), features=["bold", "italic", "link"])
    aims_heading = models.CharField(
        _("heading above the aims"),
        max_length=120,
        blank=True,
        help_text=_("Left empty, the page shows “Our aims” in the reader's language."),
    )
    aims = StreamField([("aim", AimBlock())], verbose_name=_("aims"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("more content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("aims_heading"),
        FieldPanel("aims"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["directory_page"] = PartnerDirectoryPage.objects.live().first()
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class PartnerDirectoryPage(RoutablePageMixin, Page):
    """The public partner directory, with a profile page for each partner under it."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("partner directory")

    @path("")
    def directory(self, request: HttpRequest) -> HttpResponse:
        form = DirectoryFilterForm(request.GET or None)
        filters = form.cleaned_filters() if form.is_valid() else {}
        organisations = selectors.directory(**filters)
        template = "klimanett_site/partner_directory_page.html"
        # Set by django-htmx's middleware; a request that did not pass through it has none.
        htmx: HtmxDetails | None = getattr(request, "htmx", None)
        if htmx and htmx.target == "partner-results":
            template = "klimanett_site/partner_directory_page.html#results"
        return self.render(
            request,
            context_overrides={"form": form, "organisations": organisations},
            template=template,
        )

    @path("<slug:slug>/")
    def profile(self, request: HttpRequest, slug: str) -> HttpResponse:
        organisation = selectors.public_profile(slug)
        if organisation is None:
            raise Http404
        return self.render(
            request,
            context_overrides={
                "organisation": organisation,
                "membership": organisation.current_membership,
                "climate_totals": published_totals(organisation),
            },
            template="klimanett_site/partner_profile.html",
        )
