"""`klimanett import_emissions FILE`: import Miljødirektoratet's municipal emission statistics
(CSV); a file with any refused line imports nothing, and the command lists the lines."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimanett.region.services import ImportRefused, describe_refusal, import_statistics


class Command(BaseCommand):
    help = "Import the municipal emission statistics (Miljødirektoratet, CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the statistics as CSV")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            with file.open("rb") as handle:
                record = import_statistics(file=handle, by=None)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}", returncode=2) from error
        except ImportRefused as refused:
            for refusal in refused.refusals:
                self.stderr.write(describe_refusal(refusal))
            raise CommandError(
                f"{file.name}: {len(refused.refusals)} lines refused; nothing was imported.",
                returncode=1,
            ) from refused
        years = ", ".join(str(year) for year in record.years) or "-"
        self.stdout.write(
            f"{record.file_name}: {record.rows_imported} rows imported for "
            f"{len(record.municipalities)} municipalities, years {years}; "
            f"{record.rows_replaced} rows replaced; "
            f"{record.suppressed_lines} lines without a value skipped."
        )
