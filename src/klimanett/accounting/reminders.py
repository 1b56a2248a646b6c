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
from django.urls import reverse

from klimanett.accounting.follow_up import late_partners
from klimanett.core import audit
from klimanett.core.mail import bokmaal_email
from klimanett.core.models import User
from klimanett.partners.models import Contact, Organisation
from klimanett.partners.selectors import reminder_addresses

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
        addresses = reminder_addresses(organisation.active_contacts)
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
    return bokmaal_email(
        template_prefix="accounting/emails/reminder", context=context, to=reminder.recipients, by=by
    )
