"""The read-only audit log in the Wagtail admin."""

from __future__ import annotations

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from klimanett.core import audit
from klimanett.core.models import AuditEntry

AUDIT_LOG = reverse("audit_log:index")


@pytest.fixture
def entries(sekretariat, alice, organisation_a, organisation_b):
    """Three entries: two on organisation A (one of them a week old), one on B."""
    old = audit.record(organisation_a, "organisation.created", by=sekretariat)
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(7))
    audit.record(organisation_a, "organisation.updated", by=alice, data={"changed": {"name": "x"}})
    audit.record(organisation_b, "membership.updated", by=sekretariat)
    return AuditEntry.objects.all()


def listed(response) -> list[tuple[str, str]]:
    return [(entry.action, entry.object_repr) for entry in response.context["object_list"]]


def test_secretariat_reads_the_audit_log_newest_first(verified_client, sekretariat, entries):
    response = verified_client(sekretariat).get(AUDIT_LOG)

    assert response.status_code == 200
    assert listed(response) == [
        ("membership.updated", "Beta Energi AS"),
        ("organisation.updated", "Alfa Klimaservice AS"),
        ("organisation.created", "Alfa Klimaservice AS"),
    ]


def test_secretariat_filters_the_audit_log_by_action(verified_client, sekretariat, entries):
    response = verified_client(sekretariat).get(AUDIT_LOG, {"action": "organisation.updated"})

    assert listed(response) == [("organisation.updated", "Alfa Klimaservice AS")]


def test_secretariat_filters_the_audit_log_by_date(verified_client, sekretariat, entries):
    client = verified_client(sekretariat)
    today = timezone.localdate()
    last_week = (today - datetime.timedelta(7)).isoformat()

    since_today = client.get(AUDIT_LOG, {"created_at_from": today.isoformat()})
    before_today = client.get(AUDIT_LOG, {"created_at_from": last_week, "created_at_to": last_week})

    assert {action for action, _ in listed(since_today)} == {
        "organisation.updated",
        "membership.updated",
    }
    assert listed(before_today) == [("organisation.created", "Alfa Klimaservice AS")]


def test_secretariat_searches_the_audit_log_by_object(verified_client, sekretariat, entries):
    response = verified_client(sekretariat).get(AUDIT_LOG, {"q": "beta"})

    assert listed(response) == [("membership.updated", "Beta Energi AS")]


def test_secretariat_inspects_an_entry_with_its_details(verified_client, sekretariat, entries):
    entry = AuditEntry.objects.get(action="organisation.updated")

    response = verified_client(sekretariat).get(reverse("audit_log:inspect", args=[entry.pk]))

    assert response.status_code == 200
    assert "organisation.updated" in response.content.decode()
    assert "Alice Alfa" in response.content.decode()


@pytest.mark.parametrize("view", ["add", "edit", "delete", "copy", "history"])
def test_the_audit_log_has_no_views_that_change_it(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"audit_log:{view}", args=[] if view == "add" else [1])


def test_a_post_to_the_audit_log_changes_nothing(verified_client, sekretariat, entries):
    client = verified_client(sekretariat)
    entry = entries.first()

    client.post(AUDIT_LOG, {"action": "forged"})
    client.post(reverse("audit_log:inspect", args=[entry.pk]), {"action": "forged"})

    assert not AuditEntry.objects.filter(action="forged").exists()
    assert AuditEntry.objects.count() == 3


def test_partner_contact_cannot_read_the_audit_log(client, alice, entries):
    client.force_login(alice)

    response = client.get(AUDIT_LOG)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("core:login"))


def test_an_entrys_time_is_shown_in_oslo_time_and_its_details_as_readable_json(
    verified_client, sekretariat, entries
):
    entry = AuditEntry.objects.get(action="organisation.updated")
    AuditEntry.objects.filter(pk=entry.pk).update(
        created_at=datetime.datetime(2026, 6, 1, 10, 30, tzinfo=datetime.UTC),
        data={"changed": {"name": "Øst AS"}},
    )
    page = verified_client(sekretariat).get(reverse("audit_log:inspect", args=[entry.pk]))
    text = page.content.decode()
    assert "12:30" in text  # 10:30 UTC is 12:30 in Oslo in summer
    assert "Øst AS" in text
