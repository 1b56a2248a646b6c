"""An organisation's own targets and measures through the API: a token (or the session) of a
contact reaches that organisation's alone (404 for any other, read or write); writes go
through the web's forms and services, so bad input is refused by field with nothing saved,
and every change is audited."""

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

from klimanett.climateplans.models import ActionPlan, Measure, Target
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_contact, make_target
from tests.climateplans.plan_builders import make_measure, make_plan

BASE_2020_KG = 10_000 * 2.66  # diesel 2.66 kg CO2e/l


def _token_client(user) -> Client:
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def _send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def accounts_of_a(organisation_a):
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="submitted")
    make_account(organisation_a, 2023, [("diesel", 8_000, "l")], status="approved")
    return organisation_a


@pytest.fixture
def api_alice(alice):
    return _token_client(alice)


@pytest.fixture
def api_charlie(charlie):
    return _token_client(charlie)


def _target_terms(**overrides):
    return {
        "title": "60 % mindre direkte utslipp",
        "kind": "emissions",
        "metric": "absolute",
        "scopes": "1",
        "base_year": 2020,
        "target_year": 2030,
        "reduction_percent": 60,
    } | overrides


def _measure_values(**overrides):
    return {
        "title": "Elektriske varebiler",
        "category": "transport",
        "activity_keys": ["diesel"],
        "expected_reduction_t": "7.86",
        "investment_nok": 600000,
        "yearly_cost_nok": -20000,
        "start_year": 2027,
    } | overrides


# --- Targets -----------------------------------------------------------------------------------


def test_a_contacts_token_lists_the_organisations_targets_with_their_evaluation(
    api_alice, accounts_of_a
):
    make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG, reduction_percent=Decimal(60))

    response = api_alice.get(f"/api/v1/organisations/{accounts_of_a.pk}/targets")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    evaluation = body["items"][0]["evaluation"]
    assert evaluation["unit"]  # t CO2e, in the reader's language
    assert evaluation["base_value"] == pytest.approx(26.6)
    assert evaluation["target_value"] == pytest.approx(26.6 * 0.4)
    assert evaluation["latest_year"] == 2023
    assert evaluation["latest_value"] == pytest.approx(8_000 * 2.66 / 1000)
    assert evaluation["on_track"] is True


def test_a_contacts_token_sets_a_target_from_the_account_and_it_is_audited(
    api_alice, alice, accounts_of_a
):
    response = _send(
        api_alice, "post", f"/api/v1/organisations/{accounts_of_a.pk}/targets", _target_terms()
    )

    assert response.status_code == 201, response.content
    target = Target.objects.get()
    assert response.json()["id"] == target.pk
    assert target.base_value == pytest.approx(BASE_2020_KG)
    assert target.created_by == alice
    assert AuditEntry.objects.get(action="target.created").actor == alice


def test_a_base_value_cannot_be_sent(api_alice, accounts_of_a):
    response = _send(
        api_alice,
        "post",
        f"/api/v1/organisations/{accounts_of_a.pk}/targets",
        _target_terms(base_value=1),
    )
    assert response.status_code == 422
    # the field named as pydantic places it (api.conventions): "payload.base_value"
    assert any(key.endswith("base_value") for key in response.json()["errors"])
    assert not Target.objects.exists()


def test_invalid_target_is_refused_by_field_and_nothing_is_saved(api_alice, accounts_of_a):
    response = _send(
        api_alice,
        "post",
        f"/api/v1/organisations/{accounts_of_a.pk}/targets",
        _target_terms(title="", base_year=2019, reduction_percent=120),
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"title", "base_year", "reduction_percent"} <= set(errors)
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="target.").exists()


def test_a_contact_patches_a_target_and_the_change_is_audited(api_alice, alice, accounts_of_a):
    target = make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)

    response = _send(api_alice, "patch", f"/api/v1/targets/{target.pk}", {"reduction_percent": 70})

    assert response.status_code == 200, response.content
    target.refresh_from_db()
    assert target.reduction_percent == Decimal(70)
    assert target.title == "Halvere utslippene innen 2030"
    entry = AuditEntry.objects.get(action="target.updated")
    assert entry.actor == alice
    assert entry.data["changed"]["reduction_percent"] == {"from": "50.0", "to": "70.0"}


