"""The monthly digest: new resources, new good examples and upcoming events, by e-mail.

Subscribing is double opt-in: ``subscribe`` keeps the address unconfirmed and sends a link
signed for ``CONFIRM_DAYS`` days; only ``confirm`` makes it a subscriber who gets digests.
Subscribing again says and reveals nothing new (the page shows the same message either way).
Unconfirmed addresses are deleted after ``CONFIRM_DAYS`` days (``purge_unconfirmed``, run by
``klimanett send_digest`` and on every new subscription).

Every digest carries a signed unsubscribe link and the ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers (RFC 8058): a POST to the link deletes the subscriber at once.
Nothing is kept about a person who unsubscribed. The audit log records the subscriber's number,
never the address.

Good examples are Wagtail pages of the ``site`` app, which builds on the library: they are read
through the app registry, not imported.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from klimanett.core import audit
from klimanett.core.auth import normalise_email
from klimanett.events.models import Event
from klimanett.library.models import Resource, Subscriber

CONFIRM_SALT = "klimanett.library.digest.confirm"
UNSUBSCRIBE_SALT = "klimanett.library.digest.unsubscribe"
CONFIRM_DAYS = 7
FIRST_DIGEST_DAYS = 31  # a new subscriber's first digest covers about the last month
EVENT_DAYS = 62  # events in the next two months
MAX_ITEMS = 20


class InvalidEmail(ValueError):
    """The address given to subscribe is not an e-mail address."""


def _language(value: str | None) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    code = (value or "")[:2]
    return code if code in languages else settings.LANGUAGE_CODE


# Subscribing -------------------------------------------------------------------------------


def purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Delete subscriptions not confirmed within ``CONFIRM_DAYS`` days; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=CONFIRM_DAYS)
    count, _rows = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    if count:
        audit.record(None, "digest.unconfirmed_deleted", by=None, data={"count": count})
    return count


@transaction.atomic
def subscribe(*, email: str, language: str) -> None:
    """Ask for the digest: a new or still unconfirmed address gets a confirmation e-mail; a
    confirmed one gets nothing. The caller says the same whatever happened."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidEmail(email) from error
    purge_unconfirmed()
    language = _language(language)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(email=email, language=language)
        except IntegrityError:  # a simultaneous request for the same address
            return
        audit.record(None, "digest.subscribed", by=None, data={"subscriber": subscriber.pk})
    elif subscriber.confirmed_at is not None:
        return
    else:
        # Asked again: the seven days to confirm count from this new link.
        subscriber.language = language
        subscriber.created_at = timezone.now()
        subscriber.save(update_fields=["language", "created_at"])
    if not _may_send_confirmation(email):
        return
    pk = subscriber.pk
    transaction.on_commit(lambda: _send_confirmation(pk))


CONFIRMATION_INTERVAL_SECONDS = 10 * 60


