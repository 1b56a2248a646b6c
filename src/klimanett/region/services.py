"""Import of Miljødirektoratet's municipal emission statistics: all or nothing, audited."""

from __future__ import annotations

import dataclasses
from pathlib import PurePath
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.municipalities.models import Municipality
from klimanett.region import statistics_csv
from klimanett.region.models import EmissionImport, MunicipalEmission
from klimanett.region.statistics_csv import Refusal

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

COLUMN_LABELS = {
    statistics_csv.MUNICIPALITY_NUMBER: gettext_lazy("municipality number (Kommunenummer)"),
    statistics_csv.MUNICIPALITY_NAME: gettext_lazy("municipality (Kommune)"),
    statistics_csv.YEAR: gettext_lazy("year (År)"),
    statistics_csv.SECTOR: gettext_lazy("sector (Sektor)"),
    statistics_csv.SUBSECTOR: gettext_lazy("subsector (Undersektor)"),
    statistics_csv.T_CO2E: gettext_lazy("emissions in tonnes CO2e (Utslipp)"),
}


class StatisticsFile(Protocol):
    @property
    def name(self) -> Any: ...

    def read(self, *args: Any) -> bytes: ...


class ImportRefused(Exception):
    """The file has refused lines and nothing was imported; `record` holds them."""

    def __init__(self, record: EmissionImport) -> None:
        super().__init__(f"{len(record.refused_lines)} refused lines in {record.file_name}")
        self.record = record

    @property
    def refusals(self) -> list[Refusal]:
        return refusals_of(self.record)


def import_statistics(*, file: StatisticsFile, by: User | None) -> EmissionImport:
    """Import the file: if any line is refused, nothing is imported and `ImportRefused` is
    raised (the attempt is recorded); otherwise every row of the years the file holds for the
    municipalities it holds is replaced by the file's rows."""
    file_name = PurePath(file.name or "").name or "statistikk.csv"
    parsed = statistics_csv.parse(file.read(), last_year=timezone.localdate().year)
    by_number = _municipalities_by_number()
    refusals = list(parsed.refusals)
    for row in parsed.rows:
        if row.municipality_number not in by_number:
            refusals.append(
                Refusal(
                    line=row.line,
                    reason=statistics_csv.UNKNOWN_MUNICIPALITY,
                    field=statistics_csv.MUNICIPALITY_NUMBER,
                    column=parsed.columns.get(statistics_csv.MUNICIPALITY_NUMBER, ""),
                    value=row.municipality_number,
                )
            )
    if refusals:
        refusals.sort(key=lambda r: r.line)
        record = EmissionImport.objects.create(
            imported_by=by,
            file_name=file_name,
            suppressed_lines=parsed.suppressed_lines,
            refused_lines=[dataclasses.asdict(r) for r in refusals],
        )
        audit.record(
            record, "emissions.import_refused", by=by, data={"refused_lines": len(refusals)}
        )
        raise ImportRefused(record)
    return _replace(parsed, by_number=by_number, file_name=file_name, by=by)


@transaction.atomic
def _replace(
    parsed: statistics_csv.ParsedStatistics,
    *,
    by_number: dict[str, Municipality],
    file_name: str,
    by: User | None,
) -> EmissionImport:
    municipalities = {by_number[n] for n in parsed.municipality_numbers}
    replaced, _counts = MunicipalEmission.objects.filter(
        municipality__in=municipalities, year__in=parsed.years
    ).delete()
    MunicipalEmission.objects.bulk_create(
        (
            MunicipalEmission(
                municipality=by_number[row.municipality_number],
                year=row.year,
                sector=row.sector[:100],
                subsector=row.subsector[:150],
                t_co2e=row.t_co2e,
            )
            for row in parsed.rows
        ),
        batch_size=2000,
    )
    record = EmissionImport.objects.create(
        imported_by=by,
        file_name=file_name,
        years=parsed.years,
        municipalities=sorted(m.number for m in municipalities),
        rows_imported=len(parsed.rows),
        rows_replaced=replaced,
        suppressed_lines=parsed.suppressed_lines,
    )
    audit.record(
        record,
        "emissions.imported",
        by=by,
        data={
            "file_name": file_name,
            "years": record.years,
            "municipalities": record.municipalities,
            "rows_imported": record.rows_imported,
            "rows_replaced": replaced,
        },
    )
    return record


def _municipalities_by_number() -> dict[str, Municipality]:
    """The county's municipalities by their number from 2024 and by their number 2020–2023."""
    by_number: dict[str, Municipality] = {}
    for municipality in Municipality.objects.all():
        by_number[municipality.number] = municipality
        if municipality.number_2020:
            by_number.setdefault(municipality.number_2020, municipality)
    return by_number


def refusals_of(record: EmissionImport) -> list[Refusal]:
    return [Refusal(**item) for item in record.refused_lines]


def describe_refusal(refusal: Refusal) -> str:
    """The refusal as a sentence in the active language."""
    column = refusal.column or str(COLUMN_LABELS.get(refusal.field, refusal.field))
    values = {
        "line": refusal.line,
        "column": column,
        "value": refusal.value,
        "detail": refusal.detail,
    }
    reason = refusal.reason
    if reason == statistics_csv.MISSING_COLUMN:
        return _("The file has no column for %(column)s (looked for in line %(line)s).") % values
    if reason == statistics_csv.UNREADABLE:
        return _("The file could not be read as a CSV file (line %(line)s).") % values
    if reason == statistics_csv.DUPLICATE:
        return (
            _(
                "Line %(line)s: the same municipality, year, sector and subsector as line "
                "%(detail)s."
            )
            % values
        )
    if reason == statistics_csv.NOT_A_NUMBER:
        return _("Line %(line)s, column “%(column)s”: “%(value)s” is not a number.") % values
    if reason == statistics_csv.BAD_YEAR:
        return (
            _("Line %(line)s, column “%(column)s”: “%(value)s” is not a year in %(detail)s.")
            % values
        )
    if reason == statistics_csv.BAD_MUNICIPALITY_NUMBER:
        return (
            _("Line %(line)s, column “%(column)s”: “%(value)s” is not a municipality number.")
            % values
        )
    if reason == statistics_csv.UNKNOWN_MUNICIPALITY:
        return (
            _(
                "Line %(line)s, column “%(column)s”: no municipality in the county has the "
                "number “%(value)s”."
            )
            % values
        )
    if reason == statistics_csv.MISSING_VALUE:
        return _("Line %(line)s, column “%(column)s”: the cell is empty.") % values
    return _("Line %(line)s: refused (%(reason)s).") % {**values, "reason": reason}
