"""`klimanett send_event_feedback_requests`: ask the participants of past events for feedback."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klimanett.events import feedback


class Command(BaseCommand):
    help = (
        "E-mail the participants of events that ended yesterday or earlier (within the last "
        "30 days) a link to the feedback form; each event is asked once. Run it daily from "
        "cron or a timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the events and the number to ask."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        if dry_run:
            for planned in feedback.requests_due():
                self.stdout.write(
                    f"{planned.event.title} ({planned.event.starts_at:%Y-%m-%d}): "
                    f"{len(planned.registrations)} participant(s)"
                )
            return
        sent = feedback.send_feedback_requests()
        total = sum(sent.values())
        self.stdout.write(f"Sent {total} feedback request(s) for {len(sent)} event(s).")
