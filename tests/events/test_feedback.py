"""Feedback after events: the e-mailed link, the form, the daily command and the summary."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from klimanett.events import feedback
from klimanett.events.models import Event, Feedback, Registration
from tests.builders import make_event, make_registration

pytestmark = pytest.mark.django_db


def ended_event(days_ago: int = 2, **overrides):
    """An event from 10 to 13 (Oslo time) ``days_ago`` days ago."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    starts_at = datetime.datetime.combine(
        day, datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    return make_event(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        **overrides,
    )


def url_for(registration: Registration) -> str:
    return reverse("events:feedback", args=[feedback.feedback_token(registration)])


def requests(*args: str) -> str:
    out = io.StringIO()
    call_command("send_event_feedback_requests", *args, stdout=out)
    return out.getvalue()


# The form


def test_participant_opens_the_form_by_the_link_without_logging_in(client):
    registration = make_registration(ended_event(), name="Kari Nordmann")

    response = client.get(url_for(registration))

    assert response.status_code == 200
    page = response.content.decode()
    assert registration.event.title in page
    assert 'type="radio"' in page
    assert "5 – Very good" in page
    assert "Send feedback" in page


def test_participant_gives_a_rating_and_a_comment(client):
    registration = make_registration(ended_event())

    response = client.post(url_for(registration), {"rating": "4", "comment": " Nyttig! "})

    assert response.status_code == 302
    answer = Feedback.objects.get(registration=registration)
    assert (answer.rating, answer.comment) == (4, "Nyttig!")


def test_a_second_visit_thanks_and_lets_the_participant_change_the_answer(client):
    registration = make_registration(ended_event())
    client.post(url_for(registration), {"rating": "2", "comment": "For lang"})

    page = client.get(url_for(registration)).content.decode()
    assert "we have your feedback" in page
    assert "Change my feedback" in page
    assert 'value="2" id="id_rating_3" checked' in page

    client.post(url_for(registration), {"rating": "3", "comment": ""})
    assert Feedback.objects.filter(registration=registration).count() == 1
    assert Feedback.objects.get(registration=registration).rating == 3


def test_a_rating_outside_one_to_five_is_refused_and_nothing_saved(client):
    registration = make_registration(ended_event())

    for rating in ("0", "6", "", "god"):
        response = client.post(url_for(registration), {"rating": rating, "comment": "x"})
        assert response.status_code == 400
    assert "Choose a rating from 1 to 5." in client.post(url_for(registration), {}).content.decode()
    assert not Feedback.objects.exists()


def test_a_tampered_link_says_so_and_saves_nothing(client):
    registration = make_registration(ended_event())
    token = feedback.feedback_token(registration)
    bad = token[:-2] + ("aa" if not token.endswith("aa") else "bb")

    response = client.post(reverse("events:feedback", args=[bad]), {"rating": "5", "comment": ""})

    assert response.status_code == 404
    assert "The link is not valid" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_cancellation_link_is_not_a_feedback_link(client):
    registration = make_registration(ended_event())
    other_salt = signing.dumps({"r": registration.pk}, salt="klimanett.events.registration")

    response = client.get(reverse("events:feedback", args=[other_salt]))

    assert response.status_code == 404


def test_an_expired_link_says_so(client):
    registration = make_registration(ended_event())
    token = feedback.feedback_token(registration)
    later = timezone.now() + feedback.TOKEN_MAX_AGE + datetime.timedelta(days=1)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        response = client.get(reverse("events:feedback", args=[token]))

    assert response.status_code == 404
    assert "The link has expired" in response.content.decode()


def test_cancelled_or_anonymised_registrations_and_events_not_yet_over_give_no_feedback(client):
    cancelled = make_registration(ended_event(), status=Registration.Status.CANCELLED)
    anonymised = make_registration(ended_event(), anonymised_at=timezone.now())
    upcoming = make_registration(make_event())

    for registration in (cancelled, anonymised, upcoming):
        response = client.get(url_for(registration))
        assert response.status_code == 404
        assert "can no longer give feedback" in response.content.decode()


