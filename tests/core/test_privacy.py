import json

from django.urls import reverse

from klimanett.core import audit
from klimanett.core.models import AuditEntry, User
from klimanett.partners.models import Contact
from tests.builders import PASSWORD


def test_user_downloads_own_personal_data(client, alice, organisation_a):
    client.force_login(alice)
    response = client.get(reverse("core:export_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["user"]["email"] == alice.email
    assert data["organisations"] == [
        {"organisation": organisation_a.name, "position": "Miljøleder", "main_contact": True}
    ]


def test_export_holds_no_one_elses_data(client, alice, bob):
    client.force_login(bob)
    data = json.loads(client.get(reverse("core:export_data")).content)
    assert alice.email not in json.dumps(data)


def test_user_deletes_own_account_with_password(client, alice, organisation_a):
    client.force_login(alice)
    response = client.post(reverse("core:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email=alice.email).exists()
    assert not Contact.objects.filter(organisation=organisation_a).exists()
    entry = AuditEntry.objects.get(action="user.deleted")
    assert entry.actor is None
    assert alice.email not in json.dumps(entry.data)


def test_wrong_password_deletes_nothing(client, alice):
    client.force_login(alice)
    response = client.post(reverse("core:delete_account"), {"password": "gale"})
    assert response.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists()


def test_anonymous_cannot_export_or_delete(client, alice):
    assert client.get(reverse("core:export_data")).status_code == 302
    assert client.post(reverse("core:delete_account"), {"password": PASSWORD}).status_code == 302
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_an_account_removes_the_person_from_the_audit_log(client, alice, organisation_a):
    contact = Contact.objects.get(user=alice)
    audit.record(contact, "contact.created", by=None, data={"changed": {"user": "Alice Alfa"}})
    audit.record(organisation_a, "organisation.updated", by=alice, data={"changed": {"name": "X"}})
    client.force_login(alice)

    client.post(reverse("core:delete_account"), {"password": PASSWORD})

    log = json.dumps(list(AuditEntry.objects.values("object_repr", "data", "actor")))
    assert "Alice" not in log and alice.email not in log
    assert AuditEntry.objects.get(action="organisation.updated").actor is None
    assert "[slettet person]" in AuditEntry.objects.get(action="contact.created").object_repr
