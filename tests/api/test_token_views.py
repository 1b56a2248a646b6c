"""Personal API tokens in the partner area: made (plaintext shown once), listed and revoked by
their owner only; in the personal-data export, and gone with the account."""

from __future__ import annotations

from wagtail.models import APIToken

from klimanett.api.tokens import issue_token
from klimanett.core import privacy
from tests.builders import make_user

URL = "/min-side/api-nokler/"


def test_contact_makes_a_token_shown_once(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"name": "Regnskapssystem"})
    assert response.status_code == 200
    token = APIToken.objects.get(user=alice)
    plaintext = response.context["plaintext"]
    assert plaintext.startswith(token.prefix)
    assert plaintext in response.content.decode()
    assert "Authorization: Bearer" in response.content.decode()
    assert plaintext not in str(dict(client.session))
    again = client.get(URL).content.decode()
    assert plaintext not in again
    assert "Regnskapssystem" in again and token.prefix in again


def test_name_is_required_and_at_most_100_characters(client, alice):
    client.force_login(alice)
    assert client.post(URL, {"name": ""}).context["form"].errors
    assert client.post(URL, {"name": "x" * 101}).context["form"].errors
    assert not APIToken.objects.exists()


def test_users_who_are_not_contact_persons_get_404(client, db):
    client.force_login(make_user(email="ingen@example.no"))
    assert client.get(URL).status_code == 404


def test_a_former_contact_still_sees_and_revokes_a_token_but_makes_none(client, alice):
    token, _ = issue_token(user=alice, name="Gammel nøkkel")
    alice.contacts.all().delete()
    client.force_login(alice)

    page = client.get(URL).content.decode()
    assert "Gammel nøkkel" in page and 'name="name"' not in page
    assert client.post(URL, {"name": "Ny"}).status_code == 404
    client.post(f"{URL}{token.pk}/trekk-tilbake/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_only_the_owner_sees_and_revokes_a_token(client, alice, bob):
    token, _ = issue_token(user=alice, name="Alices nøkkel")
    client.force_login(bob)
    assert "Alices nøkkel" not in client.get(URL).content.decode()
    assert client.post(f"{URL}{token.pk}/trekk-tilbake/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(alice)
    assert client.get(f"{URL}{token.pk}/trekk-tilbake/").status_code == 200
    assert client.post(f"{URL}{token.pk}/trekk-tilbake/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_tokens_are_in_the_export_and_go_with_the_account(alice):
    issue_token(user=alice, name="Eksport")
    exported = privacy.export_personal_data(alice)["api_tokens"]
    assert [t["name"] for t in exported] == ["Eksport"]
    assert set(exported[0]) == {"name", "prefix", "created", "last_used", "revoked"}
    privacy.delete_user(user=alice)
    assert not APIToken.objects.exists()


def test_at_most_ten_tokens_in_use_and_a_revoked_one_makes_room(client, alice):
    client.force_login(alice)
    for number in range(10):
        issue_token(user=alice, name=f"Program {number}")

    response = client.post(URL, {"name": "Elleve"})

    assert response.status_code == 200
    assert "10" in str(response.context["form"].non_field_errors())
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1 and "10" in shown[0]  # the reason at the top of the page
    assert not APIToken.objects.filter(name="Elleve").exists()
    APIToken.objects.filter(user=alice).first().revoke()
    assert client.post(URL, {"name": "Elleve"}).context["plaintext"]
    assert APIToken.objects.filter(name="Elleve").exists()
