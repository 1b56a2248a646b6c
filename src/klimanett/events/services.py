"""Registrations: who may register when, places and the waiting list, cancelling.

``register`` and ``cancel`` lock the event row, so places are given one at a time in the
order the registrations arrive and a full event is never overbooked. E-mails go out after
the transaction commits. Registrations are personal data: the audit log records the action
and the registration's number, never the person's name or address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from klimanett.core import audit
from klimanett.core.mail import bokmaal_email
from klimanett.core.models import User
from klimanett.events import ics
from klimanett.events.models import Event, Registration
from klimanett.partners.models import Membership, Organisation

CANCEL_SALT = "klimanett.events.registration"


class RegistrationRefused(Exception):
    """The registration is not allowed; ``message`` says why, in words for the person."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class AlreadyRegistered(RegistrationRefused):
    def __init__(self) -> None:
        super().__init__(
            _("This e-mail address is already registered for the event."), field="email"
        )


# Who may register ---------------------------------------------------------------------------


def partner_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations with an active partner membership the user is a contact for."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            contacts__user=user,
            memberships__type=Membership.Type.PARTNER,
            memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
        .order_by("name")
    )


def _when(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
    }


def registration_closes_at(event: Event) -> datetime.datetime:
    """When registration closes: the set time, or else when the event starts."""
    return event.registration_closes_at or event.starts_at


@dataclass(frozen=True)
class Availability:
    """Whether the user may register now, and if not, why (in words for the person)."""

    open: bool
    reason: str = ""


def availability(
    *, event: Event, user: Any = None, now: datetime.datetime | None = None
) -> Availability:
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return Availability(False, _("The event is cancelled. Registration is closed."))
    if event.status != Event.Status.PUBLISHED:
        return Availability(False, _("Registration is not open."))
    if event.registration_opens_at and now < event.registration_opens_at:
        return Availability(
            False,
            _("Registration opens %(when)s.") % {"when": _when(event.registration_opens_at)},
        )
    if now >= registration_closes_at(event):
        return Availability(False, _("Registration is closed."))
    is_partner = partner_organisations_for(user).exists()
    if event.audience != Event.Audience.EVERYONE and not is_partner:
        if event.audience == Event.Audience.TOP_MANAGERS:
            reason = _(
                "This event is for top managers of the network's partners. Log in as a "
                "contact person of a partner to register."
            )
        else:
            reason = _(
                "This event is for the network's partners. Log in as a contact person "
                "of a partner to register."
            )
        return Availability(False, reason)
    if event.partners_only_until and now < event.partners_only_until and not is_partner:
        return Availability(
            False,
            _(
                "The network's partners have priority until %(when)s. Then registration "
                "opens for everyone."
            )
            % {"when": _when(event.partners_only_until)},
        )
    return Availability(True)


# Places --------------------------------------------------------------------------------------


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def waiting_list(event: Event) -> QuerySet[Registration]:
    """The waiting list, first in line first."""
    return event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "registered_at", "pk"
    )


def places_left(event: Event) -> int | None:
    """Free places, or None for an event without a limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_count(event), 0)


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    return (
        waiting_list(registration.event)
        .filter(registered_at__lte=registration.registered_at)
        .exclude(registered_at=registration.registered_at, pk__gt=registration.pk)
        .count()
    )


def _fill_free_places(event: Event) -> list[Registration]:
    """Give free places to the first on the waiting list; the event row must be locked."""
    if event.capacity is None:
        free = waiting_list(event).count()
    else:
        free = event.capacity - confirmed_count(event)
    promoted: list[Registration] = []
    if free <= 0:
        return promoted
    for registration in waiting_list(event).select_for_update()[:free]:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        audit.record(
            event,
            "event.registration_promoted",
            by=None,
            data={"registration": registration.pk},
        )
        _send_on_commit(registration, "promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def fill_free_places(*, event: Event) -> list[Registration]:
    """After more places are added: move people up from the waiting list, with an e-mail."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    return _fill_free_places(locked)


# Register and cancel -------------------------------------------------------------------------


