"""Versioned emission factor sets, read from the CSV files in accounting/factorsets/.

A set is one CSV file (`NO-2025.1.csv`, one row per activity, method and year); the energy content
of fuels (`energy_content.csv`) and which fuel each activity is (`energy_carriers.csv`) sit beside
it and let a fuel be entered in another unit than its factor's (diesel in kWh as well as litres).
"""

import csv
import functools
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from klimanett.accounting.ghg import units

FACTORSETS_DIR = Path(__file__).resolve().parent.parent / "factorsets"
DEFAULT_FACTOR_SET = "NO-2025.1"
_ENERGY_CONTENT_FILE = "energy_content.csv"
_ENERGY_CARRIERS_FILE = "energy_carriers.csv"


class Method(StrEnum):
    LOCATION = "location"
    MARKET = "market"
    BOTH = "both"  # one value serves both results


class FactorSetError(ValueError):
    """A factor set file that breaks the rules of the format; `row` (the line number in the
    file, the header being line 1) and `column` name the place where that is known."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.row = row
        self.column = column


FACTOR_COLUMNS = (
    "activity",
    "name_nb",
    "name_en",
    "category",
    "scope",
    "ghgp_scope3_category",
    "unit",
    "method",
    "kgco2e_per_unit",
    "biogenic_kgco2_per_unit",
    "year",
    "region",
    "quality",
    "source_title",
    "source_url",
    "notes",
)


class UnknownFactorSet(LookupError):
    """No factor set with that version."""


class UnknownActivity(LookupError):
    """The factor set has no factor for that activity (and method)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Factor:
    activity: str
    name_nb: str
    name_en: str
    category: str
    scope: int
    ghgp_scope3_category: int | None
    unit: str
    method: Method
    kgco2e_per_unit: float
    biogenic_kgco2_per_unit: float | None
    year: int
    region: str
    quality: str
    source_title: str
    source_url: str
    notes: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorChoice:
    """The factor chosen for a year; `fell_back` when it describes another year."""

    factor: Factor
    requested_year: int

    @property
    def fell_back(self) -> bool:
        return self.factor.year != self.requested_year


@dataclass(frozen=True, slots=True, kw_only=True)
class EnergyContent:
    energy_carrier: str
    unit: str  # as written in the source: "liter", "kg", "Sm3", "m3 fast mål"
    kwh_per_unit: float
    source_title: str
    source_url: str


