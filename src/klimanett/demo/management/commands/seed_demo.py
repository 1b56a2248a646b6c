"""`klimanett seed_demo`: build the demo network (invented organisations, users and pages)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimanett.demo.build import DEMO_PASSWORD, build_demo
from klimanett.partners.models import Organisation


class Command(BaseCommand):
    help = (
        "Build a demo network: about 60 invented organisations with memberships, contacts, "
        "commitment statuses and certifications, climate accounts 2019–last year for the active "
        "partners (with a few anomalies for the follow-up), targets, action plans with measures "
        "and status reports (on track, behind and missing), demo users for every role and the "
        "front page. "
        "Running it again creates only what is missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has organisations.",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even when DEBUG is off. The demo users share a published password: "
            "never use this on a server with real data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING or options["allow_without_debug"]):
            raise CommandError(
                "seed_demo creates users with a published password, so it runs only with "
                "DEBUG=1 (or --allow-without-debug on a server that is only a demo)."
            )
        if options["if_empty"] and Organisation.objects.exists():
            self.stdout.write("The database already has organisations; no demo data added.")
            return

        started = time.perf_counter()
        result = build_demo()
        # The demo is written in bulk, which bypasses the search index's signal handlers.
        call_command("update_index", verbosity=0)
        seconds = time.perf_counter() - started

        created = ", ".join(f"{count} {name}" for name, count in result.created.items())
        self.stdout.write(
            self.style.SUCCESS(f"Demo network ready in {seconds:.1f} s. Created: {created}.")
        )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.email) for login in result.logins)
        for login in result.logins:
            self.stdout.write(f"  {login.email:<{width}}  {login.role}")
        self.stdout.write(
            "The secretariat account sets up two-factor login on its first login: scan the QR "
            "code with any authenticator app (TOTP) and enter the six-digit code."
        )
        self.stdout.write(
            "Every other contact person of a demo organisation has the same password."
        )
