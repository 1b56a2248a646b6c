"""The action plan and its measures are seen and changed only by the organisation's contacts
and the secretariat: 404 for a contact of another organisation on every page and form, the
login page for a visitor who is not logged in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klimanett.climateplans.models import ActionPlan, Measure, StatusReport
from klimanett.core.models import AuditEntry
from tests.climateplans.plan_builders import make_measure, make_plan


@pytest.fixture
def measure_of_a(organisation_a):
    return make_measure(make_plan(organisation_a))


def _get_urls(measure):
    organisation = measure.plan.organisation_id
    return [
        reverse("climateplans:action_plan", args=[organisation]),
        reverse("climateplans:plan_settings", args=[organisation]),
        reverse("climateplans:measure_add", args=[organisation]),
        reverse("climateplans:measure_templates", args=[organisation]),
        reverse(
            "climateplans:measure_add_from_template",
            args=[organisation, "diesel_vans_to_electric"],
        ),
        reverse("climateplans:measure_detail", args=[measure.pk]),
        reverse("climateplans:measure_edit", args=[measure.pk]),
    ]


def _posts(measure):
    organisation = measure.plan.organisation_id
    new = {
        "title": "Overtatt",
        "category": "other",
        "expected_reduction_t": "1",
        "investment_nok": "0",
        "lifetime_years": "10",
        "yearly_cost_nok": "0",
        "start_year": "2026",
        "status": "planned",
    }
    return [
        (reverse("climateplans:measure_add", args=[organisation]), new),
        (
            reverse("climateplans:measure_add_from_template", args=[organisation, "less_paper"]),
            new,
        ),
        (reverse("climateplans:measure_edit", args=[measure.pk]), new),
        (
            reverse("climateplans:measure_report", args=[measure.pk]),
            {"reported_on": "2025-01-01", "status": "dropped", "progress": "Stoppet"},
        ),
        (
            reverse("climateplans:plan_settings", args=[organisation]),
            {"report_cadence": "three_times", "reference_growth_percent": "5"},
        ),
    ]


def test_a_contact_of_another_organisation_gets_404_on_every_page_and_form(
    client, charlie, measure_of_a
):
    client.force_login(charlie)

    for url in [
        *_get_urls(measure_of_a),
        reverse("climateplans:measure_report", args=[measure_of_a.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in _posts(measure_of_a):
        assert client.post(url, data).status_code == 404, url

    measure_of_a.refresh_from_db()
    assert (measure_of_a.title, measure_of_a.status) == ("Elektriske varebiler", "planned")
    assert Measure.objects.count() == 1
    assert not StatusReport.objects.exists()
    assert ActionPlan.objects.get().report_cadence == "yearly"
    assert not AuditEntry.objects.exists()


def test_a_visitor_who_is_not_logged_in_is_sent_to_login(client, measure_of_a):
    for url in _get_urls(measure_of_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("core:login"))
    for url, data in _posts(measure_of_a):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("core:login"))
    assert Measure.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_both_contacts_and_the_secretariat_see_every_page(
    client, alice, bob, sekretariat, verified_client, measure_of_a
):
    for user in (alice, bob):
        client.force_login(user)
        for url in _get_urls(measure_of_a):
            assert client.get(url).status_code == 200, url
    secretariat = verified_client(sekretariat)
    for url in _get_urls(measure_of_a):
        assert secretariat.get(url).status_code == 200, url


def test_both_contacts_and_the_secretariat_may_change_the_plan(
    client, alice, bob, sekretariat, verified_client, measure_of_a
):
    for user, status in ((alice, "in_progress"), (bob, "done")):
        client.force_login(user)
        response = client.post(
            reverse("climateplans:measure_report", args=[measure_of_a.pk]),
            {"reported_on": "2025-01-01", "status": status, "progress": ""},
        )
        assert response.status_code == 302
    secretariat = verified_client(sekretariat)
    response = secretariat.post(
        reverse("climateplans:plan_settings", args=[measure_of_a.plan.organisation_id]),
        {"report_cadence": "three_times", "reference_growth_percent": "0"},
    )
    assert response.status_code == 302

    reporters = list(
        AuditEntry.objects.filter(action="measure.status_reported")
        .order_by("pk")
        .values_list("actor__email", flat=True)
    )
    assert reporters == ["alice@alfa.example.no", "bob@alfa.example.no"]
    assert AuditEntry.objects.get(action="action_plan.settings_changed").actor == sekretariat
