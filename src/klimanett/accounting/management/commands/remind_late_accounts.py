"""`klimanett remind_late_accounts [--year Y] [--dry-run]`: remind late partners by e-mail."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from klimanett.accounting.reminders import reminders_due, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to each active partner without a submitted or approved climate "
        "account for the year (last year by default)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="the account year (default: last year)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be reminded; send nothing"
        )

    def handle(self, *args: Any, year: int | None, dry_run: bool, **options: Any) -> None:
        year = year if year is not None else timezone.localdate().year - 1
        if dry_run:
            reminders = reminders_due(year=year)
            for reminder in reminders:
                to = ", ".join(reminder.recipients) or "(no contact: not reminded)"
                self.stdout.write(f"{reminder.organisation.name}: {to}")
            count = sum(1 for reminder in reminders if reminder.recipients)
            self.stdout.write(f"Dry run: {count} organisations would be reminded for {year}.")
            return
        count = send_reminders(year=year)
        self.stdout.write(f"Reminded {count} organisations of their climate account for {year}.")
