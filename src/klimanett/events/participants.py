"""The secretariat's work with an event's participants: the list and its exports, name badges,
check-in on the day, and a message to everyone registered."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from klimanett.core import audit
from klimanett.core.mail import bokmaal_email
from klimanett.core.models import User
from klimanett.core.spreadsheets import safe_csv_value, xlsx_workbook
from klimanett.events.models import Event, Registration

Status = Registration.Status

# Confirmed first, then the waiting list in its order, then the cancelled.
_STATUS_ORDER = Case(
    When(status=Status.CONFIRMED, then=Value(0)),
    When(status=Status.WAITING, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def participants(event: Event) -> QuerySet[Registration]:
    """Every registration of the event: confirmed, the waiting list in order, the cancelled
    (anonymised ones left out: they name nobody)."""
    return (
        Registration.objects.filter(event=event, anonymised_at__isnull=True)
        .select_related("organisation")
        .order_by(_STATUS_ORDER, "registered_at", "pk")
    )


def organisation_of(registration: Registration) -> str:
    if registration.organisation_name:
        return registration.organisation_name
    return registration.organisation.name if registration.organisation else ""


@dataclass(frozen=True)
class CheckInCounts:
    checked_in: int
    confirmed: int


def check_in_counts(event: Event) -> CheckInCounts:
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    return CheckInCounts(
        checked_in=confirmed.filter(checked_in_at__isnull=False).count(),
        confirmed=confirmed.count(),
    )


def search_confirmed(event: Event, query: str) -> QuerySet[Registration]:
    """The confirmed participants whose name or organisation contains the query."""
    found = participants(event).filter(status=Status.CONFIRMED).order_by("name", "pk")
    query = query.strip()
    if query:
        found = found.filter(
            Q(name__icontains=query)
            | Q(organisation_name__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return found


class NotConfirmed(Exception):
    """Only a confirmed registration can be checked in."""


@transaction.atomic
def check_in(*, registration: Registration, by: User) -> Registration:
    """Mark the participant as arrived (once: checking in again keeps the first time)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.CONFIRMED:
        raise NotConfirmed
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
        audit.record(registration, "registration.checked_in", by=by)
    return registration


@transaction.atomic
def undo_check_in(*, registration: Registration, by: User) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.checked_in_at is not None:
        registration.checked_in_at = None
        registration.save(update_fields=["checked_in_at"])
        audit.record(registration, "registration.check_in_undone", by=by)
    return registration


# --- Exports ---------------------------------------------------------------------------------


def export_headings() -> list[str]:
    return [
        gettext("Status"),
        gettext("Place on the waiting list"),
        gettext("Name"),
        gettext("E-mail"),
        gettext("Organisation"),
        gettext("Dietary needs"),
        gettext("Accessibility needs"),
        gettext("Registered"),
        gettext("Checked in"),
    ]


def _when(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def export_rows(event: Event) -> list[list[Any]]:
    rows: list[list[Any]] = []
    waiting = 0
    for registration in participants(event):
        position: int | str = ""
        if registration.status == Status.WAITING:
            waiting += 1
            position = waiting
        rows.append(
            [
                registration.get_status_display(),
                position,
                registration.name,
                registration.email,
                organisation_of(registration),
                registration.dietary_needs,
                registration.accessibility_needs,
                _when(registration.registered_at),
                _when(registration.checked_in_at),
            ]
        )
    return rows


def participants_csv(event: Event) -> bytes:
    """The list as CSV for spreadsheets: a byte-order mark, and no cell runs as a formula."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(export_headings())
    for row in export_rows(event):
        writer.writerow([safe_csv_value(value) for value in row])
    return ("\ufeff" + output.getvalue()).encode()


def participants_xlsx(event: Event) -> bytes:
    return xlsx_workbook([(gettext("Participants"), [export_headings(), *export_rows(event)])])


# --- Name badges -----------------------------------------------------------------------------

BADGES_PER_PAGE = 8  # two columns of four on A4


def badge_pages(event: Event) -> list[Sequence[Registration]]:
    """The confirmed participants by name, in pages of badges."""
    people = list(participants(event).filter(status=Status.CONFIRMED).order_by("name", "pk"))
    return [people[i : i + BADGES_PER_PAGE] for i in range(0, len(people), BADGES_PER_PAGE)]


def badges_pdf(event: Event) -> bytes:
    from klimanett.accounting.pdf import render_pdf

    pages = [
        [{"name": r.name, "organisation": organisation_of(r)} for r in page]
        for page in badge_pages(event)
    ]
    return render_pdf("events/badges_pdf.html", {"event": event, "pages": pages})


# --- A message to everyone registered --------------------------------------------------------


def message_recipients(event: Event, *, include_waiting: bool) -> QuerySet[Registration]:
    statuses = [Status.CONFIRMED, Status.WAITING] if include_waiting else [Status.CONFIRMED]
    return participants(event).filter(status__in=statuses).exclude(email="")


def send_message(*, event: Event, subject: str, text: str, include_waiting: bool, by: User) -> int:
    """E-mail the message to each confirmed (and, if asked, waiting) participant, one e-mail
    each so that nobody sees the others' addresses; audited with the number sent."""
    recipients = list(message_recipients(event, include_waiting=include_waiting))
    messages = [
        bokmaal_email(
            template_prefix="events/emails/message",
            context={"event": event, "subject": subject, "text": text, "registration": r},
            to=[r.email],
            by=by,
        )
        for r in recipients
    ]
    if messages:
        get_connection().send_messages(messages)
    audit.record(
        event,
        "event.message_sent",
        by=by,
        data={
            "subject": subject,
            "recipients": len(messages),
            "include_waiting": include_waiting,
        },
    )
    return len(messages)