def test_an_invalid_patch_saves_nothing(api_alice, accounts_of_a):
    target = make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)

    response = _send(
        api_alice,
        "patch",
        f"/api/v1/targets/{target.pk}",
        {"title": "Nytt navn", "target_year": 2015},
    )

    assert response.status_code == 422
    assert "target_year" in response.json()["errors"]
    target.refresh_from_db()
    assert target.title == "Halvere utslippene innen 2030"
    assert not AuditEntry.objects.filter(action="target.updated").exists()


def test_a_target_is_withdrawn_not_deleted_and_then_cannot_be_changed(api_alice, accounts_of_a):
    target = make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)

    response = _send(
        api_alice, "post", f"/api/v1/targets/{target.pk}/withdraw", {"reason": "Erstattet"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    assert response.json()["evaluation"] is None
    target.refresh_from_db()
    assert target.status == Target.Status.WITHDRAWN
    assert AuditEntry.objects.get(action="target.withdrawn").data["reason"] == "Erstattet"
    assert (
        _send(api_alice, "patch", f"/api/v1/targets/{target.pk}", {"title": "x"}).status_code == 409
    )
    assert _send(api_alice, "post", f"/api/v1/targets/{target.pk}/withdraw", {}).status_code == 409


def test_a_withdrawal_reason_too_long_is_refused_not_cut(api_alice, accounts_of_a):
    target = make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)

    response = _send(
        api_alice, "post", f"/api/v1/targets/{target.pk}/withdraw", {"reason": "x" * 501}
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["payload.reason"]
    target.refresh_from_db()
    assert target.status != Target.Status.WITHDRAWN


def test_another_organisations_targets_are_404_for_read_and_write(api_charlie, accounts_of_a):
    target = make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)
    org = accounts_of_a.pk

    assert api_charlie.get(f"/api/v1/organisations/{org}/targets").status_code == 404
    assert api_charlie.get(f"/api/v1/targets/{target.pk}").status_code == 404
    assert (
        _send(api_charlie, "post", f"/api/v1/organisations/{org}/targets", _target_terms())
    ).status_code == 404
    assert (
        _send(api_charlie, "patch", f"/api/v1/targets/{target.pk}", {"title": "Kapret"})
    ).status_code == 404
    assert (
        _send(api_charlie, "post", f"/api/v1/targets/{target.pk}/withdraw", {})
    ).status_code == 404
    target.refresh_from_db()
    assert target.title == "Halvere utslippene innen 2030"
    assert target.status == Target.Status.ACTIVE
    assert Target.objects.count() == 1


def test_the_target_list_costs_the_same_queries_for_2_and_6_targets(api_alice, accounts_of_a):
    url = f"/api/v1/organisations/{accounts_of_a.pk}/targets"

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api_alice.get(url).status_code == 200
        return len(context.captured_queries)

    queries()  # the token's first use is recorded on it (an UPDATE) once
    for _ in range(2):
        make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)
    two = queries()
    for _ in range(4):
        make_target(accounts_of_a, scopes="1", base_value=BASE_2020_KG)
    assert queries() == two


# --- Measures ----------------------------------------------------------------------------------


def test_a_contacts_token_adds_a_measure_making_the_plan_and_it_is_audited(
    api_alice, alice, organisation_a
):
    response = _send(
        api_alice, "post", f"/api/v1/organisations/{organisation_a.pk}/measures", _measure_values()
    )

    assert response.status_code == 201, response.content
    measure = Measure.objects.get()
    assert measure.plan == ActionPlan.objects.get(organisation=organisation_a)
    assert measure.expected_reduction_t == Decimal("7.860")
    assert response.json()["expected_reduction_t"] == "7.860"
    assert AuditEntry.objects.get(action="measure.created").actor == alice
    assert AuditEntry.objects.filter(action="action_plan.created").exists()


def test_an_invalid_measure_is_refused_by_field_and_nothing_is_saved(api_alice, organisation_a):
    response = _send(
        api_alice,
        "post",
        f"/api/v1/organisations/{organisation_a.pk}/measures",
        _measure_values(expected_reduction_t="-1", start_year=1990, category="magi"),
    )

    assert response.status_code == 422
    assert {"expected_reduction_t", "start_year", "category"} <= set(response.json()["errors"])
    assert not Measure.objects.exists()
    assert not ActionPlan.objects.exists()


