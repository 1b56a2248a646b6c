"""The accessibility statement, the privacy page and the site's sections set up by
ensure_site_pages."""

from __future__ import annotations

from wagtail.models import Page, PageViewRestriction

from klimanett.site.models import (
    AwardPage,
    ExampleIndexPage,
    NewsIndexPage,
    PartnerDirectoryPage,
    StandardPage,
)
from tests.builders import make_site_pages


def test_site_pages_are_created_once_however_often_they_are_ensured(db):
    make_site_pages()
    count = Page.objects.count()
    make_site_pages()
    assert Page.objects.count() == count
    for model, slug in (
        (PartnerDirectoryPage, "partnere"),
        (ExampleIndexPage, "eksempler"),
        (NewsIndexPage, "nyheter"),
        (AwardPage, "arets-klimapartner"),
    ):
        page = model.objects.get()
        assert page.slug == slug and page.live and page.show_in_menus, model
    for slug in ("tilgjengelighet", "personvern"):
        page = StandardPage.objects.get(slug=slug)
        assert page.live and not page.show_in_menus


def test_an_edited_statement_is_left_as_it_is(db):
    make_site_pages()
    page = StandardPage.objects.get(slug="personvern")
    page.title = "Personvernerklæring"
    page.save_revision().publish()
    make_site_pages()
    assert StandardPage.objects.get(slug="personvern").title == "Personvernerklæring"


def test_accessibility_statement_follows_the_norwegian_structure(client, db):
    make_site_pages()
    page = client.get("/tilgjengelighet/").content.decode()
    for text in (
        "Tilgjengelighetserklæring",
        "likestillings- og diskrimineringsloven",
        "forskrift om universell utforming",
        "WCAG 2.1",
        "Kjente mangler",
        "Gi oss tilbakemelding",
        "Digitaliseringsdirektoratet",
        "uutilsynet",
    ):
        assert text in page, text


def test_privacy_page_names_the_controller_the_data_the_rights_and_datatilsynet(client, db):
    make_site_pages()
    page = client.get("/personvern/").content.decode()
    for text in (
        "behandlingsansvarlig",
        "Kontaktpersoner",
        "12 måneder etter",
        "Nyhetsbrev",
        "Rettslig grunnlag",
        "Dine rettigheter",
        "Datatilsynet",
    ):
        assert text in page, text


def test_footer_links_to_both_statements_on_every_page(client, db):
    make_site_pages()
    for path in ("/", "/partnere/", "/arrangementer/"):
        footer = client.get(path).content.decode().split('<footer class="kn-footer">')[1]
        assert 'href="/tilgjengelighet/">Tilgjengelighetserklæring</a>' in footer, path
        assert 'href="/personvern/">Personvern</a>' in footer, path


def test_main_menu_shows_the_sections(client, db):
    make_site_pages()
    nav = client.get("/").content.decode().split('<nav aria-label="Hovedmeny">')[1]
    nav = nav.split("</nav>")[0]
    for path in ("/partnere/", "/eksempler/", "/nyheter/", "/arets-klimapartner/"):
        assert f'href="{path}"' in nav, path
    assert "/personvern/" not in nav


def test_footer_leaves_out_a_statement_page_behind_a_login(client, db):
    make_site_pages()
    privacy = Page.objects.get(slug="personvern")
    PageViewRestriction.objects.create(page=privacy, restriction_type=PageViewRestriction.LOGIN)
    footer = client.get("/eksempler/").content.decode().split("<footer")[1]
    assert 'href="/tilgjengelighet/"' in footer
    assert 'href="/personvern/"' not in footer
