"""`klimanett event_personal_data ADDRESS [--erase]`: one person's registrations, on request."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klimanett.events import privacy


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything kept about the person with this e-mail address in event "
        "registrations (for a request to see one's data); with --erase, anonymise it and give "
        "up their places at events still ahead (for a request to be deleted)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true")

    def handle(self, *args: Any, email: str, erase: bool, **options: Any) -> None:
        if erase:
            count = privacy.erase_personal_data_of_email(email)
            self.stdout.write(f"Anonymised {count} registration(s).")
            return
        data = privacy.personal_data_of_email(email)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
