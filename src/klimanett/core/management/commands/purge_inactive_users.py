from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from klimanett.core import privacy


class Command(BaseCommand):
    help = (
        "Delete accounts that have not been used for INACTIVE_USER_RETENTION_DAYS days "
        "(secretariat and superusers excepted). Run it daily from cron or a timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.INACTIVE_USER_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="Only list the accounts.")

    def handle(self, *args: Any, days: int, dry_run: bool, **options: Any) -> None:
        if dry_run:
            for user in privacy.inactive_users(days=days):
                self.stdout.write(f"{user.email} (last login {user.last_login or 'never'})")
            return
        count = privacy.purge_inactive_users(days=days)
        self.stdout.write(f"Deleted {count} inactive account(s).")
