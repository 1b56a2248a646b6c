"""Reminder e-mails to organisations whose status reports on their measures are overdue.

A plan is reminded when its last deadline has passed (``follow_up`` explains the deadlines of
each cadence) and measures that are planned or in progress have no status report since that
deadline's period began. One plain-text e-mail in bokmål per plan, to the organisation's main
contact (or all its contacts when it has none), listing the overdue measures with a link to the
action plan. Each reminder is recorded in the audit log of the plan, and a plan is reminded
once per deadline however often the command runs.

Only organisations with an active partnership are reminded, as for the climate accounts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db.models import Exists, Max, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from klimanett.climateplans import follow_up
from klimanett.climateplans.models import ActionPlan, Measure
from klimanett.core import audit
from klimanett.core.mail import bokmaal_email
from klimanett.core.models import AuditEntry, User
from klimanett.partners.models import Contact, Membership
from klimanett.partners.selectors import reminder_addresses

REMINDER_SENT = "action_plan.reminder_sent"


@dataclass(frozen=True)
class Reminder:
    plan: ActionPlan
    deadline: datetime.date  # the deadline whose reports are missing
    measures: list[Measure]  # the overdue ones
    recipients: list[str]  # e-mail addresses; empty when the organisation has no contact


def _already_reminded(plan_ids: list[int], deadline: datetime.date) -> set[int]:
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ActionPlan),
        object_id__in=[str(pk) for pk in plan_ids],
        action=REMINDER_SENT,
        data__deadline=deadline.isoformat(),
    )
    return {int(pk) for pk in entries.values_list("object_id", flat=True)}


def reminders_due(*, today: datetime.date | None = None) -> list[Reminder]:
    """The plans with overdue status reports on `today` (default: today in Oslo) that have not
    been reminded of that deadline yet, with the addresses to remind. A handful of queries
    however many plans."""
    today = today or timezone.localdate()
    active_partnership = Membership.objects.filter(
        organisation=OuterRef("organisation"),
        status=Membership.Status.ACTIVE,
        type=Membership.Type.PARTNER,
    )
    followed_up = Measure.objects.filter(
        status__in=sorted(follow_up.FOLLOWED_UP_STATUSES)
    ).annotate(last_reported_on=Max("reports__reported_on"))
    plans = list(
        ActionPlan.objects.filter(Exists(active_partnership))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("measures", queryset=followed_up.order_by("pk"), to_attr="followed_up"),
        )
        .order_by("organisation__name", "pk")
    )
    reminders = []
    contacts: dict[int, list[Contact]] = {}
    for contact in Contact.objects.filter(
        organisation_id__in=[plan.organisation_id for plan in plans], user__is_active=True
    ).select_related("user"):
        contacts.setdefault(contact.organisation_id, []).append(contact)
    for plan in plans:
        overdue: list[Measure] = [
            measure
            for measure in plan.followed_up
            if follow_up.report_state(
                cadence=plan.report_cadence,
                added_on=timezone.localtime(measure.created_at).date(),
                last_reported=measure.last_reported_on,
                today=today,
            ).overdue
        ]
        if not overdue:
            continue
        addresses = reminder_addresses(contacts.get(plan.organisation_id, []))
        reminders.append(
            Reminder(
                plan=plan,
                deadline=follow_up.last_passed_deadline(plan.report_cadence, today),
                measures=overdue,
                recipients=addresses,
            )
        )
    by_deadline: dict[datetime.date, list[int]] = {}
    for reminder in reminders:
        by_deadline.setdefault(reminder.deadline, []).append(reminder.plan.pk)
    done = {
        (deadline, pk)
        for deadline, ids in by_deadline.items()
        for pk in _already_reminded(ids, deadline)
    }
    return [r for r in reminders if (r.deadline, r.plan.pk) not in done]


def send_reminders(*, today: datetime.date | None = None, by: User | None = None) -> int:
    """Remind each plan with overdue status reports and record it; returns the number of
    plans reminded (those of organisations without a contact are not)."""
    sent = 0
    for reminder in reminders_due(today=today):
        if not reminder.recipients:
            continue
        _message(reminder, by=by).send(fail_silently=False)
        audit.record(
            reminder.plan,
            REMINDER_SENT,
            by=by,
            data={
                "deadline": reminder.deadline.isoformat(),
                "measures": [measure.pk for measure in reminder.measures],
                "recipients": reminder.recipients,
            },
        )
        sent += 1
    return sent


def _message(reminder: Reminder, *, by: User | None) -> EmailMessage:
    organisation = reminder.plan.organisation
    context = {
        "organisation": organisation.name,
        "deadline": reminder.deadline.strftime("%d.%m.%Y"),
        "measures": [measure.title for measure in reminder.measures],
        "three_times": reminder.plan.report_cadence == ActionPlan.Cadence.THREE_TIMES,
        "url": settings.SITE_URL + reverse("climateplans:action_plan", args=[organisation.pk]),
    }
    return bokmaal_email(
        template_prefix="climateplans/emails/report_reminder",
        context=context,
        to=reminder.recipients,
        by=by,
    )
