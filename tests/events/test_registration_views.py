"""The event page with its form, the registration page and the cancel link (no login)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from klimanett.events import services
from klimanett.events.models import Event, Registration
from tests.builders import make_event

pytestmark = pytest.mark.django_db
ONLINE = "https://møte.example.no/hemmelig-rom"


def _form(**overrides) -> dict[str, str]:
    data = {
        "name": "Kari Nordmann",
        "email": "Kari@Example.no",
        "organisation_name": "Telemark Trevare AS",
        "dietary_needs": "Vegetar",
        "accessibility_needs": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_event_page_shows_the_event_but_not_the_online_link(client):
    event = make_event(online_url=ONLINE, description="Vi møtes & lærer.")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert event.title in html and "Skien bibliotek" in html
    assert "hemmelig-rom" not in html


@pytest.mark.parametrize("who", ["anonymous", "alice"])
def test_draft_event_is_404_except_for_the_secretariat(client, alice, who):
    event = make_event(status=Event.Status.DRAFT)
    if who == "alice":
        client.force_login(alice)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_secretariat_sees_a_draft(verified_client, sekretariat):
    event = make_event(status=Event.Status.DRAFT)
    assert verified_client(sekretariat).get(event.get_absolute_url()).status_code == 200


def test_visitor_registers_and_sees_the_online_link_on_the_confirmation_page(
    client, django_capture_on_commit_callbacks
):
    event = make_event(online_url=ONLINE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.get_absolute_url(), _form())
    registration = Registration.objects.get()
    assert registration.email == "kari@example.no"
    assert registration.dietary_needs == "Vegetar"
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert ONLINE in page.content.decode()
    assert len(mail.outbox) == 1


def test_invalid_email_gives_a_clear_message_and_saves_nothing(client):
    event = make_event()
    response = client.post(event.get_absolute_url(), _form(email="kari-at-example"))
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert response.context["form"].errors["email"]


def test_second_registration_of_the_same_email_is_caught_in_the_form(client):
    event = make_event()
    client.post(event.get_absolute_url(), _form())
    response = client.post(event.get_absolute_url(), _form(email="KARI@example.NO"))
    assert response.status_code == 400
    assert "already registered" in str(response.context["form"].errors["email"])
    assert Registration.objects.count() == 1


def test_missing_consent_saves_nothing(client):
    event = make_event()
    data = _form()
    del data["consent"]
    assert client.post(event.get_absolute_url(), data).status_code == 400
    assert not Registration.objects.exists()


def test_registration_after_closing_gives_a_clear_message(client):
    from django.utils import timezone

    event = make_event(registration_closes_at=timezone.now())
    response = client.post(event.get_absolute_url(), _form())
    assert response.status_code == 400
    assert "Registration is closed." in response.context["form"].non_field_errors()
    assert not Registration.objects.exists()


def test_partner_contact_sees_register_a_colleague_with_the_organisation_prefilled(
    client, alice, organisation_a
):
    event = make_event()
    client.force_login(alice)
    page = client.get(event.get_absolute_url() + "?kollega=1")
    form = page.context["form"]
    assert form.initial == {"organisation_name": organisation_a.name}
    client.post(
        event.get_absolute_url(),
        _form(
            name="Kollega Alfa",
            email="kollega@alfa.example.no",
            organisation_name=organisation_a.name,
            colleague="1",
        ),
    )
    registration = Registration.objects.get()
    assert registration.registered_by == alice
    assert registration.organisation == organisation_a


def test_anonymous_visitor_gets_no_colleague_form(client):
    page = client.get(make_event().get_absolute_url() + "?kollega=1")
    assert page.context["colleague"] is False


def test_get_on_the_cancel_link_asks_and_does_not_cancel(client):
    registration = services.register(
        event=make_event(), name="Kari", email="kari@example.no", consent=True
    )
    url = reverse("events:registration_cancel", args=[services.registration_token(registration)])
    response = client.get(url)
    assert response.status_code == 200
    assert "Yes, cancel the registration" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_post_on_the_cancel_link_cancels_without_login(client):
    event = make_event(capacity=1)
    registration = services.register(event=event, name="A", email="a@example.no", consent=True)
    waiting = services.register(event=event, name="B", email="b@example.no", consent=True)
    token = services.registration_token(registration)
    response = client.post(reverse("events:registration_cancel", args=[token]))
    assert response.status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == "cancelled" and waiting.status == "confirmed"


@pytest.mark.parametrize("name", ["registration_cancel", "registration_detail"])
def test_tampered_or_bad_token_gives_a_clear_message(client, name):
    registration = services.register(
        event=make_event(), name="Kari", email="kari@example.no", consent=True
    )
    token = services.registration_token(registration)
    for bad in ("nonsense", token[:-2] + ("aa" if not token.endswith("aa") else "bb")):
        method = client.post if name == "registration_cancel" else client.get
        response = method(reverse(f"events:{name}", args=[bad]))
        assert response.status_code == 400
        assert "The link does not work" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_token_for_another_purpose_is_refused():
    from django.core import signing

    registration = services.register(
        event=make_event(), name="Kari", email="kari@example.no", consent=True
    )
    assert services.registration_from_token(signing.dumps(registration.pk)) is None