@transaction.atomic
def register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    organisation: Organisation | None = None,
    dietary_needs: str = "",
    accessibility_needs: str = "",
    consent: bool,
    by: User | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register for the event: a place while there are places, else the waiting list.

    ``by`` is the logged-in user who registers (themself or a colleague); a partner
    ``organisation`` must be one of theirs. Raises ``RegistrationRefused`` (and
    ``AlreadyRegistered`` for a second registration of the same e-mail) with nothing saved.
    """
    locked = Event.objects.select_for_update().get(pk=event.pk)
    state = availability(event=locked, user=by, now=now)
    if not state.open:
        raise RegistrationRefused(state.reason)
    if not consent:
        raise RegistrationRefused(
            _("You must consent to the privacy terms to register."), field="consent"
        )
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise RegistrationRefused(_("Enter a valid e-mail address."), field="email") from error
    if not name.strip():
        raise RegistrationRefused(_("Enter the name."), field="name")
    if (
        organisation is not None
        and not partner_organisations_for(by).filter(pk=organisation.pk).exists()
    ):
        raise RegistrationRefused(_("You can only register for your own organisation."))
    active = locked.registrations.exclude(status=Registration.Status.CANCELLED).filter(
        email=email, anonymised_at__isnull=True
    )
    if active.exists():
        raise AlreadyRegistered
    full = locked.capacity is not None and (
        confirmed_count(locked) >= locked.capacity or waiting_list(locked).exists()
    )
    registration = Registration(
        event=locked,
        name=name.strip(),
        email=email,
        organisation_name=organisation_name.strip() or (organisation.name if organisation else ""),
        organisation=organisation,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
        consent=True,
        status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
        registered_by=by if by is not None and by.is_authenticated else None,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # the unique constraint, should the lock be bypassed
        raise AlreadyRegistered from error
    audit.record(
        locked,
        "event.registration_created",
        by=by,
        data={"registration": registration.pk, "status": registration.status},
    )
    if full:
        # Free places while people wait (capacity raised): move the first in line up.
        _fill_free_places(locked)
        registration.refresh_from_db(fields=["status"])
    _send_on_commit(
        registration,
        "confirmed" if registration.status == Registration.Status.CONFIRMED else "waiting",
    )
    return registration


@transaction.atomic
def cancel(*, registration: Registration, by: User | None = None) -> list[Registration]:
    """Cancel the registration; a freed place goes to the first on the waiting list, who gets
    an e-mail. Returns those moved up. Cancelling twice does nothing."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        registration.status, registration.cancelled_at = current.status, current.cancelled_at
        return []
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at"])
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    audit.record(event, "event.registration_cancelled", by=by, data={"registration": current.pk})
    _send_on_commit(current, "cancelled")
    return _fill_free_places(event)


# Tokens and e-mails --------------------------------------------------------------------------


def registration_token(registration: Registration) -> str:
    """A signed token for the registration's own page and its cancel link (no login)."""
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration the token was made for; None for a bad or tampered token."""
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Registration.objects.select_related("event")
        .filter(pk=pk, anonymised_at__isnull=True)
        .first()
    )


def registration_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events:registration_detail", args=[registration_token(registration)]
    )


def cancel_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events:registration_cancel", args=[registration_token(registration)]
    )


def registration_email(registration: Registration, kind: str) -> EmailMessage:
    """The e-mail of ``kind``: confirmed, waiting, promoted or cancelled. Confirmed and
    promoted carry the .ics file with the online link."""
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "location": ics.event_location(event),
        "event_url": ics.event_url(event),
        "registration_url": registration_url(registration),
        "cancel_url": cancel_url(registration),
        "position": waiting_position(registration),
    }
    message = bokmaal_email(
        template_prefix=f"events/emails/registration_{kind}",
        context=context,
        to=[registration.email],
        by=registration.registered_by,
    )
    if kind in ("confirmed", "promoted"):
        message.attach(
            "arrangement.ics",
            ics.event_ics(event, include_online_link=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def _send_on_commit(registration: Registration, kind: str) -> None:
    pk = registration.pk

    def send() -> None:
        fresh = Registration.objects.select_related("event", "registered_by").get(pk=pk)
        registration_email(fresh, kind).send(fail_silently=False)

    transaction.on_commit(send)