class FactorSet:
    """One version of the factor library, with the year rule of the data README."""

    def __init__(
        self,
        *,
        version: str,
        factors: Iterable[Factor],
        energy_contents: Iterable[EnergyContent] = (),
        energy_carriers: Mapping[str, str] | None = None,
    ) -> None:
        self.version = version
        self.factors = tuple(factors)
        self.energy_contents = tuple(energy_contents)
        self.energy_carriers = dict(energy_carriers or {})
        self._by_activity_method: dict[tuple[str, Method], list[Factor]] = {}
        seen: set[tuple[str, Method, int]] = set()
        for factor in self.factors:
            key = (factor.activity, factor.method, factor.year)
            if key in seen:
                raise FactorSetError(f"{version}: two factors for {key}")
            if factor.method is not Method.BOTH and factor.scope != 2:
                raise FactorSetError(
                    f"{version}: {factor.activity} has a {factor.method} factor outside scope 2"
                )
            seen.add(key)
            methods = (
                (Method.LOCATION, Method.MARKET)
                if factor.method is Method.BOTH
                else (factor.method,)
            )
            for method in methods:
                self._by_activity_method.setdefault((factor.activity, method), []).append(factor)
        self._check_activities()
        for candidates in self._by_activity_method.values():
            # A method's own value before a `both` value of the same year.
            candidates.sort(key=lambda f: (f.year, f.method is Method.BOTH))
        self._energy_content: dict[tuple[str, units.Dimension], EnergyContent] = {}
        for content in self.energy_contents:
            try:
                dimension = units.unit(content.unit).dimension
            except units.UnknownUnit:
                continue  # "m3 fast mål" (solid cubic metres of wood): no activity uses it
            self._energy_content.setdefault((content.energy_carrier, dimension), content)

    def _check_activities(self) -> None:
        """One scope, category and unit per activity; both methods for every scope 2 one."""
        first: dict[str, Factor] = {}
        for factor in self.factors:
            seen = first.setdefault(factor.activity, factor)
            if (factor.scope, factor.category, factor.unit) != (
                seen.scope,
                seen.category,
                seen.unit,
            ):
                raise FactorSetError(
                    f"{self.version}: {factor.activity} has more than one scope, category or unit"
                )
        for activity, factor in first.items():
            methods = {
                m
                for m in (Method.LOCATION, Method.MARKET)
                if (activity, m) in self._by_activity_method
            }
            if factor.scope == 2 and len(methods) < 2:
                raise FactorSetError(
                    f"{self.version}: {activity} (scope 2) needs a location-based and a "
                    "market-based factor, or one for both"
                )

    def activities(self) -> list[str]:
        return sorted({factor.activity for factor in self.factors})

    def latest_year(self) -> int:
        return max(factor.year for factor in self.factors)

    def lookup(self, activity: str, *, year: int, method: Method) -> FactorChoice:
        """The factor for `year`: that year's, else the latest earlier, else the earliest later."""
        if method is Method.BOTH:
            raise ValueError("look a factor up for the location or the market method")
        candidates = self._by_activity_method.get((activity, method))
        if not candidates:
            raise UnknownActivity(
                f"unknown activity {activity!r}: {self.version} has no {method}-based factor for it"
            )
        years = sorted({factor.year for factor in candidates})
        chosen_year = (
            year if year in years else max((y for y in years if y < year), default=years[0])
        )
        chosen = next(factor for factor in candidates if factor.year == chosen_year)
        return FactorChoice(factor=chosen, requested_year=year)

    def conversion_factor(self, activity: str, *, from_unit: str, to_unit: str) -> float:
        """What one `from_unit` of `activity` is in `to_unit`, through its energy content if
        the units measure different things; `units.IncompatibleUnit` when nothing links them."""
        source, target = units.unit(from_unit), units.unit(to_unit)
        if source.dimension is target.dimension:
            return units.conversion_factor(from_unit=from_unit, to_unit=to_unit)
        return self._kwh_per(activity, source) / self._kwh_per(activity, target)

    def _kwh_per(self, activity: str, unit: units.Unit) -> float:
        if unit.dimension is units.Dimension.ENERGY:
            return units.conversion_factor(from_unit=unit.symbol, to_unit="kWh")
        carrier = self.energy_carriers.get(activity)
        content = self._energy_content.get((carrier or "", unit.dimension))
        if content is None:
            raise units.IncompatibleUnit(
                f"{unit.symbol} ({unit.dimension}) cannot be used for {activity!r}: "
                f"{self.version} has no energy content for it in that unit"
            )
        return content.kwh_per_unit * units.conversion_factor(
            from_unit=unit.symbol, to_unit=content.unit
        )


def available_factor_sets() -> list[str]:
    support = {_ENERGY_CONTENT_FILE, _ENERGY_CARRIERS_FILE}
    return sorted(
        (path.stem for path in FACTORSETS_DIR.glob("*.csv") if path.name not in support),
        key=version_order,
    )


