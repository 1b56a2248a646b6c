"""A full event: the waiting list, promotion when someone cancels, and the e-mails."""

from __future__ import annotations

import pytest
from django.core import mail

from klimanett.events import services
from klimanett.events.models import Registration
from tests.builders import make_event

pytestmark = pytest.mark.django_db


def _register(event, email: str) -> Registration:
    return services.register(event=event, name=email.split("@")[0], email=email, consent=True)


def test_when_full_new_registrations_go_on_the_waiting_list_in_order(
    django_capture_on_commit_callbacks,
):
    event = make_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        a, b, c, d = (_register(event, f"{n}@example.no") for n in "abcd")
    assert [r.status for r in (a, b, c, d)] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert list(services.waiting_list(event)) == [c, d]
    assert services.waiting_position(c) == 1 and services.waiting_position(d) == 2
    assert services.places_left(event) == 0
    waiting_mail = mail.outbox[3]
    assert waiting_mail.to == ["d@example.no"]
    assert "venteliste som nummer 2" in waiting_mail.body
    assert not waiting_mail.attachments


def test_confirmation_email_has_the_calendar_file_and_a_cancel_link(
    django_capture_on_commit_callbacks,
):
    event = make_event(online_url="https://møte.example.no/rom/42")
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(event, "kari@example.no")
    (message,) = mail.outbox
    assert message.to == ["kari@example.no"]
    assert event.title in message.subject
    assert services.cancel_url(registration) in message.body
    assert "https://møte.example.no/rom/42" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert b"BEGIN:VEVENT" in (content if isinstance(content, bytes) else content.encode())


def test_cancelling_a_place_gives_it_to_the_first_on_the_waiting_list_with_an_email(
    django_capture_on_commit_callbacks,
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(event, "first@example.no")
        second = _register(event, "second@example.no")
        third = _register(event, "third@example.no")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(registration=first)
    assert promoted == [second]
    second.refresh_from_db()
    third.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status, third.status) == ("cancelled", "confirmed", "waiting")
    assert first.cancelled_at is not None
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"first@example.no", "second@example.no"}
    promotion = by_recipient["second@example.no"]
    assert "fått plass" in promotion.subject
    assert promotion.attachments


def test_cancelling_from_the_waiting_list_promotes_nobody():
    event = make_event(capacity=1)
    _register(event, "first@example.no")
    waiting = _register(event, "second@example.no")
    assert services.cancel(registration=waiting) == []
    assert services.confirmed_count(event) == 1


def test_cancelling_twice_changes_nothing():
    event = make_event(capacity=1)
    first = _register(event, "first@example.no")
    _register(event, "second@example.no")
    assert len(services.cancel(registration=first)) == 1
    assert services.cancel(registration=first) == []


def test_more_places_move_the_waiting_list_up():
    event = make_event(capacity=1)
    _register(event, "first@example.no")
    waiting = _register(event, "second@example.no")
    event.capacity = 5
    event.save()
    assert services.fill_free_places(event=event) == [waiting]
    # A later registration does not jump the queue either.
    assert _register(event, "third@example.no").status == "confirmed"
