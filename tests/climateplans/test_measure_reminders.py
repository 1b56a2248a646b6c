"""Reminder e-mails to partners whose status reports on their measures are overdue: to the
right people, once per deadline, each recorded in the audit log; and the command."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from klimanett.climateplans.models import ActionPlan
from klimanett.climateplans.reminders import REMINDER_SENT, reminders_due, send_reminders
from klimanett.core.models import AuditEntry
from klimanett.partners.models import Membership
from tests.builders import make_contact, make_membership, make_organisation, make_user
from tests.climateplans.plan_builders import make_measure, make_plan, make_report

TODAY = datetime.date(2026, 1, 5)  # after the deadline of 31 December 2025
ADDED = datetime.date(2025, 1, 10)


@pytest.fixture
def plans(organisation_a, organisation_b, alice, bob, charlie):
    """A (alice main contact, bob): a measure without a report since it was added, overdue.
    B (charlie), three times a year: reported in November, and an idea that is not followed up.
    C (two contacts, no main contact): overdue. D, a prospect, and E, without contacts, are
    overdue too."""
    a = make_plan(organisation_a)
    make_measure(a, added_on=ADDED, title="Elektriske varebiler")
    make_measure(a, added_on=ADDED, title="Varmepumpe", status="in_progress")
    make_measure(a, added_on=ADDED, title="Ferdig", status="done")
    b = make_plan(organisation_b, report_cadence=ActionPlan.Cadence.THREE_TIMES)
    make_report(make_measure(b, added_on=ADDED), datetime.date(2025, 11, 1))
    make_measure(b, added_on=ADDED, status="idea")
    c = make_organisation(name="Cirkel Bygg AS")
    make_membership(c)
    make_contact(make_user(email="cora@cirkel.example.no"), c)
    make_contact(make_user(email="carl@cirkel.example.no"), c)
    make_measure(make_plan(c), added_on=ADDED, title="LED-lys")
    d = make_organisation(name="Delta Drift AS")
    make_membership(d, status=Membership.Status.PROSPECT, agreement_date=None)
    make_contact(make_user(email="dina@delta.example.no"), d)
    make_measure(make_plan(d), added_on=ADDED)
    e = make_organisation(name="Epsilon Energi AS")
    make_membership(e)
    make_measure(make_plan(e), added_on=ADDED)
    return {"a": a, "c": c}


def test_overdue_plans_of_active_partners_are_reminded(plans, sekretariat):
    count = send_reminders(today=TODAY, by=sekretariat)

    assert count == 2
    by_recipients = {tuple(sorted(message.to)): message for message in mail.outbox}
    assert set(by_recipients) == {
        ("alice@alfa.example.no",),
        ("carl@cirkel.example.no", "cora@cirkel.example.no"),
    }
    message = by_recipients[("alice@alfa.example.no",)]
    assert message.subject == "Påminnelse: statusrapport på tiltakene til Alfa Klimaservice AS"
    assert "tiltaksplanen til Alfa Klimaservice AS var 31.12.2025" in message.body
    assert "- Elektriske varebiler\n- Varmepumpe\n" in message.body
    assert "Ferdig" not in message.body
    assert "én gang i året, innen 31. desember" in message.body
    url = settings.SITE_URL + reverse("climateplans:action_plan", args=[plans["a"].organisation_id])
    assert url in message.body
    assert message.reply_to == ["sekretariat@fylke.example.no"]
    entries = AuditEntry.objects.filter(action=REMINDER_SENT).order_by("object_repr")
    assert [entry.object_repr for entry in entries] == ["Alfa Klimaservice AS", "Cirkel Bygg AS"]
    assert {entry.actor for entry in entries} == {sekretariat}
    assert entries[0].data == {
        "deadline": "2025-12-31",
        "measures": [m.pk for m in plans["a"].measures.order_by("pk")[:2]],
        "recipients": ["alice@alfa.example.no"],
    }


def test_a_plan_is_reminded_once_per_deadline(plans):
    assert send_reminders(today=TODAY) == 2
    assert send_reminders(today=TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 2

    # A year on, with still no report, the next deadline's reminder goes out (to B as well,
    # whose report of November 2025 is three periods old by then).
    assert send_reminders(today=datetime.date(2027, 1, 2)) == 3


def test_a_status_report_since_the_period_began_stops_the_reminder(plans):
    for measure in plans["a"].measures.all():
        make_report(measure, datetime.date(2025, 12, 1))

    assert [r.plan.organisation.name for r in reminders_due(today=TODAY)] == [
        "Cirkel Bygg AS",
        "Epsilon Energi AS",
    ]


def test_an_overdue_partner_without_contacts_is_listed_but_not_reminded(plans):
    due = {r.plan.organisation.name: r.recipients for r in reminders_due(today=TODAY)}

    assert due["Epsilon Energi AS"] == []
    assert "Delta Drift AS" not in due  # a prospect
    assert "Beta Energi AS" not in due  # reported in time


def test_the_command_lists_who_would_be_reminded_on_a_dry_run(plans):
    out = StringIO()

    call_command("remind_measure_reports", "--dry-run", "--date", "2026-01-05", stdout=out)

    output = out.getvalue()
    assert mail.outbox == []
    assert "Alfa Klimaservice AS (deadline 2025-12-31): alice@alfa.example.no" in output
    assert "Epsilon Energi AS (deadline 2025-12-31): (no contact: not reminded)" in output
    assert "Dry run: 2 action plans would be reminded." in output
    assert not AuditEntry.objects.filter(action=REMINDER_SENT).exists()


def test_the_command_sends_the_reminders(plans):
    out = StringIO()

    call_command("remind_measure_reports", "--date", "2026-01-05", stdout=out)

    assert len(mail.outbox) == 2
    assert "Reminded 2 action plans of overdue status reports." in out.getvalue()
    assert AuditEntry.objects.filter(action=REMINDER_SENT).count() == 2


def test_the_command_refuses_a_date_it_cannot_read(db):
    with pytest.raises(CommandError):
        call_command("remind_measure_reports", "--date", "5.1.2026", stdout=StringIO())
