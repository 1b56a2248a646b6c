"""A partner chooses what of its targets and action plan the public profile shows: a checkbox on
the target and on the plan's settings, audited, and only for its own contacts and the
secretariat."""

from __future__ import annotations

import pytest
from django.urls import reverse

from klimanett.climateplans.models import ActionPlan, Target
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_target

TERMS = {
    "title": "Halvere utslippene innen 2030",
    "kind": "emissions",
    "metric": "absolute",
    "scopes": "1",
    "base_year": "2020",
    "target_year": "2030",
    "reduction_percent": "50",
}


@pytest.fixture
def target_of_a(organisation_a):
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="approved")
    return make_target(
        organisation_a, scopes="1", base_year=2020, base_value=26_600.0, reduction_percent=50
    )


def test_a_target_is_not_published_until_the_partner_chooses_it(target_of_a):
    assert target_of_a.publish is False
    assert not Target.objects.published().exists()


def test_a_contact_publishes_a_target_with_the_checkbox_and_it_is_audited(
    client, alice, target_of_a
):
    client.force_login(alice)
    url = reverse("climateplans:target_edit", args=[target_of_a.pk])
    assert 'name="publish"' in client.get(url).content.decode()

    response = client.post(url, {**TERMS, "publish": "on"})

    assert response.status_code == 302
    target_of_a.refresh_from_db()
    assert target_of_a.publish is True
    entry = AuditEntry.objects.get(action="target.updated")
    assert entry.actor == alice
    assert entry.data["changed"] == {"publish": {"from": False, "to": True}}


def test_leaving_the_checkbox_empty_takes_a_target_off_the_profile(client, bob, target_of_a):
    target_of_a.publish = True
    target_of_a.save()
    client.force_login(bob)

    client.post(reverse("climateplans:target_edit", args=[target_of_a.pk]), TERMS)

    target_of_a.refresh_from_db()
    assert target_of_a.publish is False


def test_a_new_target_can_be_published_from_the_start(client, alice, organisation_a):
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="approved")
    client.force_login(alice)

    client.post(
        reverse("climateplans:target_create", args=[organisation_a.pk]), {**TERMS, "publish": "on"}
    )

    target = Target.objects.get()
    assert target.publish is True
    assert AuditEntry.objects.get(action="target.created").data["publish"] is True


def test_a_contact_publishes_the_done_measures_in_the_plan_settings(client, alice, organisation_a):
    client.force_login(alice)
    url = reverse("climateplans:plan_settings", args=[organisation_a.pk])
    assert 'name="publish_done_measures"' in client.get(url).content.decode()

    client.post(
        url,
        {
            "report_cadence": "yearly",
            "reference_growth_percent": "0",
            "publish_done_measures": "on",
        },
    )

    assert ActionPlan.objects.get().publish_done_measures is True
    entry = AuditEntry.objects.get(action="action_plan.settings_changed")
    assert entry.actor == alice
    assert entry.data["changed"] == {"publish_done_measures": {"from": False, "to": True}}


def test_the_secretariat_may_change_the_publication_choices(
    verified_client, sekretariat, target_of_a
):
    client = verified_client(sekretariat)

    client.post(
        reverse("climateplans:target_edit", args=[target_of_a.pk]), {**TERMS, "publish": "on"}
    )
    client.post(
        reverse("climateplans:plan_settings", args=[target_of_a.organisation_id]),
        {
            "report_cadence": "yearly",
            "reference_growth_percent": "0",
            "publish_done_measures": "on",
        },
    )

    target_of_a.refresh_from_db()
    assert target_of_a.publish is True
    assert ActionPlan.objects.get().publish_done_measures is True


def test_a_contact_of_another_organisation_gets_404_on_the_publication_choices(
    client, charlie, target_of_a
):
    client.force_login(charlie)
    target_url = reverse("climateplans:target_edit", args=[target_of_a.pk])
    settings_url = reverse("climateplans:plan_settings", args=[target_of_a.organisation_id])

    assert client.get(target_url).status_code == 404
    assert client.post(target_url, {**TERMS, "publish": "on"}).status_code == 404
    assert client.get(settings_url).status_code == 404
    assert (
        client.post(
            settings_url,
            {
                "report_cadence": "yearly",
                "reference_growth_percent": "0",
                "publish_done_measures": "on",
            },
        ).status_code
        == 404
    )
    target_of_a.refresh_from_db()
    assert target_of_a.publish is False
    assert not ActionPlan.objects.exists()
    assert not AuditEntry.objects.exists()
