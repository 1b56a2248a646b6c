"""Feedback after an event: the requests by e-mail, the answers and the secretariat's summary.

The day after an event its participants get an e-mail with a link to a short form (a rating
from 1 to 5 and a comment). The link carries a signed token naming the registration, so no
login is needed; it is valid for ``TOKEN_MAX_AGE``. Participants are the confirmed
registrations, or, when the secretariat has checked anyone in, only those checked in.

Requests are sent once per event: an audit entry on the event (``REQUESTS_SENT``, with the
number sent and no personal data) records it, so ``send_feedback_requests`` may run every day.
Events that ended more than ``REQUEST_WINDOW`` ago are left alone, so a new installation does
not ask about meetings long past.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Avg, CharField, Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from klimanett.core import audit
from klimanett.core.mail import bokmaal_email
from klimanett.core.models import AuditEntry
from klimanett.events.models import Event, Feedback, Registration

REQUESTS_SENT = "event.feedback_requested"
FEEDBACK_SALT = "klimanett.events.feedback"
TOKEN_MAX_AGE = datetime.timedelta(days=60)
REQUEST_WINDOW = datetime.timedelta(days=30)
RATINGS = (1, 2, 3, 4, 5)


class FeedbackLinkError(Exception):
    """The link is damaged, too old or names a registration that cannot give feedback."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "closed"


# Tokens


def feedback_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=FEEDBACK_SALT, compress=False)


def feedback_url(registration: Registration) -> str:
    path = reverse("events:feedback", args=[feedback_token(registration)])
    return f"{settings.SITE_URL}{path}"


def registration_for_token(token: str) -> Registration:
    """The registration a feedback link names, or ``FeedbackLinkError``."""
    try:
        payload = signing.loads(token, salt=FEEDBACK_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise FeedbackLinkError("expired") from error
    except signing.BadSignature as error:
        raise FeedbackLinkError("invalid") from error
    pk = payload.get("r") if isinstance(payload, dict) else None
    registration = (
        Registration.objects.select_related("event").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if registration is None:
        raise FeedbackLinkError("invalid")
    if (
        registration.anonymised_at is not None
        or registration.status != Registration.Status.CONFIRMED
        or registration.event.status == Event.Status.CANCELLED
        or registration.event.ends_at > timezone.now()
    ):
        raise FeedbackLinkError("closed")
    return registration


# Answers


@transaction.atomic
def give_feedback(*, registration: Registration, rating: int, comment: str) -> Feedback:
    """Save the participant's feedback; a second answer replaces the first."""
    feedback = Feedback.objects.filter(registration=registration).first() or Feedback(
        registration=registration
    )
    feedback.rating = rating
    feedback.comment = comment.strip()
    feedback.full_clean()
    feedback.save()
    return feedback


# Requests


def participants(event: Event, *, anonymised: bool = False) -> QuerySet[Registration]:
    """Who is asked for feedback: those checked in, or all confirmed if nobody was (with
    ``anonymised``, those whose personal data is gone too, for the statistics)."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    if not anonymised:
        confirmed = confirmed.filter(anonymised_at__isnull=True)
    checked_in = confirmed.filter(checked_in_at__isnull=False)
    return checked_in if checked_in.exists() else confirmed


def events_due_for_requests(*, now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Published events that ended yesterday or earlier (Oslo time, within the request window)
    and have had no feedback requests."""
    now = now or timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    requested = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Event),
        object_id=OuterRef("pk_text"),
        action=REQUESTS_SENT,
    )
    return (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            ends_at__lt=start_of_today,
            ends_at__gte=start_of_today - REQUEST_WINDOW,
        )
        .annotate(pk_text=Cast("pk", output_field=CharField()))
        .filter(~Exists(requested))
        .order_by("ends_at", "pk")
    )


@dataclass(frozen=True)
class PlannedRequests:
    event: Event
    registrations: list[Registration]


def requests_due(*, now: datetime.datetime | None = None) -> list[PlannedRequests]:
    return [
        PlannedRequests(event=event, registrations=list(participants(event)))
        for event in events_due_for_requests(now=now)
    ]


def _request_email(registration: Registration) -> EmailMessage:
    event = registration.event
    return bokmaal_email(
        template_prefix="events/emails/feedback_request",
        context={
            "name": registration.name,
            "event": event.title,
            "date": timezone.localtime(event.starts_at).date(),
            "url": feedback_url(registration),
            "valid_days": TOKEN_MAX_AGE.days,
        },
        to=[registration.email],
        by=None,
    )


def send_feedback_requests(*, now: datetime.datetime | None = None) -> dict[Event, int]:
    """Send the due requests, one e-mail per participant, and record each event as done;
    returns how many were sent per event (an event without participants is recorded too)."""
    sent: dict[Event, int] = {}
    connection = get_connection()
    for planned in requests_due(now=now):
        messages = [_request_email(r) for r in planned.registrations]
        with transaction.atomic():
            # Recorded first, in the transaction: a failed send rolls it back.
            audit.record(planned.event, REQUESTS_SENT, by=None, data={"count": len(messages)})
            if messages:
                connection.send_messages(messages)
        sent[planned.event] = len(messages)
    return sent


# The secretariat's summary


@dataclass(frozen=True)
class FeedbackSummary:
    event: Event
    participants: int
    count: int
    average: float | None
    distribution: list[tuple[int, int, float]]  # (rating, answers, share of answers 0–1)
    comments: list[str]
    requested_at: datetime.datetime | None

    @property
    def response_rate(self) -> float | None:
        return self.count / self.participants if self.participants else None


def feedback_summary(event: Event) -> FeedbackSummary:
    """Count, average, distribution and comments (without names) of an event's feedback."""
    answers = Feedback.objects.filter(registration__event=event)
    counts = dict(answers.values("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    count = sum(counts.values())
    average = answers.aggregate(average=Avg("rating"))["average"]
    request = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Event),
            object_id=str(event.pk),
            action=REQUESTS_SENT,
        )
        .order_by("created_at")
        .first()
    )
    return FeedbackSummary(
        event=event,
        participants=participants(event, anonymised=True).count(),
        count=count,
        average=float(average) if average is not None else None,
        distribution=[
            (rating, counts.get(rating, 0), counts.get(rating, 0) / count if count else 0.0)
            for rating in reversed(RATINGS)
        ],
        comments=list(
            answers.exclude(comment="").order_by("given_at", "pk").values_list("comment", flat=True)
        ),
        requested_at=request.created_at if request else None,
    )


def events_with_feedback_figures() -> QuerySet[Event]:
    """Events that have ended, newest first, with the number and average of their answers."""
    return (
        Event.objects.filter(ends_at__lt=timezone.now())
        .exclude(status=Event.Status.DRAFT)
        .annotate(
            feedback_count=Count("registrations__feedback"),
            feedback_average=Avg("registrations__feedback__rating"),
        )
        .order_by("-starts_at", "-pk")
    )
