"""What search engines and link previews read: description, canonical address, Open Graph.

Wagtail pages give it all from the page; any view may set ``meta_title``, ``meta_description``,
``canonical_url``, ``og_type`` or ``og_image`` in its context to override it (the routable
partner profiles do). Views without a page get a canonical address from the site and the path.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page, Site

from klimanett.site.models import AnnualReportIndexPage

register = template.Library()

DESCRIPTION_WORDS = 40
OG_IMAGE_SPEC = "fill-1200x630"
ARTICLE_TYPES = {"newspage", "examplepage"}
STATEMENT_SLUGS = ("tilgjengelighet", "personvern")


def _site(request: Any) -> Site | None:
    return Site.find_for_request(request) if request is not None else None


def _absolute(url: str, site: Site | None, request: Any) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if site is not None:
        return site.root_url + url
    return request.build_absolute_uri(url) if request is not None else url


def _description(page: Page | None) -> str:
    if page is None:
        return ""
    for text in (
        page.search_description,
        getattr(page, "intro", ""),
        getattr(page, "summary", ""),
    ):
        if text:
            plain = " ".join(strip_tags(str(text)).split())
            return Truncator(plain).words(DESCRIPTION_WORDS)
    return ""


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    page: Page | None = context.get("page") if isinstance(context.get("page"), Page) else None
    site = _site(request)
    canonical = context.get("canonical_url") or (page.get_full_url(request) if page else "")
    if not canonical and request is not None:
        canonical = _absolute(request.path, site, request)
    title = context.get("meta_title") or (page and (page.seo_title or page.title)) or ""
    og_image, og_image_alt = context.get("og_image") or "", ""
    first_image = getattr(page, "first_image", None)
    if not og_image and callable(first_image):
        figure = first_image()
        if figure is not None and figure.get("image") is not None:
            rendition = get_rendition_or_not_found(figure["image"], OG_IMAGE_SPEC)
            og_image = _absolute(rendition.url, site, request)
            og_image_alt = figure.get("alt_text", "")
    description = context.get("meta_description")
    if description:
        description = Truncator(" ".join(str(description).split())).words(DESCRIPTION_WORDS)
    else:
        description = _description(page)
    is_article = page is not None and type(page)._meta.model_name in ARTICLE_TYPES
    og_type = context.get("og_type") or ("article" if is_article else "website")
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "og_type": og_type,
        "og_image": og_image,
        "og_image_alt": og_image_alt,
        "site_name": (site.site_name if site else "") or "Klimanett",
    }


@register.simple_tag(takes_context=True)
def statement_pages(context: template.Context) -> list[Page]:
    """The live accessibility statement and privacy page under the site's home page."""
    site = _site(context.get("request"))
    if site is None:
        return []
    # Pages with a view restriction of their own are left out in the same query (`.public()`
    # would read every restriction in the tree once more on every page).
    statements = (
        site.root_page.get_children()
        .live()
        .filter(slug__in=STATEMENT_SLUGS, view_restrictions__isnull=True)
    )
    pages = {page.slug: page for page in statements}
    return [pages[slug] for slug in STATEMENT_SLUGS if slug in pages]


@register.simple_tag
def annual_reports_page() -> Page | None:
    """The live, public index of the network's annual climate reports, if there is one (for
    pages outside the page tree that link to it, such as /klimastatus/)."""
    return AnnualReportIndexPage.objects.live().public().first()