def test_measures_are_listed_and_filtered_by_status(api_alice, organisation_a):
    plan = make_plan(organisation_a)
    make_measure(plan, title="Planlagt")
    make_measure(plan, title="Ferdig", status=Measure.Status.DONE)
    url = f"/api/v1/organisations/{organisation_a.pk}/measures"

    assert [m["title"] for m in api_alice.get(url).json()["items"]] == ["Planlagt", "Ferdig"]
    assert [m["title"] for m in api_alice.get(f"{url}?status=done").json()["items"]] == ["Ferdig"]
    assert api_alice.get(f"{url}?status=nonsense").status_code == 422


def test_a_contact_patches_a_measure_and_the_change_is_audited(api_alice, alice, organisation_a):
    measure = make_measure(make_plan(organisation_a))

    response = _send(
        api_alice,
        "patch",
        f"/api/v1/measures/{measure.pk}",
        {"status": "in_progress", "expected_reduction_t": 9.5, "start_year": 2028},
    )

    assert response.status_code == 200, response.content
    measure.refresh_from_db()
    assert measure.status == Measure.Status.IN_PROGRESS
    assert measure.expected_reduction_t == Decimal("9.5")
    assert measure.start_year == 2028
    assert measure.investment_nok == Decimal(600_000)
    changed = AuditEntry.objects.get(action="measure.updated").data["changed"]
    assert set(changed) == {"status", "expected_reduction_t", "start_year"}


def test_an_invalid_measure_patch_saves_nothing(api_alice, organisation_a):
    measure = make_measure(make_plan(organisation_a))

    response = _send(
        api_alice,
        "patch",
        f"/api/v1/measures/{measure.pk}",
        {"status": "done", "investment_nok": -5},
    )

    assert response.status_code == 422
    assert "investment_nok" in response.json()["errors"]
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED
    assert not AuditEntry.objects.filter(action="measure.updated").exists()


def test_another_organisations_measures_are_404_for_read_and_write(api_charlie, organisation_a):
    measure = make_measure(make_plan(organisation_a))
    org = organisation_a.pk

    assert api_charlie.get(f"/api/v1/organisations/{org}/measures").status_code == 404
    assert api_charlie.get(f"/api/v1/measures/{measure.pk}").status_code == 404
    assert (
        _send(api_charlie, "post", f"/api/v1/organisations/{org}/measures", _measure_values())
    ).status_code == 404
    assert (
        _send(api_charlie, "patch", f"/api/v1/measures/{measure.pk}", {"status": "dropped"})
    ).status_code == 404
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PLANNED
    assert Measure.objects.count() == 1


def test_the_measure_list_costs_the_same_queries_for_2_and_6_measures(api_alice, organisation_a):
    plan = make_plan(organisation_a)
    url = f"/api/v1/organisations/{organisation_a.pk}/measures"

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api_alice.get(url).status_code == 200
        return len(context.captured_queries)

    queries()  # the token's first use is recorded on it (an UPDATE) once
    for _ in range(2):
        make_measure(plan)
    two = queries()
    for _ in range(4):
        make_measure(plan)
    assert queries() == two


# --- Who the token acts for --------------------------------------------------------------------


def test_a_secretariat_token_reaches_only_the_organisations_it_is_a_contact_of(
    sekretariat, organisation_a, organisation_b
):
    make_contact(sekretariat, organisation_a)
    target_b = make_target(organisation_b)
    api = _token_client(sekretariat)

    assert api.get(f"/api/v1/organisations/{organisation_a.pk}/targets").status_code == 200
    assert api.get(f"/api/v1/organisations/{organisation_b.pk}/targets").status_code == 404
    assert api.get(f"/api/v1/organisations/{organisation_b.pk}/measures").status_code == 404
    assert _send(api, "patch", f"/api/v1/targets/{target_b.pk}", {"title": "x"}).status_code == 404


def test_without_a_token_or_session_it_is_401(client, organisation_a):
    assert client.get(f"/api/v1/organisations/{organisation_a.pk}/targets").status_code == 401
    assert client.get(f"/api/v1/organisations/{organisation_a.pk}/measures").status_code == 401


def test_a_session_reads_but_must_pass_the_csrf_check_to_write(alice, organisation_a):
    session = Client(enforce_csrf_checks=True)
    session.force_login(alice)
    url = f"/api/v1/organisations/{organisation_a.pk}/measures"

    assert session.get(url).status_code == 200
    refused = _send(session, "post", url, _measure_values())
    assert refused.status_code == 403
    assert not Measure.objects.exists()

    token = _get_new_csrf_string()  # as a page of the site would set it
    session.cookies[settings.CSRF_COOKIE_NAME] = token
    accepted = session.post(
        url,
        json.dumps(_measure_values()),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 201, accepted.content
