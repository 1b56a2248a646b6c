"""Who may register when: windows, partner priority, audience, duplicates, cancelled events."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from klimanett.core.models import AuditEntry
from klimanett.events import services
from klimanett.events.models import Event, Registration
from klimanett.partners.models import Membership
from tests.builders import make_contact, make_event, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _register(event: Event, email: str = "kari@example.no", **overrides) -> Registration:
    fields = {"name": "Kari Nordmann", "email": email, "consent": True}
    fields.update(overrides)
    return services.register(event=event, **fields)


def test_visitor_without_account_gets_a_place_and_the_email_is_stored_in_lower_case():
    event = make_event()
    registration = _register(event, email="  Kari.Nordmann@Example.NO ")
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "kari.nordmann@example.no"
    assert registration.registered_by is None


def test_registration_before_the_window_opens_is_refused_with_the_opening_time():
    opens = timezone.now() + 2 * DAY
    event = make_event(registration_opens_at=opens)
    with pytest.raises(services.RegistrationRefused, match="opens"):
        _register(event)
    assert not Registration.objects.exists()


def test_registration_after_closing_is_refused():
    event = make_event(
        registration_opens_at=timezone.now() - 3 * DAY,
        registration_closes_at=timezone.now() - DAY,
    )
    with pytest.raises(services.RegistrationRefused, match="closed"):
        _register(event)
    assert not Registration.objects.exists()


def test_registration_closes_when_the_event_starts_if_no_closing_time_is_set():
    event = make_event(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    with pytest.raises(services.RegistrationRefused):
        _register(event)


def test_in_the_partner_window_only_partner_contacts_may_register(alice, charlie):
    event = make_event(partners_only_until=timezone.now() + DAY)
    with pytest.raises(services.RegistrationRefused, match="priority"):
        _register(event)
    prospect = make_organisation()
    make_membership(prospect, status=Membership.Status.PROSPECT, agreement_date=None)
    outsider = make_user()
    make_contact(outsider, prospect)
    with pytest.raises(services.RegistrationRefused):
        _register(event, email=outsider.email, by=outsider)
    assert _register(event, email=alice.email, by=alice).status == "confirmed"
    assert _register(event, email=charlie.email, by=charlie).status == "confirmed"


def test_after_the_partner_window_everyone_may_register():
    event = make_event(partners_only_until=timezone.now() - DAY)
    assert _register(event).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("audience", [Event.Audience.PARTNERS, Event.Audience.TOP_MANAGERS])
def test_partners_only_event_refuses_visitors_and_takes_partner_contacts(audience, alice):
    event = make_event(audience=audience)
    with pytest.raises(services.RegistrationRefused, match="partners"):
        _register(event)
    assert _register(event, email=alice.email, by=alice).status == "confirmed"


def test_cancelled_event_takes_no_registrations():
    event = make_event(status=Event.Status.CANCELLED)
    with pytest.raises(services.RegistrationRefused, match="cancelled"):
        _register(event)


def test_registration_without_consent_is_refused():
    with pytest.raises(services.RegistrationRefused) as refused:
        _register(make_event(), consent=False)
    assert refused.value.field == "consent"
    assert not Registration.objects.exists()


def test_same_email_twice_is_caught_whatever_the_case():
    event = make_event()
    _register(event, email="kari@example.no")
    with pytest.raises(services.AlreadyRegistered):
        _register(event, email="KARI@Example.no")
    assert Registration.objects.count() == 1


def test_same_email_may_register_again_after_cancelling():
    event = make_event()
    first = _register(event)
    services.cancel(registration=first)
    assert _register(event).status == Registration.Status.CONFIRMED


def test_same_email_may_register_for_another_event():
    _register(make_event())
    assert _register(make_event()).status == Registration.Status.CONFIRMED


def test_partner_contact_registers_a_colleague_for_their_organisation(alice, organisation_a):
    registration = _register(
        make_event(), email="kollega@alfa.example.no", organisation=organisation_a, by=alice
    )
    assert registration.registered_by == alice
    assert registration.organisation == organisation_a
    assert registration.organisation_name == organisation_a.name


def test_contact_cannot_register_for_another_partner_organisation(alice, organisation_b):
    with pytest.raises(services.RegistrationRefused):
        _register(make_event(), organisation=organisation_b, by=alice)


def test_audit_entry_names_the_registration_not_the_person():
    registration = _register(make_event(), name="Kari Hemmelig", email="hemmelig@example.no")
    entry = AuditEntry.objects.get(action="event.registration_created")
    assert entry.data == {"registration": registration.pk, "status": "confirmed"}
    text = f"{entry.object_repr} {entry.data}"
    assert "Hemmelig" not in text and "hemmelig@" not in text
