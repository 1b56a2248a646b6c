from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimanett.site.models import HomePage, StandardPage
from tests.builders import make_membership, make_organisation, make_site_pages


def test_directory_lists_active_public_partners_only(client, db):
    make_site_pages()
    shown = make_organisation(name="Synlig AS")
    make_membership(shown)
    hidden = make_organisation(name="Skjult AS", public_profile=False)
    make_membership(hidden)
    ended = make_organisation(name="Sluttet AS")
    make_membership(ended, status="ended")
    prospect = make_organisation(name="Kanskje AS")
    make_membership(prospect, status="prospect", agreement_date=None)

    page = client.get("/partnere/").content.decode()

    assert "Synlig AS" in page
    for name in ("Skjult AS", "Sluttet AS", "Kanskje AS"):
        assert name not in page


def test_home_page_renders(client, db):
    make_site_pages()
    response = client.get("/")
    assert response.status_code == 200
    assert "Klimanettverket" in response.content.decode()


def test_main_menu_lists_pages_chosen_for_menus(client, db):
    make_site_pages()
    home = HomePage.objects.get()
    home.add_child(
        instance=StandardPage(title="Bli partner", slug="bli-partner", show_in_menus=True)
    )
    home.add_child(instance=StandardPage(title="Skjult side", slug="skjult", show_in_menus=False))
    nav = (
        client.get("/").content.decode().split('<nav aria-label="Hovedmeny">')[1].split("</nav>")[0]
    )
    assert 'href="/partnere/"' in nav
    assert "Bli partner" in nav
    assert "Skjult side" not in nav


def test_unknown_page_gets_the_sites_own_404_page_in_bokmal(client, db):
    make_site_pages()
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="nb"' in page
    assert "Fant ikke siden" in page
    assert 'id="innhold"' in page


def test_directory_search_ignores_letter_case_in_norwegian_names(client, db):
    make_site_pages()
    make_membership(make_organisation(name="Øvre Ås Gartneri AS"))
    make_membership(make_organisation(name="Nedre Gartneri AS"))
    for query in ("øvre", "ÅS GARTNERI", "Øvre ås"):
        page = client.get("/partnere/", {"q": query}).content.decode()
        assert "Øvre Ås Gartneri AS" in page, query
        assert "Nedre Gartneri AS" not in page, query


def test_directory_needs_the_same_number_of_queries_for_many_partners(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders the page
    make_site_pages()
    make_membership(make_organisation())
    client.get("/partnere/")  # warm caches (site, page tree)
    with CaptureQueriesContext(connection) as few:
        client.get("/partnere/")
    for _ in range(8):
        make_membership(make_organisation())
    with CaptureQueriesContext(connection) as many:
        client.get("/partnere/")
    assert len(many) == len(few)
