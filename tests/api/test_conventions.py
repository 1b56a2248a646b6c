"""What every API endpoint shares: the versioned path, one shape of error body, 401 with a
challenge, and 429 with Retry-After over the rate limit."""

from __future__ import annotations

from typing import cast

import pytest
from ninja.throttling import AnonRateThrottle

from klimanett.api.urls import api


def test_the_api_is_versioned_and_describes_itself(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["version"] == "1"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert client.get("/api/partners", follow=True).status_code == 404


def test_not_found_has_the_common_error_body(client, db):
    response = client.get("/api/v1/partners/finnes-ikke")

    assert response.status_code == 404
    assert set(response.json()) <= {"detail", "errors"}
    assert response.json()["detail"]


def test_invalid_input_names_the_fields_at_fault(client, alice, organisation_a):
    client.force_login(alice)

    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        data='{"employees": "mange"}',
        content_type="application/json",
    )

    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert list(body["errors"]) == ["payload.employees"]


def test_a_bad_token_gets_401_with_a_bearer_challenge(client, db):
    response = client.get("/api/v1/me/organisations", HTTP_AUTHORIZATION="Bearer wagtail_nope")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]


@pytest.fixture
def low_limit():
    """The anonymous limit lowered to 3 requests for the test (the throttles are made once)."""
    throttle = cast(list[AnonRateThrottle], api.throttle)[0]
    saved = throttle.num_requests, throttle.duration
    throttle.num_requests, throttle.duration = 3, 60
    yield
    throttle.num_requests, throttle.duration = saved


def test_over_the_rate_limit_an_address_gets_429_with_retry_after(client, db, low_limit, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request reaches the API
    statuses = [
        client.get("/api/v1/partners", REMOTE_ADDR="192.0.2.7").status_code for _ in range(4)
    ]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/partners", REMOTE_ADDR="192.0.2.7")
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]
    # Another address is not held back.
    assert client.get("/api/v1/partners", REMOTE_ADDR="192.0.2.8").status_code == 200