def _may_send_confirmation(email: str) -> bool:
    """At most one confirmation e-mail per address every ten minutes, so the form cannot be
    used to flood someone's inbox."""
    key = "digest:confirmation-sent:" + hashlib.sha256(email.encode()).hexdigest()
    return bool(cache.add(key, True, timeout=CONFIRMATION_INTERVAL_SECONDS))


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    """Signed without time or expiry: the same link in every digest, and an old digest's link
    still unsubscribes."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"id": subscriber.pk, "email": subscriber.email}
    )


def _payload(token: str, *, salt: str, max_age: datetime.timedelta | None) -> dict[str, Any] | None:
    """The token's content, or None when it was tampered with or has expired. A confirmation
    token carries its time (``max_age``); an unsubscribe token none."""
    try:
        if max_age is None:
            payload = signing.Signer(salt=salt).unsign_object(token)
        else:
            payload = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError):  # tampered with, expired, or not a token
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
        return None
    return payload


def valid_confirm_token(token: str) -> bool:
    return (
        _payload(token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))
        is not None
    )


def valid_unsubscribe_token(token: str) -> bool:
    return _payload(token, salt=UNSUBSCRIBE_SALT, max_age=None) is not None


def _subscriber(payload: dict[str, Any]) -> Subscriber | None:
    return Subscriber.objects.filter(pk=payload["id"], email=payload.get("email")).first()


@transaction.atomic
def confirm(*, token: str) -> Subscriber | None:
    """Confirm the subscription the token was made for; None for a bad, expired or used-up
    token (the address was unsubscribed or deleted since). Confirming twice is harmless."""
    payload = _payload(token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))
    if payload is None:
        return None
    subscriber = _subscriber(payload)
    if subscriber is None:
        return None
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
        audit.record(None, "digest.confirmed", by=None, data={"subscriber": subscriber.pk})
    return subscriber


@transaction.atomic
def unsubscribe(*, token: str) -> bool:
    """Delete the subscriber the token names; False for a bad token. Already gone is fine."""
    payload = _payload(token, salt=UNSUBSCRIBE_SALT, max_age=None)
    if payload is None:
        return False
    subscriber = _subscriber(payload)
    if subscriber is not None:
        pk = subscriber.pk
        subscriber.delete()
        audit.record(None, "digest.unsubscribed", by=None, data={"subscriber": pk})
    return True


def confirm_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("digest:confirm", args=[confirm_token(subscriber)])


def unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("digest:unsubscribe", args=[unsubscribe_token(subscriber)])


def _send_confirmation(pk: int) -> None:
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        return
    context = {"confirm_url": confirm_url(subscriber), "days": CONFIRM_DAYS}
    with translation.override(subscriber.language):
        subject = render_to_string("library/emails/digest_confirm_subject.txt", context)
        body = render_to_string("library/emails/digest_confirm_body.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=[subscriber.email]
    )
    message.send(fail_silently=False)


# One person's data (core.privacy) ------------------------------------------------------------


def personal_data_of(user: Any) -> dict[str, Any] | None:
    """The provider for ``core.privacy``'s export: the digest subscription under the user's
    address, if any."""
    email = normalise_email(user.email or "")
    subscriber = Subscriber.objects.filter(email=email).first() if email else None
    if subscriber is None:
        return None
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "subscribed_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "last_digest_sent_at": subscriber.last_sent_at.isoformat()
        if subscriber.last_sent_at
        else None,
    }


def erase_personal_data_of(user: Any) -> None:
    """The eraser for ``core.privacy.delete_user``: the subscription goes with the account."""
    email = normalise_email(user.email or "")
    if email:
        Subscriber.objects.filter(email=email).delete()


# The digest ---------------------------------------------------------------------------------


@dataclass
class Digest:
    resources: list[Resource] = field(default_factory=list)
    examples: list[Any] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    new_events: int = 0

    @property
    def has_news(self) -> bool:
        """Anything new since the last digest; upcoming events alone count only when new."""
        return bool(self.resources or self.examples or self.new_events)


def example_pages() -> QuerySet[Any]:
    """Live good examples (``site``'s ExamplePage, through the app registry)."""
    model = apps.get_model("klimanett_site", "ExamplePage")
    return model.objects.live().public()


def since_for(subscriber: Subscriber, *, now: datetime.datetime) -> datetime.datetime:
    """What counts as new for the subscriber: since their last digest, or about a month."""
    return subscriber.last_sent_at or now - datetime.timedelta(days=FIRST_DIGEST_DAYS)


def compose(*, since: datetime.datetime, now: datetime.datetime | None = None) -> Digest:
    now = now or timezone.now()
    resources = list(
        Resource.objects.published()
        .filter(published_at__gt=since, published_at__lte=now)
        .order_by("-published_at", "title")[:MAX_ITEMS]
    )
    examples = list(
        example_pages()
        .filter(first_published_at__gt=since, first_published_at__lte=now)
        .order_by("-first_published_at")[:MAX_ITEMS]
    )
    upcoming = (
        Event.objects.published()
        .upcoming(now)
        .filter(
            status=Event.Status.PUBLISHED, starts_at__lte=now + datetime.timedelta(days=EVENT_DAYS)
        )
        .order_by("starts_at")
    )
    events = list(upcoming[:MAX_ITEMS])
    new_events = upcoming.filter(created_at__gt=since).count()
    return Digest(resources=resources, examples=examples, events=events, new_events=new_events)


def _absolute(path_of: Any) -> str:
    try:
        return settings.SITE_URL + path_of()
    except NoReverseMatch:
        return ""


def resource_link(resource: Resource) -> str:
    """Where the digest sends the reader: the resource's page in the library, or else its link
    or file."""
    page = _absolute(resource.get_absolute_url)
    if page:
        return page
    return resource.url or (settings.SITE_URL + resource.file.url if resource.file else "")


def digest_email(subscriber: Subscriber, digest: Digest) -> EmailMultiAlternatives:
    """The digest for one subscriber in their language: plain text and HTML, with the one-click
    unsubscribe headers."""
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        "digest": digest,
        "resources": [(resource, resource_link(resource)) for resource in digest.resources],
        "examples": [(page, page.full_url or "") for page in digest.examples],
        "events": [(event, _absolute(event.get_absolute_url)) for event in digest.events],
        "unsubscribe_url": unsubscribe,
        "site_url": settings.SITE_URL,
    }
    with translation.override(subscriber.language):
        subject = render_to_string("library/emails/digest_subject.txt", context)
        text = render_to_string("library/emails/digest_body.txt", context)
        html = render_to_string("library/emails/digest_body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass(frozen=True)
class SendResult:
    sent: int
    skipped: int


def confirmed_subscribers() -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(confirmed_at__isnull=False).order_by("pk")


def send_digests(*, now: datetime.datetime | None = None, dry_run: bool = False) -> SendResult:
    """Send each confirmed subscriber what is new since their last digest; those with nothing
    new are skipped (and get it all next time). ``last_sent_at`` records each sending."""
    now = now or timezone.now()
    sent = skipped = 0
    for subscriber in confirmed_subscribers():
        digest = compose(since=since_for(subscriber, now=now), now=now)
        if not digest.has_news:
            skipped += 1
            continue
        sent += 1
        if dry_run:
            continue
        digest_email(subscriber, digest).send(fail_silently=False)
        Subscriber.objects.filter(pk=subscriber.pk).update(last_sent_at=now)
    if sent and not dry_run:
        audit.record(None, "digest.sent", by=None, data={"sent": sent, "skipped": skipped})
    return SendResult(sent=sent, skipped=skipped)
