"""Personal data in registrations: anonymised after the retention period, and one person's
registrations in their export and deletion."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from klimanett.core import privacy as core_privacy
from klimanett.core.models import AuditEntry
from klimanett.events import feedback, privacy
from klimanett.events.models import Feedback, Registration
from tests.builders import make_event, make_registration, make_user

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 27, 12, tzinfo=datetime.UTC)


def event_ended(*, months_ago: int, days: int = 0, **overrides):
    ends_at = privacy.months_before(NOW, months_ago) - datetime.timedelta(days=days)
    return make_event(starts_at=ends_at - datetime.timedelta(hours=3), ends_at=ends_at, **overrides)


def full_registration(event, organisation=None, **overrides) -> Registration:
    registration = make_registration(
        event,
        name="Kari Nordmann",
        email="kari@example.no",
        organisation_name="Alfa Klimaservice AS",
        organisation=organisation,
        dietary_needs="Glutenfri",
        accessibility_needs="Teleslynge",
        checked_in_at=event.starts_at,
        **overrides,
    )
    Feedback.objects.create(registration=registration, rating=4, comment="Kari likte det")
    return registration


def anonymise(*args: str) -> str:
    out = io.StringIO()
    call_command("anonymise_event_registrations", *args, stdout=out)
    return out.getvalue()


def test_months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    may_31 = datetime.datetime(2026, 5, 31, 12, tzinfo=datetime.UTC)
    assert privacy.months_before(may_31, 3).date() == datetime.date(2026, 2, 28)
    assert privacy.months_before(may_31, 12).date() == datetime.date(2025, 5, 31)
    assert privacy.months_before(NOW, 14).date() == datetime.date(2025, 9, 27)


def test_registrations_are_anonymised_after_the_retention_period_keeping_the_statistics(
    organisation_a,
):
    registration = full_registration(event_ended(months_ago=12, days=1), organisation_a)

    count = privacy.anonymise_expired_registrations(now=NOW)

    assert count == 1
    registration.refresh_from_db()
    assert (
        registration.name,
        registration.email,
        registration.organisation_name,
        registration.dietary_needs,
        registration.accessibility_needs,
    ) == ("", "", "", "", "")
    assert registration.anonymised_at == NOW
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation == organisation_a
    assert registration.checked_in_at is not None
    answer = Feedback.objects.get(registration=registration)
    assert (answer.rating, answer.comment) == (4, "")
    assert registration.event.registrations.count() == 1
    entry = AuditEntry.objects.get(action=privacy.ANONYMISED)
    assert entry.data == {"count": 1}
    assert "Kari" not in json.dumps(entry.data) + entry.object_repr


def test_registrations_are_kept_until_the_retention_period_has_passed():
    registration = full_registration(event_ended(months_ago=11))
    upcoming = make_registration(make_event())

    assert privacy.anonymise_expired_registrations(now=NOW) == 0

    registration.refresh_from_db()
    upcoming.refresh_from_db()
    assert registration.name == "Kari Nordmann" and registration.anonymised_at is None
    assert upcoming.anonymised_at is None


def test_the_retention_period_is_a_setting(settings):
    settings.EVENT_REGISTRATION_RETENTION_MONTHS = 6
    registration = full_registration(event_ended(months_ago=7))

    assert privacy.anonymise_expired_registrations(now=NOW) == 1
    registration.refresh_from_db()
    assert registration.anonymised_at is not None


def test_anonymising_again_changes_nothing():
    registration = full_registration(event_ended(months_ago=13))
    privacy.anonymise_expired_registrations(now=NOW)
    registration.refresh_from_db()
    first = registration.anonymised_at

    assert privacy.anonymise_expired_registrations(now=NOW + datetime.timedelta(days=1)) == 0
    registration.refresh_from_db()
    assert registration.anonymised_at == first
    assert AuditEntry.objects.filter(action=privacy.ANONYMISED).count() == 1


def test_a_person_can_register_again_for_an_event_whose_old_registration_is_anonymised():
    event = event_ended(months_ago=13)
    full_registration(event)
    privacy.anonymise_expired_registrations(now=NOW)
    make_registration(event, email="")  # the blanked address holds no place in the constraint
    assert event.registrations.filter(email="").count() == 2


def test_command_anonymises_with_a_dry_run_first():
    full_registration(event_ended(months_ago=24))

    assert "1 registration(s) would be anonymised." in anonymise("--dry-run")
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 1
    assert "Anonymised 1 registration(s)." in anonymise()
    assert "Anonymised 0 registration(s)." in anonymise()


def test_anonymised_registrations_cannot_give_feedback(client):
    registration = full_registration(event_ended(months_ago=13))
    token = feedback.feedback_token(registration)
    privacy.anonymise_expired_registrations(now=NOW)

    response = client.get(reverse("events:feedback", args=[token]))
    assert response.status_code == 404


# One person's data


def test_a_users_export_includes_their_registrations_by_email(client):
    user = make_user(email="kari@example.no")
    full_registration(event_ended(months_ago=2, title="Kurs i klimaregnskap"))
    make_registration(make_event(), email="someone.else@example.no")

    data = core_privacy.export_personal_data(user)

    [registration] = data["event_registrations"]
    assert registration["event"] == "Kurs i klimaregnskap"
    assert registration["name"] == "Kari Nordmann"
    assert registration["dietary_needs"] == "Glutenfri"
    assert registration["feedback"] == {"rating": 4, "comment": "Kari likte det"}

    client.force_login(user)
    response = client.get(reverse("core:export_data"))
    assert "Kurs i klimaregnskap" in response.content.decode()


def test_deleting_a_user_anonymises_their_registrations():
    user = make_user(email="kari@example.no")
    registration = full_registration(event_ended(months_ago=2))
    other = make_registration(registration.event, email="someone.else@example.no")

    core_privacy.delete_user(user=user)

    registration.refresh_from_db()
    other.refresh_from_db()
    assert registration.anonymised_at is not None and registration.name == ""
    assert Feedback.objects.get(registration=registration).comment == ""
    assert other.anonymised_at is None


def test_erasing_gives_up_places_ahead_and_the_waiting_list_moves_up():
    event = make_event(capacity=1)
    mine = make_registration(event, email="kari@example.no")
    waiting = make_registration(event, email="ola@example.no", status=Registration.Status.WAITING)

    count = privacy.erase_personal_data_of_email("Kari@Example.no")

    assert count == 1
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED and mine.anonymised_at is not None
    assert waiting.status == Registration.Status.CONFIRMED


def test_secretariat_exports_and_erases_the_data_of_someone_without_an_account():
    full_registration(event_ended(months_ago=2, title="Webinar om innkjøp"))

    out = io.StringIO()
    call_command("event_personal_data", "kari@example.no", stdout=out)
    [exported] = json.loads(out.getvalue())
    assert exported["event"] == "Webinar om innkjøp"
    assert exported["accessibility_needs"] == "Teleslynge"

    out = io.StringIO()
    call_command("event_personal_data", "kari@example.no", "--erase", stdout=out)
    assert "Anonymised 1 registration(s)." in out.getvalue()
    assert privacy.personal_data_of_email("kari@example.no") == []
    assert not Registration.objects.filter(name="Kari Nordmann").exists()
    assert AuditEntry.objects.filter(action="event.registrations_erased").exists()
