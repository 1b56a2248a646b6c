"""`klimanett send_digest`: the monthly digest to confirmed subscribers (run it from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klimanett.library import digest


class Command(BaseCommand):
    help = (
        "Send the monthly digest (new resources, new good examples, upcoming events) to every "
        "confirmed subscriber in their language; subscribers with nothing new since their last "
        "digest are skipped. First deletes subscriptions not confirmed within seven days. Run "
        "it monthly from cron or a timer (and --purge-only daily, if you like)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count; send and delete nothing."
        )
        parser.add_argument(
            "--purge-only",
            action="store_true",
            help="Only delete the unconfirmed subscriptions older than seven days.",
        )

    def handle(self, *args: Any, dry_run: bool, purge_only: bool, **options: Any) -> None:
        if dry_run:
            result = digest.send_digests(dry_run=True)
            self.stdout.write(
                f"{result.sent} digest(s) would be sent; {result.skipped} subscriber(s) have "
                "nothing new."
            )
            return
        purged = digest.purge_unconfirmed()
        self.stdout.write(f"Deleted {purged} unconfirmed subscription(s).")
        if purge_only:
            return
        result = digest.send_digests()
        self.stdout.write(
            f"Sent {result.sent} digest(s); skipped {result.skipped} with nothing new."
        )
