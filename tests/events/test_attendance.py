"""Attendance per organisation: events with someone checked in, counted once per event, by the
registration's partner link or by the organisation name typed in; it feeds the scorecard."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimanett.climateplans.scorecard import Mark, scorecard, scorecards
from klimanett.events.attendance import attendance_by_organisation, unmatched_attendance
from klimanett.events.models import Registration
from tests.builders import make_event, make_organisation, make_registration

pytestmark = pytest.mark.django_db

OSLO = datetime.timezone(datetime.timedelta(hours=1))
CHECKED_IN = datetime.datetime(2024, 5, 2, 9, 0, tzinfo=datetime.UTC)


def event_on(day: datetime.date, **overrides):
    starts_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=OSLO)
    ends_at = starts_at + datetime.timedelta(hours=2)
    return make_event(starts_at=starts_at, ends_at=ends_at, **overrides)


def attended(event, organisation=None, **overrides):
    return make_registration(
        event, organisation=organisation, checked_in_at=CHECKED_IN, **overrides
    )


@pytest.fixture
def year_2024(organisation_a, organisation_b):
    """A: two events in 2024 (two colleagues at the first), one in 2023; B: registered but never
    checked in; C (by the name typed in only) one event; a stranger's organisation one."""
    spring = event_on(datetime.date(2024, 3, 1))
    autumn = event_on(datetime.date(2024, 10, 1))
    last_year = event_on(datetime.date(2023, 11, 1))
    new_year = event_on(datetime.date(2024, 1, 1), title="Nyttårsmøte")  # 00:30 Oslo time
    new_year.starts_at = datetime.datetime(2023, 12, 31, 23, 30, tzinfo=datetime.UTC)
    new_year.ends_at = new_year.starts_at + datetime.timedelta(hours=1)
    new_year.save()
    attended(spring, organisation_a)
    attended(spring, organisation_a)
    attended(autumn, organisation_a)
    attended(last_year, organisation_a)
    make_registration(autumn, organisation=organisation_b)  # never checked in
    make_registration(
        spring,
        organisation=organisation_b,
        checked_in_at=CHECKED_IN,
        status=Registration.Status.CANCELLED,
    )
    cirkel = make_organisation(name="Cirkel Eiendom KF")
    attended(new_year, organisation_name="cirkel eiendom kf")
    attended(autumn, organisation_name="Ukjent Forening")
    return {"cirkel": cirkel, "spring": spring}


def test_attendance_counts_each_event_once_per_organisation_in_the_year(
    year_2024, organisation_a, organisation_b
):
    counts = attendance_by_organisation(2024)

    assert counts == {organisation_a.pk: 2, year_2024["cirkel"].pk: 1}
    assert organisation_b.pk not in counts
    assert attendance_by_organisation(2023) == {organisation_a.pk: 1}
    assert unmatched_attendance(2024) == [("Ukjent Forening", 1)]


def test_scorecard_row_shows_the_events_attended_that_year(year_2024, organisation_a):
    card = scorecard(organisation_a, year=2024, today=datetime.date(2025, 3, 1))

    assert card.events_attended == 2
    assert card.mark("meetings") == Mark.YES
    texts = {item.key: item.explanation for item in card.items()}
    assert texts["meetings"] == "Attended 2 of the network's events in 2024."


def test_scorecard_row_says_no_when_nobody_was_checked_in(year_2024, organisation_b):
    card = scorecard(organisation_b, year=2024, today=datetime.date(2025, 3, 1))

    assert card.events_attended == 0
    assert card.mark("meetings") == Mark.NO


def test_attendance_takes_no_query_per_organisation(year_2024, organisation_a, organisation_b):
    today = datetime.date(2025, 3, 1)
    with CaptureQueriesContext(connection) as one:
        scorecards([organisation_a], year=2024, today=today)
    with CaptureQueriesContext(connection) as three:
        cards = scorecards(
            [organisation_a, organisation_b, year_2024["cirkel"]], year=2024, today=today
        )

    assert [card.events_attended for card in cards.values()] == [2, 0, 1]
    # No targets here, so no accounts to evaluate: the eight queries less those two.
    assert len(one) == len(three) == 6


def test_secretariat_sees_attendance_per_organisation(
    verified_client, sekretariat, year_2024, organisation_a
):
    client = verified_client(sekretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("events_attendance"), {"year": "2024"})

    assert response.status_code == 200
    assert [(o.name, n) for o, n in response.context["rows"]] == [
        ("Alfa Klimaservice AS", 2),
        ("Cirkel Eiendom KF", 1),
    ]
    assert "Ukjent Forening" in response.content.decode()
    default = client.get(reverse("events_attendance"))
    assert default.context["year"] == timezone.localdate().year
