"""Contacts keep their organisation's environmental certificates (or plans for one) up to date."""

import datetime

import pytest
from django.urls import reverse

from klimanett.core.models import AuditEntry
from klimanett.partners.models import Certification


@pytest.fixture
def certificate_of_a(organisation_a):
    return Certification.objects.create(
        organisation=organisation_a,
        scheme="miljofyrtarn",
        status="certified",
        valid_until=datetime.date(2027, 5, 1),
    )


def test_contact_adds_a_certificate_and_it_is_audited(client, alice, organisation_a):
    client.force_login(alice)
    response = client.post(
        reverse("partners:certification_add", args=[organisation_a.pk]),
        {"scheme": "iso14001", "status": "certified", "valid_until": "2028-01-31"},
    )
    assert response.status_code == 302
    certification = Certification.objects.get(organisation=organisation_a)
    assert certification.scheme == "iso14001"
    assert certification.valid_until == datetime.date(2028, 1, 31)
    assert AuditEntry.objects.filter(action="certification.created", actor=alice).exists()


def test_a_plan_for_certification_needs_no_expiry(client, alice, organisation_a):
    client.force_login(alice)
    client.post(
        reverse("partners:certification_add", args=[organisation_a.pk]),
        {"scheme": "miljofyrtarn", "status": "planned", "planned_by": "2027-06-30"},
    )
    assert Certification.objects.get(organisation=organisation_a).status == "planned"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scheme": "iso14001", "status": "certified"}, "gyldig til"),
        ({"scheme": "other", "status": "planned"}, "Skriv navnet på ordningen"),
    ],
)
def test_incomplete_certificate_is_refused_and_nothing_saved(
    client, alice, organisation_a, data, message
):
    client.force_login(alice)
    response = client.post(reverse("partners:certification_add", args=[organisation_a.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Certification.objects.exists()


def test_contact_changes_and_deletes_a_certificate(client, alice, organisation_a, certificate_of_a):
    client.force_login(alice)
    edit = reverse("partners:certification_edit", args=[organisation_a.pk, certificate_of_a.pk])
    client.post(
        edit, {"scheme": "miljofyrtarn", "status": "certified", "valid_until": "2030-05-01"}
    )
    certificate_of_a.refresh_from_db()
    assert certificate_of_a.valid_until == datetime.date(2030, 5, 1)

    delete = reverse("partners:certification_delete", args=[organisation_a.pk, certificate_of_a.pk])
    assert client.post(delete).status_code == 302
    assert not Certification.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert sorted(actions) == ["certification.deleted", "certification.updated"]


def test_contact_of_another_organisation_cannot_see_change_or_delete_it(
    client, charlie, organisation_a, organisation_b, certificate_of_a
):
    client.force_login(charlie)
    edit = reverse("partners:certification_edit", args=[organisation_a.pk, certificate_of_a.pk])
    delete = reverse("partners:certification_delete", args=[organisation_a.pk, certificate_of_a.pk])
    add = reverse("partners:certification_add", args=[organisation_a.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"scheme": "emas", "status": "planned"}).status_code == 404
    assert client.post(delete).status_code == 404
    assert client.post(add, {"scheme": "emas", "status": "planned"}).status_code == 404
    # Through their own organisation's address the certificate of A is not found either.
    own = reverse("partners:certification_delete", args=[organisation_b.pk, certificate_of_a.pk])
    assert client.post(own).status_code == 404
    certificate_of_a.refresh_from_db()
    assert certificate_of_a.scheme == "miljofyrtarn"
    assert Certification.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_delete_needs_post(client, alice, organisation_a, certificate_of_a):
    client.force_login(alice)
    delete = reverse("partners:certification_delete", args=[organisation_a.pk, certificate_of_a.pk])
    assert client.get(delete).status_code == 405
    assert Certification.objects.exists()
