"""The public, read-only open data API: only public data, ever; paginated; constant queries;
ordering from a documented list; ETag and 304."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klimanett.events.models import Event
from klimanett.library.models import Resource
from klimanett.municipalities.models import Municipality
from klimanett.region.models import MunicipalEmission
from tests.builders import (
    make_account,
    make_event,
    make_example_page,
    make_membership,
    make_organisation,
    make_resource,
    make_site_pages,
    make_target,
)

pytestmark = pytest.mark.django_db

DIESEL = [("diesel", 1000, "l")]


def _partner(name: str, **overrides):
    organisation = make_organisation(name=name, **overrides)
    make_membership(organisation)
    return organisation


def _items(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_results_show_only_published_approved_accounts_of_directory_organisations(client):
    shown = _partner("Synlig AS")
    make_account(shown, 2023, DIESEL, status="approved", publish=True)
    make_account(shown, 2024, DIESEL, status="approved", publish=False)  # not published
    make_account(shown, 2022, DIESEL, status="submitted", publish=True)  # not approved
    make_account(shown, 2021, DIESEL, publish=True)  # a draft
    hidden = _partner("Skjult AS", public_profile=False)
    make_account(hidden, 2023, DIESEL, status="approved", publish=True)
    former = make_organisation(name="Tidligere AS")
    make_membership(former, status="ended")
    make_account(former, 2023, DIESEL, status="approved", publish=True)

    items = _items(client, "/api/v1/results")
    assert [(i["organisation"], i["year"]) for i in items] == [("Synlig AS", 2023)]
    row = items[0]
    assert row["organisation_slug"] == shown.slug
    assert row["scope1_t"] > 0
    assert row["total_location_t"] == pytest.approx(
        row["scope1_t"] + row["scope2_location_t"] + row["scope3_t"], abs=0.01
    )


def test_results_filter_and_order(client):
    a = _partner("Alfa AS", sector="C")
    b = _partner("Beta AS", sector="F")
    for organisation in (a, b):
        for year in (2022, 2023):
            make_account(organisation, year, DIESEL, status="approved", publish=True)
    assert {i["year"] for i in _items(client, "/api/v1/results?year=2023")} == {2023}
    assert {i["organisation"] for i in _items(client, "/api/v1/results?sector=F")} == {"Beta AS"}
    assert {
        i["organisation"] for i in _items(client, f"/api/v1/results?organisation={a.slug}")
    } == {"Alfa AS"}
    by_year = _items(client, "/api/v1/results?ordering=-year")
    assert [i["year"] for i in by_year] == [2023, 2023, 2022, 2022]
    by_name = _items(client, "/api/v1/results?ordering=-organisation")
    assert [(i["organisation"], i["year"]) for i in by_name] == [
        ("Beta AS", 2022),
        ("Beta AS", 2023),
        ("Alfa AS", 2022),
        ("Alfa AS", 2023),
    ]


def test_results_order_by_total_and_page_by_name(client):
    small = _partner("Liten AS")
    large = _partner("Stor AS")
    make_account(small, 2023, [("diesel", 100, "l")], status="approved", publish=True)
    make_account(large, 2023, [("diesel", 5000, "l")], status="approved", publish=True)
    make_account(large, 2024, [("diesel", 2000, "l")], status="approved", publish=True)

    def totals(query: str) -> list[tuple[str, int]]:
        return [(i["organisation"], i["year"]) for i in _items(client, f"/api/v1/results{query}")]

    assert totals("?ordering=-total_location") == [
        ("Stor AS", 2023),
        ("Stor AS", 2024),
        ("Liten AS", 2023),
    ]
    assert totals("?ordering=total_location") == [
        ("Liten AS", 2023),
        ("Stor AS", 2024),
        ("Stor AS", 2023),
    ]
    second = client.get("/api/v1/results?page_size=1&page=2").json()
    assert second["count"] == 3
    assert [(i["organisation"], i["year"]) for i in second["items"]] == [("Stor AS", 2023)]


def test_an_unknown_ordering_is_refused_and_the_choices_are_documented(client):
    response = client.get("/api/v1/results?ordering=org_number")
    assert response.status_code == 422
    assert "ordering" in response.json()["errors"]
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/results"]["get"]["parameters"]
    ordering = next(p for p in parameters if p["name"] == "ordering")
    assert "-year" in str(ordering["schema"])


def test_targets_show_only_published_targets_of_directory_organisations(client):
    shown = _partner("Synlig AS")
    make_account(shown, 2020, DIESEL, status="approved", publish=True)
    make_account(shown, 2024, [("diesel", 800, "l")], status="approved", publish=True)
    make_target(shown, title="Offentlig mål", publish=True)
    make_target(shown, title="Privat mål", publish=False)
    make_target(shown, title="Trukket mål", publish=True, status="withdrawn")
    hidden = _partner("Skjult AS", public_profile=False)
    make_target(hidden, title="Skjult mål", publish=True)

    items = _items(client, "/api/v1/targets")
    assert [i["title"] for i in items] == ["Offentlig mål"]
    target = items[0]
    assert "CO2e" in target["unit"]  # in the reader's language
    assert target["latest_year"] == 2024
    assert target["on_track"] is not None


def test_targets_are_measured_against_published_accounts_only(client):
    organisation = _partner("Synlig AS")
    make_account(organisation, 2024, DIESEL, status="approved", publish=False)
    make_target(organisation, publish=True)
    (target,) = _items(client, "/api/v1/targets")
    assert target["latest_year"] is None


def test_examples_are_live_and_public_with_partners_first(client):
    make_site_pages()
    partner = _partner("Partner AS")
    outsider = make_organisation(name="Utenfor AS", public_profile=False)
    make_example_page(title="Eksempel uten partner", organisations=[outsider])
    make_example_page(title="Eksempel med partner", organisations=[partner])
    make_example_page(title="Utkast", live=False)
    private = make_example_page(title="Privat eksempel")
    private.get_view_restrictions().model.objects.create(page=private, restriction_type="login")

    items = _items(client, "/api/v1/examples")
    assert [i["title"] for i in items] == ["Eksempel med partner", "Eksempel uten partner"]
    assert items[0]["organisation_slugs"] == [partner.slug]
    assert items[1]["organisations"] == ["Utenfor AS"]
    assert items[1]["organisation_slugs"] == []  # not in the directory
    assert items[0]["url"].startswith("http")


def test_events_are_published_only_and_filter_by_time(client):
    make_event(title="Kommende")
    past_start = timezone.now() - datetime.timedelta(days=30)
    make_event(
        title="Tidligere", starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=2)
    )
    make_event(title="Utkast", status=Event.Status.DRAFT, online_url="https://meet.example.org/x")
    assert {i["title"] for i in _items(client, "/api/v1/events")} == {"Kommende", "Tidligere"}
    assert [i["title"] for i in _items(client, "/api/v1/events?when=upcoming")] == ["Kommende"]
    assert [i["title"] for i in _items(client, "/api/v1/events?when=past")] == ["Tidligere"]
    assert "online_url" not in _items(client, "/api/v1/events")[0]


def test_resources_are_published_only_and_filter(client):
    make_resource(title="Publisert rapport", year=2023)
    make_resource(title="Engelsk veileder", year=2021, language="en", kind="guide")
    make_resource(title="Forslag", status=Resource.Status.SUGGESTED)
    titles = [i["title"] for i in _items(client, "/api/v1/resources")]
    assert titles == ["Publisert rapport", "Engelsk veileder"]
    assert [i["title"] for i in _items(client, "/api/v1/resources?language=en")] == [
        "Engelsk veileder"
    ]
    assert [i["title"] for i in _items(client, "/api/v1/resources?type=guide&year=2021")] == [
        "Engelsk veileder"
    ]


def test_statistics_filter_by_municipality_year_and_sector(client):
    skien = Municipality.objects.get(number="4003")
    porsgrunn = Municipality.objects.get(number="4001")
    for municipality in (skien, porsgrunn):
        for year in (2022, 2023):
            MunicipalEmission.objects.create(
                municipality=municipality, year=year, sector="Veitrafikk", t_co2e=100
            )
    items = _items(client, "/api/v1/statistics?municipality=4003&year=2023&sector=Veitrafikk")
    assert items == [
        {
            "municipality_number": "4003",
            "municipality": skien.name,
            "year": 2023,
            "sector": "Veitrafikk",
            "subsector": "",
            "t_co2e": 100.0,
        }
    ]


def test_partner_list_is_paginated(client):
    for n in range(3):
        _partner(f"Partner {n} AS")
    body = client.get("/api/v1/partners?page_size=2").json()
    assert body["count"] == 3
    assert [p["name"] for p in body["items"]] == ["Partner 0 AS", "Partner 1 AS"]
    assert [p["name"] for p in _items(client, "/api/v1/partners?ordering=-name")][0] == (
        "Partner 2 AS"
    )


def _fill(n: int, start: int) -> None:
    skien = Municipality.objects.get(number="4003")
    for i in range(start, start + n):
        organisation = _partner(f"Mengde {i} AS")
        make_account(organisation, 2023, DIESEL, status="approved", publish=True)
        make_account(organisation, 2024, DIESEL, status="approved", publish=True)
        make_target(organisation, publish=True)
        make_example_page(organisations=[organisation])
        make_event()
        make_resource()
        MunicipalEmission.objects.create(
            municipality=skien, year=2000 + i, sector="Veitrafikk", t_co2e=100
        )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/partners",
        "/api/v1/results",
        "/api/v1/targets",
        "/api/v1/examples",
        "/api/v1/events",
        "/api/v1/resources",
        "/api/v1/statistics",
    ],
)
def test_queries_do_not_grow_with_the_number_of_items(client, path):
    make_site_pages()
    _fill(2, start=0)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    # Warm the per-process caches (factor sets, site root paths), at another address than
    # the counted one, which the public page cache would otherwise answer without a query.
    client.get(f"{path}?page_size=49")
    few = count()
    _fill(4, start=2)
    assert count() == few


def test_public_lists_answer_304_when_the_client_has_them(client):
    organisation = _partner("Synlig AS")
    make_account(organisation, 2023, DIESEL, status="approved", publish=True)
    first = client.get("/api/v1/results")
    etag = first["ETag"]
    assert etag
    again = client.get("/api/v1/results", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    make_account(organisation, 2024, DIESEL, status="approved", publish=True)
    changed = client.get("/api/v1/results", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_public_partner_profile_has_an_etag(client):
    organisation = _partner("Synlig AS")
    response = client.get(f"/api/v1/partners/{organisation.slug}")
    assert response["ETag"]
    again = client.get(
        f"/api/v1/partners/{organisation.slug}", headers={"if-none-match": response["ETag"]}
    )
    assert again.status_code == 304
