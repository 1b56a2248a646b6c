"""Personal data in event registrations: retention, and one person's export and erasure.

A registration holds a name, an e-mail address, an organisation's name, dietary and
accessibility needs and perhaps a feedback comment. ``EVENT_REGISTRATION_RETENTION_MONTHS``
after the event these are blanked (``anonymise_registrations``, run daily by the
``anonymise_event_registrations`` command); what the network needs for its statistics stays:
the event, the status, the partner organisation, the check-in and the feedback rating.

A person is found by e-mail address (registrations need no account). ``core.privacy`` calls
``personal_data_of`` and ``erase_personal_data_of`` for a user through its provider and eraser
registries (see ``EventsConfig.ready``), so the export and the deletion on "Your personal data"
include the person's registrations; the ``event_personal_data`` command does the same for
someone without an account who asks the secretariat.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.events import services
from klimanett.events.models import Event, Feedback, Registration

ANONYMISED = "event.registrations_anonymised"


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (the last day of a shorter
    month: 31 May less three months is 28 or 29 February)."""
    local = timezone.localtime(moment)
    month_index = local.year * 12 + local.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(local.day, 27, -1):
        try:
            return local.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return local.replace(year=year, month=month, day=min(local.day, 28))


# Retention


def registrations_due_for_anonymisation(
    *, now: datetime.datetime | None = None, months: int | None = None
) -> QuerySet[Registration]:
    """Registrations not yet anonymised of events that ended ``months`` months ago or more."""
    months = settings.EVENT_REGISTRATION_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    return Registration.objects.filter(anonymised_at__isnull=True, event__ends_at__lte=cutoff)


@transaction.atomic
def anonymise_registrations(
    registrations: QuerySet[Registration], *, now: datetime.datetime | None = None
) -> int:
    """Blank the personal data of the registrations (and their feedback comments) and set
    ``anonymised_at``; already anonymised ones are left alone. Returns how many were done."""
    now = now or timezone.now()
    ids = list(registrations.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    Registration.objects.filter(pk__in=ids).update(
        name="",
        email="",
        organisation_name="",
        dietary_needs="",
        accessibility_needs="",
        anonymised_at=now,
    )
    Feedback.objects.filter(registration_id__in=ids).update(comment="")
    # Wagtail's own log, should registrations be edited in the back office, names them.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id__in=[str(pk) for pk in ids],
    ).update(label=str(Registration._meta.verbose_name), data={})
    return len(ids)


def anonymise_expired_registrations(
    *, now: datetime.datetime | None = None, months: int | None = None
) -> int:
    """The retention job: anonymise what is due and record how many per event."""
    due = registrations_due_for_anonymisation(now=now, months=months)
    by_event: dict[int, int] = {}
    for event_id in due.values_list("event_id", flat=True):
        by_event[event_id] = by_event.get(event_id, 0) + 1
    count = anonymise_registrations(due, now=now)
    for event in Event.objects.filter(pk__in=by_event):
        audit.record(event, ANONYMISED, by=None, data={"count": by_event[event.pk]})
    return count


# One person's data


def registrations_of(email: str) -> QuerySet[Registration]:
    """The person's registrations that still hold personal data (addresses are kept in lower
    case, and compared so)."""
    return (
        Registration.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)
        .select_related("event", "organisation")
        .order_by("event__starts_at", "pk")
    )


def personal_data_of_email(email: str) -> list[dict[str, Any]]:
    """Everything kept about the person in event registrations, as plain data."""
    if not email.strip():
        return []
    data = []
    for registration in registrations_of(email):
        feedback = Feedback.objects.filter(registration=registration).first()
        data.append(
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation_name,
                "partner_organisation": registration.organisation.name
                if registration.organisation
                else None,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "consent": registration.consent,
                "status": registration.status,
                "registered_at": registration.registered_at.isoformat(),
                "cancelled_at": registration.cancelled_at.isoformat()
                if registration.cancelled_at
                else None,
                "checked_in_at": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
                "feedback": {"rating": feedback.rating, "comment": feedback.comment}
                if feedback
                else None,
            }
        )
    return data


def personal_data_of(user: User) -> list[dict[str, Any]]:
    """The provider for ``core.privacy``'s export: the registrations under the user's address."""
    return personal_data_of_email(user.email or "")


@transaction.atomic
def erase_personal_data_of_email(email: str, *, by: User | None = None) -> int:
    """Anonymise the person's registrations; places they held at events still ahead are given
    up first, so the waiting list moves up. Returns how many registrations were anonymised."""
    if not email.strip():
        return 0
    registrations = registrations_of(email)
    now = timezone.now()
    ahead = list(
        registrations.filter(event__ends_at__gt=now).exclude(status=Registration.Status.CANCELLED)
    )
    for registration in ahead:
        Registration.objects.filter(pk=registration.pk).update(
            status=Registration.Status.CANCELLED, cancelled_at=now
        )
    count = anonymise_registrations(registrations, now=now)
    for event in {r.event for r in ahead}:
        services.fill_free_places(event=event)
    if count:
        audit.record(None, "event.registrations_erased", by=by, data={"count": count})
    return count


def erase_personal_data_of(user: User) -> None:
    """The eraser for ``core.privacy.delete_user``."""
    erase_personal_data_of_email(user.email or "")
