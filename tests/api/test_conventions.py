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


def test_a_path_the_api_does_not_have_is_a_json_404_without_a_redirect(client, db):
    for path in ("/api/v1/finnes-ikke", "/api/v1/partners/", "/api/v1/partners/x/y"):
        response = client.get(path)

        assert response.status_code == 404, path
        assert response.json() == {"detail": "Ikke funnet.", "errors": {}}


def test_a_write_to_a_path_the_api_does_not_have_is_a_404_not_a_csrf_refusal(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # a script with a token has no CSRF cookie

    response = client.post(
        "/api/v1/organisations/1/acounts", data="{}", content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["errors"] == {}


def test_a_method_the_path_does_not_take_is_a_json_405_naming_the_allowed(client, db):
    response = client.delete("/api/v1/partners")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response["X-Frame-Options"]  # set by a middleware inside, kept on the new body
    assert set(response.json()) == {"detail", "errors"}
    assert "Allow" in response.json()["detail"]


def test_every_error_body_has_errors_even_when_no_field_is_at_fault(client, db):
    body = client.get("/api/v1/partners/finnes-ikke").json()

    assert body["errors"] == {}
    assert body["detail"]


def test_head_answers_as_get_without_the_body_cached_or_not(client, db, settings):
    for cache_seconds in (0, 60):
        settings.PAGE_CACHE_SECONDS = cache_seconds
        get = client.get("/api/v1/partners")
        head = client.head("/api/v1/partners")

        assert head.status_code == 200, cache_seconds
        assert head.content == b""
        assert head["ETag"] == get["ETag"]
        assert int(head["Content-Length"]) == len(get.content)


def test_if_none_match_star_is_answered_with_304(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0

    assert client.get("/api/v1/partners", headers={"if-none-match": "*"}).status_code == 304


def test_a_session_write_without_its_csrf_token_is_refused_in_the_readers_language(
    alice, organisation_a
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        data='{"employees": 5}',
        content_type="application/json",
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert response.json()["detail"] != "CSRF check Failed"  # bokmål, not ninja's English
    organisation_a.refresh_from_db()
    assert organisation_a.employees != 5


def test_a_body_that_is_not_json_is_a_400_in_the_common_shape(client, alice, organisation_a):
    client.force_login(alice)

    response = client.patch(
        f"/api/v1/organisations/{organisation_a.pk}",
        data="{employees: 5",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {}
    assert "JSON" in response.json()["detail"]
