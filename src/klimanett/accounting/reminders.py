"""Reminder e-mails to active partners whose climate account for a year is late.

One plain-text e-mail in bokmål per organisation, to its main contact (or to all its contacts
when it has no main contact), with a link to the organisation's climate accounts in the partner
area; each reminder is recorded in the audit log of the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from klimanett.accounting.follow_up import late_partners
from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.models import Contact, Organisation

REMINDER_SENT = "climate_account.reminder_sent"


@dataclass(frozen=True)
class Reminder:
    organisation: Organisation
    recipients: list[str]  # e-mail addresses; empty when the organisation has no contact


def reminders_due(*, year: int) -> list[Reminder]:
    """Who would be reminded of the account for `year`: each late active partner with the
    addresses of its main contact, or of all its contacts when it has none (active users
    only). Two queries."""
    contacts = Contact.objects.filter(user__is_active=True).select_related("user")
    organisations = (
        late_partners(year)
        .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="active_contacts"))
        .order_by("name", "pk")
    )
    reminders = []
    for organisation in organisations:
        found: list[Contact] = organisation.active_contacts
        chosen = [contact for contact in found if contact.is_primary] or found
        addresses = sorted({contact.user.email for contact in chosen if contact.user.email})
        reminders.append(Reminder(organisation=organisation, recipients=addresses))
    return reminders


def send_reminders(*, year: int, by: User | None = None) -> int:
    """Send each late active partner a reminder of its climate account for `year` and record
    it; returns the number of organisations reminded (those without a contact are not)."""
    sent = 0
    for reminder in reminders_due(year=year):
        if not reminder.recipients:
            continue
        _message(reminder, year=year, by=by).send(fail_silently=False)
        audit.record(
            reminder.organisation,
            REMINDER_SENT,
            by=by,
            data={"year": year, "recipients": reminder.recipients},
        )
        sent += 1
    return sent


def _message(reminder: Reminder, *, year: int, by: User | None) -> EmailMessage:
    organisation = reminder.organisation
    context = {
        "organisation": organisation.name,
        "year": year,
        "url": settings.SITE_URL + reverse("accounting:account_list", args=[organisation.pk]),
    }
    with translation.override("nb"):
        subject = render_to_string("accounting/emails/reminder_subject.txt", context)
        body = render_to_string("accounting/emails/reminder_body.txt", context)
    reply_to = [by.email] if by is not None and by.email else None
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=reminder.recipients,
        reply_to=reply_to,
    )
