import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from klimanett.core.models import User
from tests.builders import PASSWORD


def test_partner_contact_logs_in_with_email_and_password(client, alice, organisation_a):
    response = client.post(reverse("core:login"), {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == alice
    page = client.get(response["Location"], follow=True)
    assert organisation_a.name in page.content.decode()


def test_wrong_password_gets_a_clear_message_in_norwegian(client, alice):
    response = client.post(reverse("core:login"), {"username": alice.email, "password": "feil"})
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil" in response.content.decode()


def test_repeated_failures_lock_the_address_out(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("core:login"), {"username": alice.email, "password": "feil"})
    response = client.post(reverse("core:login"), {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(client, alice):
    client.force_login(alice)
    assert client.get(reverse("core:logout")).status_code == 405
    assert client.post(reverse("core:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_changing_letter_case_does_not_escape_the_lockout(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("core:login"), {"username": alice.email, "password": "feil"})
    response = client.post(
        reverse("core:login"), {"username": alice.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_ignores_the_letter_case_of_the_address(client, alice):
    response = client.post(
        reverse("core:login"), {"username": " Alice@Alfa.Example.NO ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == alice


def test_the_same_address_in_other_letters_cannot_be_registered_twice(alice):
    twin = User(email="ALICE@alfa.example.no", first_name="A", last_name="B")
    with pytest.raises(ValidationError, match="finnes allerede"):
        twin.full_clean()
    assert (
        User.objects.create_user(email="Ny@Example.no", password=PASSWORD).email == "ny@example.no"
    )
