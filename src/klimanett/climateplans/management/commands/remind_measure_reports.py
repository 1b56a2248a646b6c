"""`klimanett remind_measure_reports [--date YYYY-MM-DD] [--dry-run]`: remind the partners
whose status reports on their measures are overdue, by e-mail."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from klimanett.climateplans.reminders import reminders_due, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to each active partner whose status reports on its measures are "
        "overdue (once per deadline). Meant to run daily from cron or a timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to check as (default: today), YYYY-MM-DD")
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be reminded; send nothing"
        )

    def handle(self, *args: Any, date: str | None, dry_run: bool, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date: {date!r} is not a date (YYYY-MM-DD)") from error
        if dry_run:
            reminders = reminders_due(today=today)
            for reminder in reminders:
                to = ", ".join(reminder.recipients) or "(no contact: not reminded)"
                titles = "; ".join(measure.title for measure in reminder.measures)
                self.stdout.write(
                    f"{reminder.plan.organisation.name} (deadline {reminder.deadline}): "
                    f"{to} – {titles}"
                )
            count = sum(1 for reminder in reminders if reminder.recipients)
            self.stdout.write(f"Dry run: {count} action plans would be reminded.")
            return
        count = send_reminders(today=today)
        self.stdout.write(f"Reminded {count} action plans of overdue status reports.")
