"""The open data catalogue at /apne-data/: DCAT-AP-NO as JSON-LD, downloads of only public
data, formula-safe CSV, the NLOD 2.0 licence everywhere."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from klimanett.api.open_data import LICENCE_URL
from klimanett.api.public_data import DATASETS
from tests.builders import (
    make_account,
    make_membership,
    make_organisation,
    make_resource,
    make_target,
)

pytestmark = pytest.mark.django_db

DIESEL = [("diesel", 1000, "l")]
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _catalogue(client) -> dict:
    response = client.get("/apne-data/")
    assert response.status_code == 200
    (text,) = JSON_LD.findall(response.content.decode())
    return json.loads(text)


def test_catalogue_page_lists_every_data_set_with_its_downloads_and_the_licence(client):
    response = client.get("/apne-data/")
    page = response.content.decode()
    assert LICENCE_URL in page
    assert LICENCE_URL in response["Link"]
    for dataset in DATASETS:
        assert f"/apne-data/{dataset.identifier}.csv" in page
        assert f"/apne-data/{dataset.identifier}.json" in page
        assert f"/api/v1/{dataset.api_path}" in page
        for field in dataset.fields:
            assert f"<code>{field}</code>" in page


def test_catalogue_json_ld_is_dcat_ap_no(client):
    catalogue = _catalogue(client)
    assert catalogue["@type"] == "dcat:Catalog"
    for key in ("dct:publisher", "dct:title", "dct:description", "dcat:dataset", "dcat:service"):
        assert catalogue[key], key
    assert {t["@language"] for t in catalogue["dct:title"]} == {"nb", "en"}
    assert {t["@language"] for t in catalogue["dct:description"]} == {"nb", "en"}
    assert catalogue["dcat:contactPoint"]["@type"].startswith("vcard:")  # mandatory in 3.0
    datasets = catalogue["dcat:dataset"]
    assert len(datasets) == len(DATASETS)
    required = (
        "dct:identifier",
        "dct:title",
        "dct:description",
        "dct:publisher",
        "dcat:contactPoint",
        "dct:license",
        "dcat:theme",
        "dcat:keyword",
        "dct:accrualPeriodicity",
        "dcat:distribution",
    )
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        for key in required:
            assert dataset.get(key), (dataset["@id"], key)
        assert dataset["dct:license"]["@id"] == LICENCE_URL
        assert dataset["dcat:theme"]["@id"].endswith("/data-theme/ENVI")
        assert dataset["dcat:contactPoint"]["@type"].startswith("vcard:")
        assert dataset["dct:accrualPeriodicity"]["@id"].startswith(
            "http://publications.europa.eu/resource/authority/frequency/"
        )
        downloads = [d for d in dataset["dcat:distribution"] if "dcat:downloadURL" in d]
        assert {d["dcat:mediaType"]["@id"].rsplit("/", 2)[-2:][1] for d in downloads} == {
            "csv",
            "json",
        }
        for distribution in dataset["dcat:distribution"]:
            for key in ("dcat:accessURL", "dcat:mediaType", "dct:format", "dct:license"):
                assert distribution.get(key), (distribution["@id"], key)
    (service,) = catalogue["dcat:service"]
    assert service["@type"] == "dcat:DataService"
    assert service["dcat:endpointURL"]["@id"].endswith("/api/v1/")
    assert service["dcat:endpointDescription"]["@id"].endswith("/api/v1/openapi.json")


def test_keywords_are_tagged_with_their_language_and_the_publisher_has_its_number(client, settings):
    settings.OPEN_DATA_PUBLISHER_ORG_NUMBER = "123456785"
    catalogue = _catalogue(client)

    publisher = catalogue["dct:publisher"]
    assert publisher["dct:identifier"] == "123456785"
    assert publisher["@id"] == "https://data.brreg.no/enhetsregisteret/api/enheter/123456785"
    for dataset in catalogue["dcat:dataset"]:
        languages = {k["@language"] for k in dataset["dcat:keyword"]}
        assert languages == {"nb", "en"}, dataset["@id"]
    results = next(d for d in catalogue["dcat:dataset"] if d["@id"].endswith("#results"))
    english = {k["@value"] for k in results["dcat:keyword"] if k["@language"] == "en"}
    assert "greenhouse gas emissions" in english


def test_a_data_set_is_dated_by_its_latest_public_change(client):
    organisation = make_organisation(name="Synlig AS")
    make_membership(organisation)
    make_account(organisation, 2023, DIESEL, status="approved", publish=True)

    datasets = {d["@id"].rsplit("#", 1)[1]: d for d in _catalogue(client)["dcat:dataset"]}

    organisation.refresh_from_db()
    assert datasets["partners"]["dct:modified"]["@value"] == organisation.updated_at.isoformat()
    assert "dct:modified" in datasets["results"]
    assert "dct:modified" not in datasets["events"]  # none published yet


def test_every_download_is_served_with_the_licence(client):
    for dataset in DATASETS:
        for fmt, media_type in (("csv", "text/csv"), ("json", "application/json")):
            response = client.get(f"/apne-data/{dataset.identifier}.{fmt}")
            assert response.status_code == 200, dataset.identifier
            assert response["Content-Type"] == f"{media_type}; charset=utf-8"
            assert f"klimanett-{dataset.identifier}.{fmt}" in response["Content-Disposition"]
            assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    assert client.get("/apne-data/ukjent.csv").status_code == 404
    assert client.get("/apne-data/results.xlsx").status_code == 404


def test_downloads_hold_only_public_data_and_the_same_rows_as_the_api(client):
    shown = make_organisation(name="Synlig AS")
    make_membership(shown)
    make_account(shown, 2023, DIESEL, status="approved", publish=True)
    make_account(shown, 2024, DIESEL, status="approved", publish=False)
    make_target(shown, title="Offentlig mål", publish=True)
    make_target(shown, title="Privat mål", publish=False)
    hidden = make_organisation(name="Skjult AS", public_profile=False)
    make_membership(hidden)
    make_account(hidden, 2023, DIESEL, status="approved", publish=True)
    make_target(hidden, title="Skjult mål", publish=True)

    results = client.get("/apne-data/results.json").json()
    assert results["license"] == LICENCE_URL
    assert [(r["organisation"], r["year"]) for r in results["items"]] == [("Synlig AS", 2023)]
    assert results["items"] == client.get("/api/v1/results").json()["items"]
    targets_csv = client.get("/apne-data/targets.csv").content.decode("utf-8-sig")
    assert "Offentlig mål" in targets_csv
    assert "Privat mål" not in targets_csv and "Skjult" not in targets_csv
    partners_csv = client.get("/apne-data/partners.csv").content.decode("utf-8-sig")
    assert "Synlig AS" in partners_csv and "Skjult AS" not in partners_csv


def test_csv_is_utf8_and_formula_safe(client):
    make_resource(title='=HYPERLINK("https://evil.example")', publisher="Ålesund kommune")
    response = client.get("/apne-data/resources.csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"].startswith("'=")
    assert rows[0]["publisher"] == "Ålesund kommune"


def test_footer_links_to_the_catalogue_and_the_api_documentation(client, db):
    page = client.get("/apne-data/").content.decode()
    assert 'href="/apne-data/"' in page
    assert 'href="/api/v1/docs"' in page
