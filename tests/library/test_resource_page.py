"""A resource's own page, its related resources (with the pure ranking), and the links to the
library from events, good examples, measure templates and the site search."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from klimanett.events.models import Theme
from klimanett.library.models import Resource, Sector
from klimanett.library.related import Candidate, rank_related
from tests.builders import (
    make_account,
    make_event,
    make_example_page,
    make_resource,
    make_site_pages,
)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_resource_page_shows_its_facts_with_links_to_the_filtered_list(english, db):
    theme = Theme.objects.create(name="Energi", slug="energi")
    sector = Sector.objects.create(name="Industri", slug="industri")
    resource = make_resource(
        title="Klimakur 2030",
        summary="Tiltak og virkemidler mot 2030.",
        publisher="Miljødirektoratet",
        year=2020,
        url="https://www.miljodirektoratet.no/klimakur",
        kind="report",
        language="nb",
        audience="municipalities",
        themes=[theme],
        sectors=[sector],
    )

    response = english.get(resource.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Klimakur 2030", "Tiltak og virkemidler mot 2030.", "Miljødirektoratet", "2020"):
        assert text in page
    assert 'href="https://www.miljodirektoratet.no/klimakur" rel="noopener noreferrer"' in page
    assert "www.miljodirektoratet.no" in page
    for query in ("theme=energi", "sector=industri", "year=2020", "kind=report", "language=nb"):
        assert f"/kunnskap/?{query}" in page
    assert "audience=municipalities" in page
    assert "did not work" not in page


def test_a_dead_link_is_noted_on_the_page(english, db):
    resource = make_resource()
    Resource.objects.filter(pk=resource.pk).update(link_status=Resource.LinkStatus.DEAD)

    page = english.get(resource.get_absolute_url()).content.decode()

    assert "the link did not work" in page


def test_an_uploaded_file_is_offered_with_its_type_and_size(english, db):
    resource = make_resource()
    Resource.objects.filter(pk=resource.pk).update(url="", file="library/rapport.pdf")
    resource.refresh_from_db()
    resource.file.storage.save("library/rapport.pdf", ContentFile(b"x" * 2048))

    page = english.get(resource.get_absolute_url()).content.decode()

    assert resource.file.url in page
    assert "PDF" in page and "2.0" in page


@pytest.mark.parametrize("status", ["suggested", "rejected"])
def test_a_resource_that_is_not_published_is_not_found(client, db, status):
    resource = make_resource(status=status)

    assert client.get(resource.get_absolute_url()).status_code == 404
    assert client.get("/kunnskap/finnes-ikke/").status_code == 404


def candidate(pk, *, themes=(), sectors=(), year=2020, title="t"):
    return Candidate(pk, year, title, frozenset(themes), frozenset(sectors))


def test_related_ranks_shared_themes_before_sectors_then_the_newest():
    ranked = rank_related(
        themes=frozenset({1, 2}),
        sectors=frozenset({10, 11}),
        candidates=[
            candidate(1, sectors={10, 11}, year=2024),
            candidate(2, themes={1}, year=2019),
            candidate(3, themes={1, 2}, year=2010),
            candidate(4, themes={1}, sectors={10}, year=2015),
            candidate(5, themes={2}, year=2023),
            candidate(6, year=2025),
        ],
    )

    assert ranked == [3, 4, 5, 2, 1]


def test_related_keeps_at_most_five_and_never_those_sharing_nothing():
    many = [candidate(pk, themes={1}, year=2000 + pk) for pk in range(1, 9)]

    assert rank_related(themes=frozenset({1}), sectors=frozenset(), candidates=many) == [
        8,
        7,
        6,
        5,
        4,
    ]
    assert rank_related(themes=frozenset(), sectors=frozenset(), candidates=many) == []


def test_the_page_shows_published_related_resources_only(english, db):
    energy = Theme.objects.create(name="Energi", slug="energi")
    resource = make_resource(title="Hovedressursen", themes=[energy])
    make_resource(title="Beslektet og publisert", themes=[energy])
    make_resource(title="Beslektet men foreslått", themes=[energy], status="suggested")
    make_resource(title="Beslektet men avvist", themes=[energy], status="rejected")
    make_resource(title="Ikke beslektet")

    response = english.get(resource.get_absolute_url())

    assert [r.title for r in response.context["related"]] == ["Beslektet og publisert"]
    page = response.content.decode()
    assert "foreslått" not in page and "avvist" not in page


def test_the_page_lists_the_published_events_it_backs_upcoming_first(english, db):
    now = timezone.now()
    past = make_event(
        title="Tidligere kurs",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30, hours=-2),
    )
    soon = make_event(title="Snart møte")
    draft = make_event(title="Utkast til møte", status="draft")
    resource = make_resource(events=[past, soon, draft])

    response = english.get(resource.get_absolute_url())

    assert [e.title for e in response.context["events"]] == ["Snart møte", "Tidligere kurs"]
    assert "Utkast til møte" not in response.content.decode()


def test_the_page_names_the_measure_templates_it_backs(english, db):
    resource = make_resource(measure_templates=["diesel_vans_to_electric", "no_such_template"])

    response = english.get(resource.get_absolute_url())

    assert response.context["templates"] == ["Replace diesel vans with electric vans"]
    assert "Replace diesel vans with electric vans" in response.content.decode()


# --- Links to the library --------------------------------------------------------------------


def test_an_event_page_shows_its_published_further_reading(english, db):
    event = make_event(title="Kurs i klimaregnskap")
    make_resource(title="GHG Protocol Corporate Standard", events=[event])
    make_resource(title="Et forslag som venter", events=[event], status="suggested")

    page = english.get(event.get_absolute_url()).content.decode()

    assert "Further reading" in page
    assert "GHG Protocol Corporate Standard" in page
    assert "Et forslag som venter" not in page


def test_an_event_without_resources_has_no_further_reading(english, db):
    event = make_event()

    assert "Further reading" not in english.get(event.get_absolute_url()).content.decode()


def test_a_good_example_shows_its_published_further_reading(english, db):
    make_site_pages()
    published = make_resource(title="Klimakur 2030")
    rejected = make_resource(title="Avvist rapport", status="rejected")
    example = make_example_page(title="Varmepumpe på skolen")
    example.resources.set([published, rejected])
    example.save_revision().publish()

    page = english.get(example.url).content.decode()

    assert "Further reading" in page
    assert published.get_absolute_url() in page
    assert "Avvist rapport" not in page


def test_the_measure_template_library_shows_the_resources_behind_each_template(
    english, alice, organisation_a
):
    make_account(organisation_a, 2024, [("diesel", 6000, "l")], status="approved")
    make_resource(title="Klimakur 2030", measure_templates=["diesel_vans_to_electric"])
    make_resource(
        title="Foreslått om varebiler",
        measure_templates=["diesel_vans_to_electric"],
        status="suggested",
    )
    make_resource(title="Om papir", measure_templates=["less_paper"])
    english.force_login(alice)

    response = english.get(reverse("climateplans:measure_templates", args=[organisation_a.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Klimakur 2030") == 1
    assert "Om papir" in page  # on a template that does not apply, too
    assert "Foreslått om varebiler" not in page


def test_the_site_search_finds_published_resources_as_knowledge(english, db):
    make_site_pages()
    make_resource(title="Klimakur 2030", summary="Tiltak mot 2030.")
    make_resource(title="Klimakur forslag", status="suggested")

    page = english.get("/sok/", {"q": "Klimakur"}).content.decode()

    assert "Klimakur 2030" in page and "Knowledge" in page
    assert "Klimakur forslag" not in page


def test_the_header_and_footer_link_to_the_library(english, db):
    make_site_pages()

    page = english.get("/kunnskap/").content.decode()

    assert 'href="/kunnskap/" aria-current="page">Knowledge</a>' in page
    assert "Knowledge library" in page
