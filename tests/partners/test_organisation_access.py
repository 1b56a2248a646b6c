"""Only an organisation's own contacts and the secretariat see or change its non-public data."""

import datetime

import pytest
from django.urls import reverse

from klimanett.core.models import AuditEntry
from klimanett.partners.models import CommitmentStatus, Organisation


def _urls(organisation):
    year = datetime.date.today().year
    return [
        reverse("partners:organisation_detail", args=[organisation.pk]),
        reverse("partners:organisation_edit", args=[organisation.pk]),
        reverse("partners:commitments_edit", args=[organisation.pk, year]),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_contact_of_another_organisation_gets_404(client, charlie, organisation_a, index):
    client.force_login(charlie)
    assert client.get(_urls(organisation_a)[index]).status_code == 404


@pytest.mark.parametrize("index", [0, 1, 2])
def test_anonymous_visitor_is_sent_to_login(client, organisation_a, index):
    response = client.get(_urls(organisation_a)[index])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize("index", [0, 1, 2])
def test_contacts_of_the_organisation_see_its_pages(client, alice, bob, organisation_a, index):
    for user in (alice, bob):
        client.force_login(user)
        assert client.get(_urls(organisation_a)[index]).status_code == 200


def test_secretariat_sees_any_organisation(verified_client, sekretariat, organisation_a):
    client = verified_client(sekretariat)
    for url in _urls(organisation_a):
        assert client.get(url).status_code == 200


def test_contact_of_another_organisation_cannot_change_it(client, charlie, organisation_a):
    client.force_login(charlie)
    before = Organisation.objects.values().get(pk=organisation_a.pk)
    response = client.post(
        reverse("partners:organisation_edit", args=[organisation_a.pk]),
        {
            "name": "Kapret AS",
            "kind": "company",
            "sector": "C",
            "municipality": organisation_a.municipality_id,
        },
    )
    assert response.status_code == 404
    assert Organisation.objects.values().get(pk=organisation_a.pk) == before
    assert not AuditEntry.objects.exists()


def test_contact_of_another_organisation_cannot_report_its_commitments(
    client, charlie, organisation_a
):
    client.force_login(charlie)
    year = datetime.date.today().year
    response = client.post(
        reverse("partners:commitments_edit", args=[organisation_a.pk, year]),
        {"top_management-status": "done", "top_management-evidence": "Falsk"},
    )
    assert response.status_code == 404
    assert not CommitmentStatus.objects.exists()


def test_my_page_lists_only_own_organisations(
    client, alice, organisation_a, organisation_b, charlie
):
    client.force_login(alice)
    page = client.get(reverse("partners:my_organisations"), follow=True).content.decode()
    assert organisation_a.name in page
    assert organisation_b.name not in page
