"""The open data catalogue at /apne-data/: each data set of ``api.public_data`` described, with
its downloads as CSV and JSON (/apne-data/<data set>.csv, .json) and a DCAT-AP-NO description
of the catalogue as JSON-LD, so data.norge.no and other harvesters can read it.

The downloads hold exactly the rows the public API gives (the same functions), under the
Norwegian licence for open government data, NLOD 2.0: stated on the page, in each file's
``Link: <…>; rel="license"`` header, and in the JSON file's metadata.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from klimanett.api.public_data import DATASET_BY_ID, DATASETS, Dataset
from klimanett.core.page_cache import cache_public_page
from klimanett.core.spreadsheets import safe_csv_value
from klimanett.events.structured_data import json_ld_script

LICENCE_URL = "https://data.norge.no/nlod/no/2.0"
LICENCE_NAME = "Norsk lisens for offentlige data (NLOD) 2.0"
FORMATS = {
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
}
_EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/ENVI"
_EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
_EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_IANA = "https://www.iana.org/assignments/media-types/"
_BRREG = "https://data.brreg.no/enhetsregisteret/api/enheter/"

app_name = "open_data"


def _absolute(request: HttpRequest, location: str) -> str:
    return request.build_absolute_uri(location)


def _download_url(dataset: Dataset, fmt: str) -> str:
    return reverse("open_data:download", args=[dataset.identifier, fmt])


def _api_url(dataset: Dataset) -> str:
    return reverse("api:api-root") + dataset.api_path


def _publisher(request: HttpRequest) -> dict[str, Any]:
    """The publisher, identified as DCAT-AP-NO asks by its organisation number in the
    Central Coordinating Register (``OPEN_DATA_PUBLISHER_ORG_NUMBER``) when it is set."""
    publisher: dict[str, Any] = {
        "@id": _absolute(request, "/") + "#utgiver",
        "@type": "foaf:Agent",
        "foaf:name": getattr(settings, "WAGTAIL_SITE_NAME", "Klimanett"),
    }
    number = settings.OPEN_DATA_PUBLISHER_ORG_NUMBER
    if number:
        publisher["@id"] = _BRREG + number
        publisher["dct:identifier"] = number
    return publisher


def _modified(dataset: Dataset) -> dict[str, Any]:
    latest = dataset.modified()
    if latest is None:
        return {}
    return {"dct:modified": {"@type": "xsd:dateTime", "@value": latest.isoformat()}}


def _contact_point(request: HttpRequest) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "@type": "vcard:Organization",
        "vcard:fn": getattr(settings, "WAGTAIL_SITE_NAME", "Klimanett"),
        "vcard:hasURL": {"@id": _absolute(request, reverse("open_data:catalogue"))},
    }
    email = getattr(settings, "DEFAULT_FROM_EMAIL", "")
    if email and "@" in email:
        address = email.rsplit("<", 1)[-1].rstrip(">").strip()
        contact["vcard:hasEmail"] = {"@id": f"mailto:{address}"}
    return contact


def catalogue_json_ld(request: HttpRequest) -> dict[str, Any]:
    """The catalogue in DCAT-AP-NO: a dcat:Catalog with a dcat:Dataset per data set (each with
    its CSV and JSON distributions) and the API as a dcat:DataService."""
    licence = {"@id": LICENCE_URL}
    publisher = _publisher(request)
    contact = _contact_point(request)
    catalogue_url = _absolute(request, reverse("open_data:catalogue"))
    api_root = _absolute(request, reverse("api:api-root"))
    service_id = api_root + "#tjeneste"
    datasets = []
    for dataset in DATASETS:
        dataset_id = f"{catalogue_url}#{dataset.identifier}"
        distributions = [
            {
                "@id": f"{dataset_id}-{fmt}",
                "@type": "dcat:Distribution",
                "dct:title": [
                    {"@language": "nb", "@value": f"{dataset.title_nb} ({label})"},
                    {"@language": "en", "@value": f"{dataset.title_en} ({label})"},
                ],
                "dcat:accessURL": {"@id": catalogue_url},
                "dcat:downloadURL": {"@id": _absolute(request, _download_url(dataset, fmt))},
                "dcat:mediaType": {"@id": _IANA + media_type},
                "dct:format": {"@id": _EU_FILE_TYPE + label},
                "dct:license": licence,
            }
            for fmt, (media_type, label) in FORMATS.items()
        ]
        distributions.append(
            {
                "@id": f"{dataset_id}-api",
                "@type": "dcat:Distribution",
                "dct:title": [
                    {"@language": "nb", "@value": f"{dataset.title_nb} (API)"},
                    {"@language": "en", "@value": f"{dataset.title_en} (API)"},
                ],
                "dcat:accessURL": {"@id": _absolute(request, _api_url(dataset))},
                "dcat:accessService": {"@id": service_id},
                "dcat:mediaType": {"@id": _IANA + "application/json"},
                "dct:format": {"@id": _EU_FILE_TYPE + "JSON"},
                "dct:license": licence,
            }
        )
        datasets.append(
            {
                "@id": dataset_id,
                "@type": "dcat:Dataset",
                "dct:identifier": dataset_id,
                "dct:title": [
                    {"@language": "nb", "@value": dataset.title_nb},
                    {"@language": "en", "@value": dataset.title_en},
                ],
                "dct:description": [
                    {"@language": "nb", "@value": dataset.description_nb},
                    {"@language": "en", "@value": dataset.description_en},
                ],
                "dct:publisher": publisher,
                "dcat:contactPoint": contact,
                "dct:license": licence,
                "dct:accessRights": {
                    "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
                },
                "dcat:theme": {"@id": _EU_THEME},
                "dcat:keyword": [
                    *({"@language": "nb", "@value": k} for k in dataset.keywords_nb),
                    *({"@language": "en", "@value": k} for k in dataset.keywords_en),
                ],
                "dct:accrualPeriodicity": {"@id": _EU_FREQUENCY + dataset.periodicity},
                **_modified(dataset),
                "dcat:landingPage": {"@id": catalogue_url},
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": catalogue_url,
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@language": "nb", "@value": "Åpne data fra Klimanett"},
            {"@language": "en", "@value": "Open data from Klimanett"},
        ],
        "dct:description": [
            {
                "@language": "nb",
                "@value": "Klimanettverkets åpne data: partnere, klimaresultater, mål, gode "
                "eksempler, arrangementer, kunnskapsbibliotek og kommunal utslippsstatistikk.",
            },
            {
                "@language": "en",
                "@value": "The climate network's open data: partners, climate results, targets, "
                "good examples, events, the knowledge library and municipal emission statistics.",
            },
        ],
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dct:license": licence,
        "foaf:homepage": {"@id": _absolute(request, "/")},
        "dcat:dataset": datasets,
        "dcat:service": [
            {
                "@id": service_id,
                "@type": "dcat:DataService",
                "dct:title": [
                    {"@language": "nb", "@value": "Klimanett API"},
                    {"@language": "en", "@value": "Klimanett API"},
                ],
                "dct:publisher": publisher,
                "dcat:contactPoint": contact,
                "dct:license": licence,
                "dcat:endpointURL": {"@id": api_root},
                "dcat:endpointDescription": {
                    "@id": _absolute(request, reverse("api:openapi-json"))
                },
                "dcat:servesDataset": [{"@id": d["@id"]} for d in datasets],
            }
        ],
    }


@require_safe
@cache_public_page
def catalogue(request: HttpRequest) -> HttpResponse:
    entries = [
        {
            "dataset": dataset,
            "downloads": [
                (label, media_type, _download_url(dataset, fmt))
                for fmt, (media_type, label) in FORMATS.items()
            ],
            "api_url": _api_url(dataset),
        }
        for dataset in DATASETS
    ]
    response = render(
        request,
        "api/open_data.html",
        {
            "entries": entries,
            "licence_url": LICENCE_URL,
            "licence_name": LICENCE_NAME,
            "api_root": reverse("api:api-root"),
            "json_ld": json_ld_script(catalogue_json_ld(request)),
        },
    )
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    elif isinstance(value, bool):
        value = "true" if value else "false"
    elif value is None:
        value = ""
    return safe_csv_value(value)


@require_safe
@cache_public_page
def download(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    found = DATASET_BY_ID.get(dataset)
    if found is None or fmt not in FORMATS:
        raise Http404
    rows = [row.model_dump(mode="json") for row in found.rows(request)]
    media_type = FORMATS[fmt][0]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(found.fields)
        for row in rows:
            writer.writerow([_csv_cell(row[field]) for field in found.fields])
        # With a byte order mark, so spreadsheets read the file as UTF-8.
        body = "\ufeff" + buffer.getvalue()
    else:
        body = json.dumps(
            {
                "dataset": found.identifier,
                "title": {"nb": found.title_nb, "en": found.title_en},
                "description": {"nb": found.description_nb, "en": found.description_en},
                "license": LICENCE_URL,
                "license_name": LICENCE_NAME,
                "publisher": getattr(settings, "WAGTAIL_SITE_NAME", "Klimanett"),
                "source": request.build_absolute_uri(reverse("open_data:catalogue")),
                "fields": found.fields,
                "count": len(rows),
                "items": rows,
            },
            ensure_ascii=False,
            indent=1,
        )
    response = HttpResponse(body.encode(), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klimanett-{found.identifier}.{fmt}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


urlpatterns = [
    path("", catalogue, name="catalogue"),
    path("<slug:dataset>.<str:fmt>", download, name="download"),
]
