"""`klimanett anonymise_event_registrations`: the retention job for event registrations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from klimanett.events import privacy


class Command(BaseCommand):
    help = (
        "Blank the names, e-mail addresses, organisation names, needs and feedback comments of "
        "registrations for events that ended EVENT_REGISTRATION_RETENTION_MONTHS months ago; "
        "counts, status, partner organisation, check-in and rating are kept. Safe to run again; "
        "run it daily from cron or a timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months", type=int, default=settings.EVENT_REGISTRATION_RETENTION_MONTHS
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args: Any, months: int, dry_run: bool, **options: Any) -> None:
        if dry_run:
            count = privacy.registrations_due_for_anonymisation(months=months).count()
            self.stdout.write(f"{count} registration(s) would be anonymised.")
            return
        count = privacy.anonymise_expired_registrations(months=months)
        self.stdout.write(f"Anonymised {count} registration(s).")