def version_order(version: str) -> list[tuple[int, int | str]]:
    """NO-2025.2 before NO-2025.10: numbers compared as numbers."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", version)]


@functools.cache
def load_factor_set(version: str = DEFAULT_FACTOR_SET) -> FactorSet:
    """The shipped factor set `version`, with the shared energy content tables."""
    if version not in available_factor_sets():
        raise UnknownFactorSet(
            f"no factor set {version!r} (available: {', '.join(available_factor_sets())})"
        )
    return read_with_shipped_energy_data(
        version=version,
        factors_csv=(FACTORSETS_DIR / f"{version}.csv").read_text(encoding="utf-8"),
    )


def read_with_shipped_energy_data(*, version: str, factors_csv: str) -> FactorSet:
    """A factor set from the text of its factors file, with the shipped energy content of fuels
    and energy carrier of each activity."""
    return read_factor_set(
        version=version,
        factors_csv=factors_csv,
        energy_content_csv=(FACTORSETS_DIR / _ENERGY_CONTENT_FILE).read_text(encoding="utf-8"),
        energy_carriers_csv=(FACTORSETS_DIR / _ENERGY_CARRIERS_FILE).read_text(encoding="utf-8"),
    )


def read_factor_set(
    *, version: str, factors_csv: str, energy_content_csv: str = "", energy_carriers_csv: str = ""
) -> FactorSet:
    """A factor set from the text of its CSV files."""
    rows = _rows(factors_csv)
    missing = [column for column in FACTOR_COLUMNS if rows and column not in rows[0]]
    if missing:
        raise FactorSetError(f"{version}: missing columns {', '.join(missing)}", row=1)
    return FactorSet(
        version=version,
        factors=[
            _factor(row, version=version, line_number=index)
            for index, row in enumerate(rows, start=2)
        ],
        energy_contents=[
            EnergyContent(
                energy_carrier=row["energy_carrier"],
                unit=row["unit"],
                kwh_per_unit=float(row["kwh_per_unit"]),
                source_title=row["source_title"],
                source_url=row["source_url"],
            )
            for row in _rows(energy_content_csv)
        ],
        energy_carriers={
            row["activity"]: row["energy_carrier"] for row in _rows(energy_carriers_csv)
        },
    )


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), restval="")) if text else []


def _factor(row: Mapping[str, str], *, version: str, line_number: int) -> Factor:
    column = "activity"
    try:
        if not row["activity"].strip():
            raise ValueError("no activity key")
        column = "unit"
        unit = units.unit(row["unit"]).symbol
        column = "scope"
        scope = int(row["scope"])
        if scope not in (1, 2, 3):
            raise ValueError(f"scope {scope} is not 1, 2 or 3")
        column = "method"
        method = Method(row["method"])
        column = "kgco2e_per_unit"
        kgco2e = float(row["kgco2e_per_unit"])
        if not (math.isfinite(kgco2e) and kgco2e >= 0):
            raise ValueError("a factor is a number of at least 0")
        column = "year"
        year = int(row["year"])
        column = "ghgp_scope3_category"
        scope3_category = int(row[column]) if row[column] else None
        if scope3_category is not None and (scope != 3 or not 1 <= scope3_category <= 15):
            raise ValueError("a scope 3 category is 1–15, and only for scope 3")
        column = "biogenic_kgco2_per_unit"
        biogenic = float(row[column]) if row[column] else None
        if biogenic is not None and not (math.isfinite(biogenic) and biogenic >= 0):
            raise ValueError("biogenic CO2 is a number of at least 0")
        column = "activity"
        return Factor(
            activity=row["activity"],
            name_nb=row["name_nb"],
            name_en=row["name_en"],
            category=row["category"],
            scope=scope,
            ghgp_scope3_category=scope3_category,
            unit=unit,
            method=method,
            kgco2e_per_unit=kgco2e,
            biogenic_kgco2_per_unit=biogenic,
            year=year,
            region=row["region"],
            quality=row["quality"],
            source_title=row["source_title"],
            source_url=row["source_url"],
            notes=row["notes"],
        )
    except (KeyError, ValueError, units.UnitError) as error:
        raise FactorSetError(
            f"{version}: line {line_number}, column {column}: {error}",
            row=line_number,
            column=column,
        ) from error
