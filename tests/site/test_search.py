import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import (
    make_event,
    make_example_page,
    make_membership,
    make_news_page,
    make_organisation,
    make_site_pages,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Norwegian stemming is PostgreSQL's full-text search; SQLite's FTS5 does not stem",
)


def search(client, query: str, **params: str) -> str:
    response = client.get("/sok/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def partner(name: str, **overrides):
    organisation = make_organisation(name=name, public_profile=True, **overrides)
    make_membership(organisation)
    return organisation


def test_search_finds_a_good_example_with_its_summary_and_type(client, db):
    make_site_pages()
    make_example_page(
        title="Solceller på rådhuset", summary="Kommunen dekker en femtedel av strømbruken selv."
    )
    page = search(client, "solceller")
    assert "Solceller på rådhuset" in page
    assert "Kommunen dekker en femtedel av strømbruken selv." in page
    assert "Godt eksempel" in page or "Good example" in page
    assert 'role="status"' in page


def test_search_finds_a_good_example_by_the_name_of_its_organisation(client, db):
    make_site_pages()
    organisation = partner("Telemarkssykkel AS")
    make_example_page(title="Ny sykkelparkering", organisations=[organisation])
    assert "Ny sykkelparkering" in search(client, "Telemarkssykkel")


def test_search_finds_news_with_their_introduction(client, db):
    make_site_pages()
    make_news_page(title="Frokostmøte om solenergi", intro="Over hundre deltakere kom.")
    page = search(client, "frokostmøte")
    assert "Frokostmøte om solenergi" in page
    assert "Over hundre deltakere kom." in page


def test_search_finds_partners_in_the_directory_and_links_to_their_profile(client, db):
    make_site_pages()
    organisation = partner("Grenland Varme AS", description="Fjernvarme fra overskuddsvarme.")
    page = search(client, "overskuddsvarme")
    assert "Grenland Varme AS" in page
    assert f'href="/partnere/{organisation.slug}/"' in page


def test_search_finds_published_events(client, db):
    make_site_pages()
    event = make_event(title="Kurs i klimaregnskap", summary="For nye partnere.")
    page = search(client, "klimaregnskap")
    assert "Kurs i klimaregnskap" in page
    assert f'href="{event.get_absolute_url()}"' in page


def test_search_never_finds_drafts_hidden_organisations_or_draft_events(client, db):
    make_site_pages()
    make_example_page(title="Hemmelig varmepumpeprosjekt", live=False)
    make_news_page(title="Hemmelig nyhet", live=False)
    hidden = make_organisation(name="Hemmelig Energi AS", public_profile=False)
    make_membership(hidden)
    ended = make_organisation(name="Hemmelig Sluttet AS", public_profile=True)
    make_membership(ended, status="ended")
    make_organisation(name="Hemmelig Uten Avtale AS", public_profile=True)
    make_event(title="Hemmelig arrangement", status="draft")

    page = search(client, "hemmelig")

    for title in (
        "Hemmelig varmepumpeprosjekt",
        "Hemmelig nyhet",
        "Hemmelig Energi AS",
        "Hemmelig Sluttet AS",
        "Hemmelig Uten Avtale AS",
        "Hemmelig arrangement",
    ):
        assert title not in page


def test_an_organisation_leaving_the_directory_is_no_longer_found(client, db):
    make_site_pages()
    organisation = partner("Porsgrunn Sykkel AS")
    assert "Porsgrunn Sykkel AS" in search(client, "Porsgrunn Sykkel")
    organisation.public_profile = False
    organisation.save()
    assert "Porsgrunn Sykkel AS" not in search(client, "Porsgrunn Sykkel")


def test_search_without_a_query_shows_the_form_and_no_results(client, db):
    make_site_pages()
    page = search(client, "")
    assert 'role="search"' in page
    assert "<ol" not in page


def test_search_results_are_paginated(client, db):
    make_site_pages()
    for n in range(23):
        make_event(title=f"Energikurs {n}")
    first = search(client, "energikurs")
    assert "23" in first
    assert first.count('class="ds-card"') == 20
    second = search(client, "energikurs", page="2")
    assert second.count('class="ds-card"') == 3


def test_the_header_has_an_accessible_search_form(client, db):
    make_site_pages()
    header = client.get("/").content.decode().split('<header class="kn-header">')[1]
    header = header.split("</header>")[0]
    assert 'role="search"' in header
    assert 'action="/sok/"' in header
    assert '<label class="ds-label" for="header-search-q"' in header


def test_search_queries_do_not_grow_with_the_number_of_hits(client, db):
    make_site_pages()

    def make_hits(n: int) -> None:
        for i in range(n):
            organisation = partner(f"Solkraft {i} AS")
            make_example_page(title=f"Solkraft på taket {i}", organisations=[organisation])
            make_news_page(title=f"Solkraft i nyhetene {i}")
            make_event(title=f"Solkraftkurs {i}")

    def queries() -> int:
        # A new query string each time: the page cache must not answer.
        queries.n = getattr(queries, "n", 0) + 1  # type: ignore[attr-defined]
        with CaptureQueriesContext(connection) as captured:
            search(client, "solkraft", page="1", n=str(queries.n))  # type: ignore[attr-defined]
        return len(captured)

    make_hits(2)
    queries()  # the first request of all reads the site and the root paths once
    few = queries()
    make_hits(8)
    assert queries() == few


@postgres_only
def test_search_on_postgresql_finds_norwegian_inflections(client, db):
    make_site_pages()
    make_example_page(title="Varmepumpe i barnehagen", summary="En ny sykkelparkering også.")
    assert "Varmepumpe i barnehagen" in search(client, "varmepumper")
    assert "Varmepumpe i barnehagen" in search(client, "sykkelparkeringer")


def test_partners_of_the_demo_network_built_in_bulk_are_found(client, db):
    import io

    from django.core.management import call_command

    from klimanett.partners.models import Organisation

    call_command("seed_demo", stdout=io.StringIO())
    organisation = Organisation.objects.in_directory().order_by("name").first()
    assert organisation is not None
    assert f'href="/partnere/{organisation.slug}/"' in search(client, organisation.name)
