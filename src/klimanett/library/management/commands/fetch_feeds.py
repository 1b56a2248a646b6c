"""`klimanett fetch_feeds`: bring new items from the library's feeds into the review queue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from klimanett.library import web
from klimanett.library.feeds import fetch_active_feeds


class Command(BaseCommand):
    help = (
        "Fetch every active feed of the knowledge library and put its new items in the "
        "secretariat's review queue; prints one line per feed. A feed that cannot be read keeps "
        "its error message (shown in the queue) and does not stop the others. Run it daily or "
        "hourly from cron or a timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--timeout",
            type=float,
            default=web.TIMEOUT_SECONDS,
            help="Seconds to wait for each server (default %(default)s).",
        )

    def handle(self, *args: Any, timeout: float, **options: Any) -> None:
        # The messages stored on the feeds are read in the back office: in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            results = fetch_active_feeds(timeout=timeout)
            for result in results:
                (self.stdout if result.ok else self.stderr).write(result.describe())
        failed = sum(1 for result in results if not result.ok)
        self.stdout.write(f"Fetched {len(results)} feed(s), {failed} with errors.")
