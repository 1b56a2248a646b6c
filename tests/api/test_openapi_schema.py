"""Every operation of the OpenAPI document, run by schemathesis against the WSGI app in-process.

The document is read from /api/v1/openapi.json as a client would, so whatever endpoints the API
has when the test runs are covered. Each operation gets up to 12 examples (derandomized: the
same examples every run) of valid input, with a contact person's API token, in a small world
with one of each kind of public data; the checks: no server error, the status code and the
content type declared for the operation, and the body matching the declared schema. Path
parameters are drawn from generated values and from the world's real ids, slugs and years, so
that both the 404s and the real answers are checked.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ninja.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import APIToken

from klimanett.accounting.models import ClimateAccount
from klimanett.municipalities.models import Municipality
from klimanett.region.models import MunicipalEmission
from klimanett.wsgi import application
from tests.builders import (
    make_account,
    make_contact,
    make_event,
    make_example_page,
    make_membership,
    make_organisation,
    make_resource,
    make_site_pages,
    make_target,
    make_user,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
YEAR = 2024


@pytest.fixture
def world(db) -> dict[str, Any]:
    """A demo-like small network: a directory partner with a published approved account and a
    published target, a good example, an event, a resource and municipal statistics; its
    contact person's API token."""
    make_site_pages()
    organisation = make_organisation(name="Grenland Sol AS", public_profile=True)
    make_membership(organisation)
    user = make_user(email="kari@grenlandsol.example.no", first_name="Kari")
    make_contact(user, organisation, is_primary=True)
    account = make_account(
        organisation,
        YEAR,
        [("diesel", 1200, "l"), ("electricity", 85_000, "kWh")],
        status=ClimateAccount.Status.APPROVED,
        publish=True,
    )
    target = make_target(organisation, publish=True)
    example = make_example_page(organisations=[organisation])
    event = make_event()
    resource = make_resource()
    municipality = Municipality.objects.get(number="4003")
    MunicipalEmission.objects.bulk_create(
        MunicipalEmission(
            municipality=municipality, year=year, sector=sector, subsector="", t_co2e=Decimal(t)
        )
        for year, sector, t in [
            (2009, "Veitrafikk", 400),
            (YEAR - 1, "Veitrafikk", 320),
            (YEAR - 1, "Industri", 500),
        ]
    )
    _, token = APIToken.create_token(user=user, name="schemathesis")
    return {
        "token": token,
        "ids": sorted({organisation.pk, account.pk, target.pk, example.pk, event.pk, resource.pk}),
        "texts": [
            organisation.slug,
            event.slug,
            example.slug,
            municipality.number,
            str(YEAR),
            organisation.org_number,
        ],
        "years": [YEAR, YEAR - 1, datetime.date.today().year],
    }


# The schema is read once, when the tests are collected (it needs no database); the world's ids
# for the path parameters are known only when a test runs, so the fixture puts them here.
REAL_VALUES: dict[str, list[Any]] = {"ints": [], "texts": []}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE],
    max_examples=12,
    deterministic=True,
    database="none",
)


def _real_or_generated(params: dict[str, Any] | None) -> st.SearchStrategy[Any]:
    if not params:  # an operation without path parameters
        return st.just(params)
    choices = {}
    for name, value in params.items():
        if isinstance(value, bool) or not isinstance(value, int | str):
            choices[name] = st.just(value)
        elif isinstance(value, int):
            choices[name] = st.sampled_from([value, *REAL_VALUES["ints"]])
        else:
            choices[name] = st.sampled_from([value, *REAL_VALUES["texts"]])
    return st.fixed_dictionaries(choices)


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    return _real_or_generated(path_parameters)


@pytest.fixture
def api_world(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    # The rate limits have their own tests; here every example is let through.
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request: True)
    monkeypatch.setitem(REAL_VALUES, "ints", world["ids"] + world["years"])
    monkeypatch.setitem(REAL_VALUES, "texts", world["texts"] + [str(pk) for pk in world["ids"]])
    # The WSGI app closes the database connection after each request (request_finished), which
    # on PostgreSQL would end the test's transaction; django.test.Client does the same.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield world
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_declares(
    api_world: dict[str, Any], subtests: pytest.Subtests
) -> None:
    """One test, one world (building it takes longer than running an operation's examples);
    each operation is a subtest, so every failing operation is reported."""
    headers = {"Authorization": f"Bearer {api_world['token']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert any(operation.path == "/api/v1/partners" for operation in operations)
    for operation in operations:
        with subtests.test(msg=operation.label):
            _run(operation, headers)


def _run(operation: Any, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy(hooks=schema.hooks))
    @settings(
        max_examples=12,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def examples(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    examples()


def test_a_nul_character_in_a_partner_filter_is_invalid_input_not_a_server_error(client, db):
    # PostgreSQL's text fields cannot hold NUL: unchecked, this was a 500 there (found by the
    # test above); conventions.Text refuses it.
    response = client.get("/api/v1/partners?q=a%00b")
    assert response.status_code == 422
    assert "q" in response.json()["errors"]
    assert client.get("/api/v1/partners/a%00b").status_code in (404, 422)
