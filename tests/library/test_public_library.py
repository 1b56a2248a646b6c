"""The public library at /kunnskap/: facets with counts, search, sorting, pages, htmx, and
what a visitor may type into the address."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from klimanett.events.models import Theme
from klimanett.library.models import Resource, Sector
from tests.builders import make_resource

URL = "/kunnskap/"

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Norwegian stemming is PostgreSQL's full-text search; SQLite's FTS5 does not stem",
)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def shelf(db):
    """Four published resources and two that are not, with themes and sectors."""
    energy = Theme.objects.create(name="Energi", slug="energi")
    transport = Theme.objects.create(name="Transport", slug="transport")
    industry = Sector.objects.create(name="Industri", slug="industri")
    public = Sector.objects.create(name="Offentlig sektor", slug="offentlig-sektor")
    make_resource(
        title="Varmepumper i industrien",
        year=2023,
        kind="report",
        language="nb",
        audience="companies",
        themes=[energy],
        sectors=[industry],
    )
    make_resource(
        title="Energy management handbook",
        year=2021,
        kind="guide",
        language="en",
        audience="both",
        themes=[energy],
        sectors=[industry, public],
    )
    make_resource(
        title="Elektriske varebiler",
        year=2023,
        kind="guide",
        language="nb",
        audience="municipalities",
        themes=[transport],
        sectors=[public],
    )
    make_resource(
        title="Utslippsstatistikk",
        year=2020,
        kind="dataset",
        language="nb",
        audience="municipalities",
        themes=[energy, transport],
    )
    make_resource(title="Foreslått om varmepumper", status="suggested", themes=[energy])
    make_resource(title="Avvist om varmepumper", status="rejected", themes=[energy])
    return {"energy": energy, "transport": transport}


def facet_counts(response, name: str) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.name == name)
    return {value.value: value.count for value in facet.values}


def titles(response) -> list[str]:
    return [resource.title for resource in response.context["page_obj"]]


def test_the_library_lists_only_published_resources_newest_first(client, shelf):
    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == [
        "Elektriske varebiler",
        "Varmepumper i industrien",
        "Energy management handbook",
        "Utslippsstatistikk",
    ]
    page = response.content.decode()
    assert "Foreslått" not in page and "Avvist" not in page
    assert 'role="status"' in page


def test_each_facet_counts_the_published_resources_of_each_value(client, shelf):
    response = client.get(URL)

    assert facet_counts(response, "theme") == {"energi": 3, "transport": 2}
    assert facet_counts(response, "sector") == {"industri": 2, "offentlig-sektor": 2}
    assert facet_counts(response, "kind") == {"report": 1, "guide": 2, "dataset": 1}
    assert facet_counts(response, "year") == {"2023": 2, "2021": 1, "2020": 1}
    assert facet_counts(response, "language") == {"nb": 3, "en": 1}
    assert facet_counts(response, "audience") == {"companies": 1, "municipalities": 2, "both": 1}


def test_a_chosen_facet_narrows_the_other_facets_counts_but_not_its_own(client, shelf):
    response = client.get(URL, {"theme": "energi"})

    assert sorted(titles(response)) == [
        "Energy management handbook",
        "Utslippsstatistikk",
        "Varmepumper i industrien",
    ]
    # Its own facet still counts over everything else, so another theme can be added.
    assert facet_counts(response, "theme") == {"energi": 3, "transport": 2}
    assert facet_counts(response, "kind") == {"report": 1, "guide": 1, "dataset": 1}
    assert facet_counts(response, "year") == {"2023": 1, "2021": 1, "2020": 1}


def test_values_within_a_facet_are_alternatives_and_facets_combine(client, shelf):
    either = client.get(URL, {"kind": ["report", "dataset"]})
    assert sorted(titles(either)) == ["Utslippsstatistikk", "Varmepumper i industrien"]

    both = client.get(URL, {"kind": ["report", "dataset"], "year": "2023"})
    assert titles(both) == ["Varmepumper i industrien"]
    # The chosen "dataset" has no resource from 2023, and stays shown, checked, at nought.
    assert facet_counts(both, "kind") == {"report": 1, "guide": 1, "dataset": 0}


def test_a_chosen_value_without_matches_stays_shown_and_checked_with_nought(client, shelf):
    response = client.get(URL, {"sector": "industri", "language": "nb", "audience": "both"})

    assert titles(response) == []
    audience = next(f for f in response.context["facets"] if f.name == "audience")
    chosen = [value for value in audience.values if value.chosen]
    assert [(value.value, value.count) for value in chosen] == [("both", 0)]
    page = response.content.decode()
    assert 'id="facet-audience-both" checked' in page


def test_facet_counts_are_shown_in_text_inside_fieldsets_with_legends(english, shelf):
    page = english.get(URL).content.decode()

    assert "<fieldset" in page and "<legend" in page
    assert 'Energi <span class="kn-facet-count">(3' in page
    assert "3 resources" in page.replace('<span class="ds-sr-only"> resources</span>', " resources")


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"page": "x"},
        {"page": "999"},
        {"theme": "no-such-theme"},
        {"sector": "<script>"},
        {"kind": "poem"},
        {"sort": "random"},
        {"sort": "relevance"},
        {"q": '"unterminated (sol* OR'},
        {"q": "\x00"},
        {"q": "x" * 5000},
    ],
    ids=lambda params: "-".join(f"{k}={v[:10]!r}" for k, v in params.items()),
)
def test_odd_query_strings_answer_with_a_page_never_an_error(english, shelf, params):
    response = english.get(URL, params)

    assert response.status_code == 200


def test_unknown_filters_are_named_in_a_clear_message_and_ignored(english, shelf):
    response = english.get(URL, {"year": "abc", "theme": ["energi", "no-such-theme"]})

    page = response.content.decode()
    assert "were not recognised and are left out" in page
    assert "year=abc" in page and "theme=no-such-theme" in page
    assert len(titles(response)) == 3  # the valid theme still filters


def test_a_bad_page_number_shows_the_first_or_last_page(client, shelf):
    assert client.get(URL, {"page": "x"}).context["page_obj"].number == 1
    assert client.get(URL, {"page": "999"}).context["page_obj"].number == 1


def test_the_list_is_paginated_and_the_links_keep_the_filters(client, db):
    energy = Theme.objects.create(name="Energi", slug="energi")
    for n in range(25):
        make_resource(title=f"Rapport {n:02d}", themes=[energy])

    first = client.get(URL, {"theme": "energi"})
    assert len(titles(first)) == 20
    assert "?theme=energi&amp;page=2" in first.content.decode()
    assert len(titles(client.get(URL, {"theme": "energi", "page": "2"}))) == 5


def test_search_finds_published_resources_by_title_summary_and_publisher(client, shelf):
    make_resource(title="Klimakur 2030", summary="Tiltak mot 2030.", publisher="Miljødirektoratet")

    assert titles(client.get(URL, {"q": "Klimakur"})) == ["Klimakur 2030"]
    assert "Klimakur 2030" in titles(client.get(URL, {"q": "Miljødirektoratet"}))
    assert titles(client.get(URL, {"q": "ukjentord"})) == []


def test_search_never_finds_suggested_or_rejected_resources(client, shelf):
    found = titles(client.get(URL, {"q": "varmepumper"}))

    assert found == ["Varmepumper i industrien"]


def test_search_combines_with_the_facets_and_counts_over_the_hits(client, shelf):
    make_resource(title="Varmepumper i kommunale bygg", kind="guide", year=2019)

    response = client.get(URL, {"q": "varmepumper", "kind": "guide"})

    assert titles(response) == ["Varmepumper i kommunale bygg"]
    assert facet_counts(response, "kind") == {"report": 1, "guide": 1}
    assert response.context["choice"].sort == "relevance"


def test_searching_sorts_by_relevance_and_other_orders_can_be_chosen(client, shelf):
    make_resource(title="Transport", summary="Om varebiler.", year=2010)

    by_relevance = titles(client.get(URL, {"q": "transport"}))
    assert by_relevance[0] == "Transport"  # the title weighs more than the themes
    by_title = titles(client.get(URL, {"sort": "title"}))
    assert by_title == sorted(by_title)


@postgres_only
def test_search_finds_inflected_norwegian_words_on_postgresql(client, db):
    make_resource(title="Varmepumpen på skolen", summary="Vi byttet ut oljefyren.")

    assert titles(client.get(URL, {"q": "varmepumper"})) == ["Varmepumpen på skolen"]


def test_an_htmx_request_gets_only_the_facets_count_and_results(client, shelf):
    response = client.get(
        URL, {"theme": "energi"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="library-results"
    )

    page = response.content.decode()
    assert 'id="library-results"' in page and 'id="library-facets"' in page
    assert 'id="library-count"' in page
    assert "<html" not in page and "<header" not in page


def test_facets_cost_the_same_queries_for_few_and_many_resources(
    client, db, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders
    themes = [Theme.objects.create(name=f"Tema {n}", slug=f"tema-{n}") for n in range(5)]
    sectors = [Sector.objects.create(name=f"Sektor {n}", slug=f"sektor-{n}") for n in range(3)]
    params = {"theme": ["tema-0", "tema-1"], "kind": "report", "q": "rapport"}
    make_resource(themes=themes[:2], sectors=sectors[:1])
    client.get(URL, params)  # warm up: sessions, site, content types

    with django_assert_max_num_queries(20) as few:
        assert client.get(URL, params).status_code == 200
    for n in range(30):
        make_resource(
            year=2000 + n % 20,
            kind=Resource.Kind.values[n % 3],
            themes=themes[n % 5 : n % 5 + 2],
            sectors=sectors[n % 3 :],
        )
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(URL, params)
    assert response.status_code == 200
    assert len(titles(response)) > 1
    assert len(many.captured_queries) == len(few.captured_queries)