# The requests


def test_command_asks_the_confirmed_participants_of_yesterdays_event_once():
    event = ended_event(days_ago=1)
    confirmed = make_registration(event, name="Ola Nordmann", email="ola@example.no")
    make_registration(event, status=Registration.Status.WAITING)
    make_registration(event, status=Registration.Status.CANCELLED)

    output = requests()

    assert "Sent 1 feedback request(s) for 1 event(s)." in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ola@example.no"]
    assert event.title in message.subject
    assert "Hei, Ola Nordmann!" in message.body
    link = re.search(r"http\S+/arrangementer/tilbakemelding/(\S+)/", message.body)
    assert link is not None
    assert feedback.registration_for_token(link.group(1)) == confirmed

    assert "Sent 0 feedback request(s) for 0 event(s)." in requests()
    assert len(mail.outbox) == 1


def test_only_those_checked_in_are_asked_when_anyone_was_checked_in():
    event = ended_event()
    present = make_registration(event, checked_in_at=event.starts_at)
    make_registration(event)  # confirmed, did not come

    requests()

    assert [m.to for m in mail.outbox] == [[present.email]]


def test_events_not_over_yesterday_cancelled_drafts_and_old_ones_are_not_asked():
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    make_registration(make_event(starts_at=today, ends_at=today + datetime.timedelta(minutes=1)))
    make_registration(ended_event(status=Event.Status.CANCELLED))
    make_registration(ended_event(status=Event.Status.DRAFT))
    make_registration(ended_event(days_ago=45))

    requests()

    assert mail.outbox == []


def test_dry_run_lists_the_events_and_sends_nothing():
    event = ended_event()
    make_registration(event)
    make_registration(event)

    output = requests("--dry-run")

    assert f"{event.title}" in output and "2 participant(s)" in output
    assert mail.outbox == []
    assert feedback.events_due_for_requests().count() == 1


# The summary


@pytest.fixture
def rated_event():
    event = ended_event()
    for rating, comment in ((5, "Veldig bra"), (5, ""), (4, "Gode innlegg"), (2, "")):
        feedback.give_feedback(
            registration=make_registration(event), rating=rating, comment=comment
        )
    make_registration(event)  # answered nothing
    return event


def test_summary_counts_averages_and_distributes_the_answers(rated_event):
    summary = feedback.feedback_summary(rated_event)

    assert summary.participants == 5
    assert summary.count == 4
    assert summary.average == pytest.approx(4.0)  # (5 + 5 + 4 + 2) / 4
    assert summary.response_rate == pytest.approx(0.8)
    assert summary.distribution == [
        (5, 2, 0.5),
        (4, 1, 0.25),
        (3, 0, 0.0),
        (2, 1, 0.25),
        (1, 0, 0.0),
    ]
    assert summary.comments == ["Veldig bra", "Gode innlegg"]


def test_summary_of_an_event_without_answers_has_no_average():
    summary = feedback.feedback_summary(ended_event())
    assert (summary.count, summary.average, summary.response_rate) == (0, None, None)


def test_secretariat_sees_the_summary_without_names(verified_client, sekretariat, rated_event):
    client = verified_client(sekretariat)
    names = list(Registration.objects.values_list("name", flat=True))

    listing = client.get(reverse("event_feedback_list"))
    page = client.get(reverse("event_feedback_summary", args=[rated_event.pk]))

    assert listing.status_code == 200
    assert rated_event.title in listing.content.decode()
    assert "4,0" in listing.content.decode() or "4.0" in listing.content.decode()
    assert page.status_code == 200
    text = page.content.decode()
    assert "Veldig bra" in text and "Gode innlegg" in text
    assert not any(name in text for name in names)


@pytest.mark.parametrize("persona", ["alice", "charlie", "anonymous"])
def test_nobody_but_the_secretariat_sees_the_summary(client, request, persona, rated_event):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("event_feedback_list"),
        reverse("event_feedback_summary", args=[rated_event.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Veldig bra" not in response.content.decode()
