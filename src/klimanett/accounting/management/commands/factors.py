"""`klimanett factors list [--set S] [--json]`: the factor sets (shipped and
imported) and their factors."""

import dataclasses
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimanett.accounting.factor_library import factor_set_versions, get_factor_set
from klimanett.accounting.ghg.factors import Factor, FactorSet, UnknownFactorSet


class Command(BaseCommand):
    help = "List the emission factor sets, or the factors of one set."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="list the sets, or one set's factors")
        listing.add_argument("--set", dest="version", help="the factors of this set version")
        listing.add_argument("--json", action="store_true", dest="as_json", help="JSON output")

    def handle(self, *args: Any, version: str | None, as_json: bool, **options: Any) -> None:
        if version is None:
            sets = [_summary(get_factor_set(v)) for v in factor_set_versions()]
            self._write_sets(sets, as_json=as_json)
            return
        try:
            factor_set = get_factor_set(version)
        except UnknownFactorSet as error:
            raise CommandError(str(error), returncode=2) from error
        self._write_factors(factor_set.factors, as_json=as_json)

    def _write_sets(self, sets: list[dict[str, Any]], *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(sets, ensure_ascii=False, indent=2))
            return
        for summary in sets:
            self.stdout.write(
                f"{summary['version']}: {summary['factors']} factors, "
                f"{summary['activities']} activities, years {summary['first_year']}–"
                f"{summary['latest_year']}"
            )

    def _write_factors(self, factors: tuple[Factor, ...], *, as_json: bool) -> None:
        if as_json:
            rows = [dataclasses.asdict(factor) for factor in factors]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for f in sorted(factors, key=lambda f: (f.scope, f.activity, f.method, f.year)):
            self.stdout.write(
                f"scope {f.scope}  {f.activity:<32} {f.method:<8} {f.year}  "
                f"{f.kgco2e_per_unit:>10g} kg CO2e/{f.unit:<4} {f.quality:<13} "
                f"{f.source_title[:60]}"
            )


def _summary(factor_set: FactorSet) -> dict[str, Any]:
    years = [factor.year for factor in factor_set.factors]
    return {
        "version": factor_set.version,
        "factors": len(factor_set.factors),
        "activities": len(factor_set.activities()),
        "first_year": min(years),
        "latest_year": max(years),
    }
