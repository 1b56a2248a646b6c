import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from klimanett.accounting import factor_library
from klimanett.accounting.activity_csv import ActivityFileError, read_activity_lines
from klimanett.accounting.ghg.calculate import Calculator, ComputedLine, scope_totals
from klimanett.accounting.ghg.factors import (
    FactorSet,
    UnknownActivity,
    UnknownFactorSet,
    available_factor_sets,
    load_factor_set,
)
from klimanett.accounting.ghg.units import UnitError

KG_PER_TONNE = 1000.0
USAGE_ERROR = 2


def _factor_set(version: str | None) -> FactorSet:
    """The set asked for, else the newest; a shipped set works without a database (a batch
    check on a machine with only the package), an imported one is read from it."""
    try:
        return factor_library.get_factor_set(version or factor_library.latest_version())
    except DatabaseError:
        if version is None:
            return load_factor_set(available_factor_sets()[-1])
        raise UnknownFactorSet(f"no factor set {version!r} (no database to look in)") from None


class Command(BaseCommand):
    help = (
        "Compute the emissions of the activity lines in a CSV file (header activity,quantity,unit "
        "and optionally note; comma- or semicolon-separated) with a factor set."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file of activity lines")
        parser.add_argument("--year", type=int, help="account year (default: the set's latest)")
        parser.add_argument("--factor-set", help="factor set version (default: the newest)")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="one JSON object on stdout"
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        year: int | None,
        factor_set: str | None,
        as_json: bool,
        **options: Any,
    ) -> None:
        try:
            factors = _factor_set(factor_set)
            numbered = read_activity_lines(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, UnknownFactorSet, ActivityFileError) as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        year = factors.latest_year() if year is None else year
        calculator = Calculator(factors, year=year)
        computed = []
        for item in numbered:
            try:
                computed.append(calculator.compute(item.line))
            except (UnknownActivity, UnitError) as error:
                raise CommandError(
                    f"line {item.line_number}: {error}", returncode=USAGE_ERROR
                ) from error
        result = _result(computed, factor_set=factors.version, year=year)
        self.stdout.write(_as_json(result) if as_json else _as_text(result))


def _result(computed: list[ComputedLine], *, factor_set: str, year: int) -> dict[str, Any]:
    totals = scope_totals(computed)
    return {
        "factor_set": factor_set,
        "year": year,
        "scope1_t": totals.scope1_kg / KG_PER_TONNE,
        "scope2_location_t": totals.scope2_location_kg / KG_PER_TONNE,
        "scope2_market_t": totals.scope2_market_kg / KG_PER_TONNE,
        "scope3_t": totals.scope3_kg / KG_PER_TONNE,
        "total_location_t": totals.total_location_kg / KG_PER_TONNE,
        "total_market_t": totals.total_market_kg / KG_PER_TONNE,
        "lines": [
            {
                "activity": line.line.activity,
                "quantity": line.line.quantity,
                "unit": line.line.unit,
                "kgco2e_location": line.kgco2e_location,
                "kgco2e_market": line.kgco2e_market,
                "factor_key": line.location_factor.key,
                "factor_value": line.location_factor.value,
                "factor_unit": line.location_factor.unit,
                "source": line.location_factor.source_title,
            }
            for line in computed
        ],
    }


def _as_json(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)


def _as_text(result: dict[str, Any]) -> str:
    rows = [
        f"{line['activity']}: {line['quantity']} {line['unit']} → "
        f"{line['kgco2e_location']:.1f} kg CO2e (location), {line['kgco2e_market']:.1f} (market)"
        for line in result["lines"]
    ]
    totals = [
        f"{label}: {result[key]:.3f} t CO2e"
        for label, key in (
            ("Scope 1", "scope1_t"),
            ("Scope 2 location-based", "scope2_location_t"),
            ("Scope 2 market-based", "scope2_market_t"),
            ("Scope 3", "scope3_t"),
            ("Total location-based", "total_location_t"),
            ("Total market-based", "total_market_t"),
        )
    ]
    header = f"Factor set {result['factor_set']}, year {result['year']}"
    return "\n".join([header, *rows, *totals])
