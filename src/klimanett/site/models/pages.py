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

from klimanett.partners import selectors
from klimanett.partners.models import Organisation
from klimanett.site.blocks import AimBlock, BodyBlock
from klimanett.site.forms import DirectoryFilterForm
from klimanett.site.highlights import load_highlights
from klimanett.site.models.examples import ExamplePage
from klimanett.site.profiles import partner_profile

HOME_EXAMPLES = 3
HOME_EVENTS = 3


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
        from klimanett.site.key_figures import key_figures, upcoming_events
        from klimanett.site.models.examples import ExampleIndexPage
        from klimanett.site.models.news import NewsIndexPage

        context = super().get_context(request, *args, **kwargs)
        # The private sections of the page tree, read once for every list below (what
        # `.public()` would read again for each).
        private = Page.objects.private_q()
        context["directory_page"] = PartnerDirectoryPage.objects.live().exclude(private).first()
        context["highlights"] = load_highlights()
        context["key_figures"] = key_figures(private_pages=private)
        context["examples"] = list(
            ExamplePage.objects.live()
            .exclude(private)
            .partners_first()
            .prefetch_related("organisations")[:HOME_EXAMPLES]
        )
        context["example_index"] = ExampleIndexPage.objects.live().exclude(private).first()
        context["news_index"] = NewsIndexPage.objects.live().exclude(private).first()
        context["events"] = list(upcoming_events()[:HOME_EVENTS])
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

    def profile_url(self, organisation: Organisation, request: HttpRequest | None = None) -> str:
        """The full address of the organisation's public profile (check it has one first)."""
        return (self.get_full_url(request) or "") + self.reverse_subpage(
            "profile", args=[organisation.slug]
        )

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        """The directory and, after it, every public partner profile."""
        urls = super().get_sitemap_urls(request)
        for organisation in selectors.directory():
            urls.append(
                {
                    "location": self.profile_url(organisation, request),
                    "lastmod": organisation.updated_at,
                }
            )
        return urls

    @path("")
    def directory(self, request: HttpRequest) -> HttpResponse:
        form = DirectoryFilterForm(request.GET or None)
        filters = form.cleaned_filters() if form.is_valid() else {}
        organisations = selectors.directory(**filters)
        template = "klimanett_site/partner_directory_page.html"
        # Set by django-htmx's middleware; a request that did not pass through it has none.
        htmx: HtmxDetails | None = getattr(request, "htmx", None)
        if htmx and htmx.target == "partner-results":
            template = "klimanett_site/partner_directory_page.html#browse"
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
                "profile": partner_profile(organisation),
                "meta_title": organisation.name,
                "meta_description": organisation.description,
                "canonical_url": self.profile_url(organisation, request),
            },
            template="klimanett_site/partner_profile.html",
        )
