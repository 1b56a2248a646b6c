"""`klimanett check_links`: check that the published resources' links still work."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from klimanett.library import web
from klimanett.library.links import check_links


class Command(BaseCommand):
    help = (
        "Check the link of every published resource (HEAD, or GET when HEAD is refused) and "
        "mark dead ones (404, 410, server errors, no connection, timeouts, redirect loops) for "
        "the secretariat's dead-link list and the public page. Run it weekly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--timeout",
            type=float,
            default=web.TIMEOUT_SECONDS,
            help="Seconds to wait for each server (default %(default)s).",
        )

    def handle(self, *args: Any, timeout: float, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            report = check_links(timeout=timeout)
        for resource in report.dead:
            self.stdout.write(f"Dead: {resource.title} <{resource.url}>: {resource.link_error}")
        self.stdout.write(
            f"Checked {len(report.ok) + len(report.dead)} link(s): "
            f"{len(report.ok)} work, {len(report.dead)} dead."
        )
