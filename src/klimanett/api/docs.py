"""The API's documentation as an ordinary, accessible page of the site, built from the OpenAPI
document (Swagger UI fails WCAG checks and would load its scripts from outside)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from klimanett.api.urls import api


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[dict[str, Any]]
    responses: list[str]
    needs_login: bool
    takes_body: bool


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    return [
        Endpoint(
            method=method.upper(),
            path=path,
            summary=operation.get("summary", ""),
            description=operation.get("description", ""),
            parameters=[
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "type": p.get("schema", {}).get("type", ""),
                }
                for p in operation.get("parameters", [])
            ],
            responses=sorted(operation.get("responses", {})),
            needs_login=bool(operation.get("security")),
            takes_body="requestBody" in operation,
        )
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def api_docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    context = {
        "schema_info": schema["info"],
        "endpoints": endpoints(schema),
        "openapi_url": reverse("api:openapi-json"),
    }
    return render(request, "api/docs.html", context)
