"""Findability: the sitemap, the RSS feeds, and the description, canonical address and Open Graph
tags in the head of every public page."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.builders import (
    make_example_page,
    make_membership,
    make_news_page,
    make_organisation,
    make_site_pages,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def _canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    return match.group(1) if match else None


def test_sitemap_lists_live_pages_and_public_partner_profiles_only(client, db):
    make_site_pages()
    shown = make_organisation(name="Synlig AS")
    make_membership(shown)
    hidden = make_organisation(name="Skjult AS", public_profile=False)
    make_membership(hidden)
    ended = make_organisation(name="Sluttet AS")
    make_membership(ended, status="ended")
    example = make_example_page(slug="varmepumpe")
    news = make_news_page(slug="ny-partner")
    make_example_page(slug="utkast-eksempel", live=False)
    make_news_page(slug="utkast-nyhet", live=False)

    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }

    base = "http://localhost"
    for path in (
        "/",
        "/partnere/",
        f"/partnere/{shown.slug}/",
        "/eksempler/",
        example.url,
        "/nyheter/",
        news.url,
        "/arets-klimapartner/",
        "/tilgjengelighet/",
        "/personvern/",
    ):
        assert base + path in urls, path
    assert not [url for url in urls if "utkast" in url]
    assert base + f"/partnere/{hidden.slug}/" not in urls
    assert base + f"/partnere/{ended.slug}/" not in urls
    profile_lastmod = urls[base + f"/partnere/{shown.slug}/"]
    assert profile_lastmod == timezone.localtime(shown.updated_at).date().isoformat()


@pytest.mark.parametrize(
    ("url", "make", "text_field"),
    [("/nyheter/rss/", make_news_page, "intro"), ("/eksempler/rss/", make_example_page, "summary")],
)
def test_rss_feeds_list_live_pages_newest_first(client, db, url, make, text_field):
    make_site_pages()
    make(title="Eldst", slug="eldst", date=datetime.date(2025, 1, 1))
    make(title="Nyest", slug="nyest", date=datetime.date(2026, 2, 1), **{text_field: "Kort tekst."})
    make(title="Utkast", slug="utkast", live=False)

    response = client.get(url)

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    assert channel is not None
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Nyest", "Eldst"]
    assert items[0].findtext("link") == f"http://localhost{url.removesuffix('rss/')}nyest/"
    assert items[0].findtext("description") == "Kort tekst."
    assert "2026" in (items[0].findtext("pubDate") or "")


@pytest.mark.parametrize("path", ["/nyheter/", "/eksempler/"])
def test_index_pages_link_their_rss_feed(client, db, path):
    make_site_pages()
    html = client.get(path).content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="' in html
    assert f'href="{path}rss/"' in html


def test_every_public_page_has_a_canonical_address_and_open_graph_tags(client, db):
    make_site_pages()
    organisation = make_organisation(name="Synlig AS")
    make_membership(organisation)
    example = make_example_page()
    news = make_news_page()
    for path in (
        "/",
        "/partnere/",
        f"/partnere/{organisation.slug}/",
        "/eksempler/",
        example.url,
        "/nyheter/",
        news.url,
        "/tilgjengelighet/",
        "/personvern/",
        "/arrangementer/",
    ):
        html = client.get(path).content.decode()
        assert _canonical(html) == f"http://localhost{path}", path
        assert _meta(html, "property", "og:url") == f"http://localhost{path}", path
        assert _meta(html, "property", "og:site_name"), path
        assert _meta(html, "property", "og:type") in ("website", "article"), path


def test_filtered_list_has_the_list_as_its_canonical_address(client, db):
    make_site_pages()
    html = client.get("/eksempler/", {"category": "heating"}).content.decode()
    assert _canonical(html) == "http://localhost/eksempler/"


def test_description_falls_back_from_search_description_to_intro_or_summary(client, db):
    make_site_pages()
    with_search = make_news_page(intro="Ingressen.", search_description="For søkemotorer.")
    without = make_news_page(intro="Ingressen til nyheten.")
    example = make_example_page(summary="Sammendraget av eksempelet.")

    assert _meta(client.get(with_search.url).content.decode(), "name", "description") == (
        "For søkemotorer."
    )
    html = client.get(without.url).content.decode()
    assert _meta(html, "name", "description") == "Ingressen til nyheten."
    assert _meta(html, "property", "og:description") == "Ingressen til nyheten."
    assert _meta(html, "property", "og:type") == "article"
    assert _meta(html, "property", "og:title") == without.title
    html = client.get(example.url).content.decode()
    assert _meta(html, "name", "description") == "Sammendraget av eksempelet."


def test_home_page_description_is_its_purpose_without_markup(client, db):
    make_site_pages()
    html = client.get("/").content.decode()
    assert _meta(html, "name", "description") == "Et nettverk for klimaarbeid."


def test_partner_profile_has_its_own_title_description_and_canonical_address(client, db):
    make_site_pages()
    organisation = make_organisation(name="Synlig AS", description="Vi lager sykler i Skien.")
    make_membership(organisation)
    html = client.get(f"/partnere/{organisation.slug}/").content.decode()
    assert _canonical(html) == f"http://localhost/partnere/{organisation.slug}/"
    assert _meta(html, "name", "description") == "Vi lager sykler i Skien."
    assert _meta(html, "property", "og:title") == "Synlig AS"


# Wagtail leaves the temporary file of a new rendition for the garbage collector.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_example_and_news_with_an_image_have_an_open_graph_image(client, db):
    make_site_pages()
    image = Image.objects.create(title="Solceller", file=get_test_image_file())
    figure = {"image": image, "alt_text": "Solceller på lagertaket", "caption": ""}
    example = make_example_page(images=[("image", figure)])
    news = make_news_page(body=[("heading", "Bilder"), ("image", figure)])
    plain = make_news_page()

    for page in (example, news):
        html = client.get(page.url).content.decode()
        og_image = _meta(html, "property", "og:image")
        assert og_image is not None and og_image.startswith("http://localhost/"), page.url
        assert "fill-1200x630" in og_image or "1200" in og_image
        assert _meta(html, "property", "og:image:alt") == "Solceller på lagertaket"
    assert _meta(client.get(plain.url).content.decode(), "property", "og:image") is None
