"""The factor sets an account can be calculated with: the sets shipped in the package
(``accounting/factorsets/``) and the sets the secretariat imported in the back office.

Every set is immutable: a shipped set is a file, an imported set is never edited or deleted (a
correction is a new version that succeeds it). That is why a loaded set is cached by its
version for the life of the process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.ghg.factors import (
    FactorSet,
    FactorSetError,
    Method,
    UnknownFactorSet,
    available_factor_sets,
    load_factor_set,
    read_with_shipped_energy_data,
)
from klimanett.accounting.models import ClimateAccount, ImportedFactorSet
from klimanett.core import audit
from klimanett.core.models import User

_imported: dict[str, FactorSet] = {}


def factor_set_versions() -> list[str]:
    """Every version, oldest first: the shipped sets by name, then the imported ones in the
    order they were imported."""
    return [
        *available_factor_sets(),
        *ImportedFactorSet.objects.values_list("version", flat=True),
    ]


def get_factor_set(version: str) -> FactorSet:
    """The set `version`, shipped or imported; `UnknownFactorSet` when there is none."""
    if version in available_factor_sets():
        return load_factor_set(version)
    if version in _imported:
        return _imported[version]
    stored = ImportedFactorSet.objects.filter(version=version).first()
    if stored is None:
        raise UnknownFactorSet(f"no factor set {version!r}")
    return _read_imported(stored)


def _read_imported(stored: ImportedFactorSet) -> FactorSet:
    if stored.version not in _imported:
        _imported[stored.version] = read_with_shipped_energy_data(
            version=stored.version, factors_csv=stored.factors_csv
        )
    return _imported[stored.version]


@functools.lru_cache(maxsize=128)
def calculator(version: str, year: int) -> Calculator:
    """A calculator for the set and year, kept: it resolves each activity and unit once."""
    return Calculator(get_factor_set(version), year=year)


def clear_cache() -> None:
    """Forget the imported sets read so far (for tests, whose database is rolled back)."""
    _imported.clear()
    calculator.cache_clear()


def latest_version() -> str:
    """The newest set, the one new accounts are calculated with."""
    return factor_set_versions()[-1]


def newer_versions(version: str) -> list[str]:
    """The sets that came after `version`, oldest first."""
    versions = factor_set_versions()
    return versions[versions.index(version) + 1 :] if version in versions else []


# --- Import by the secretariat ---------------------------------------------------------------


class FactorSetImportError(ValueError):
    """The file or version cannot be imported; the message is in the reader's language."""


@dataclass(frozen=True)
class FactorChange:
    activity: str
    method: Method
    year: int
    old: float | None  # None: new in this set
    new: float | None  # None: left out of this set


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would give, against the set it succeeds."""

    factor_set: FactorSet
    succeeds: str
    changes: list[FactorChange]
    added_activities: list[str]
    removed_activities: list[str]


def preview_import(*, version: str, factors_csv: str, succeeds: str) -> ImportPreview:
    """Check a set before it is imported: the version is new, the file follows the format of
    the shipped sets, and what changes against the set it succeeds."""
    versions = factor_set_versions()
    if succeeds != versions[-1]:
        raise FactorSetImportError(
            _("A new set succeeds the newest one, %(newest)s.") % {"newest": versions[-1]}
        )
    if version in versions:
        raise FactorSetImportError(
            _("There is already a factor set %(version)s. Give the new set a new version.")
            % {"version": version}
        )
    try:
        previous = get_factor_set(succeeds)
    except UnknownFactorSet as error:
        raise FactorSetImportError(
            _("There is no factor set %(version)s to succeed.") % {"version": succeeds}
        ) from error
    try:
        new = read_with_shipped_energy_data(version=version, factors_csv=factors_csv)
    except FactorSetError as error:
        raise FactorSetImportError(_file_error_message(error)) from error
    if not new.factors:
        raise FactorSetImportError(_("The file holds no factors."))
    old_values = {(f.activity, f.method, f.year): f.kgco2e_per_unit for f in previous.factors}
    new_values = {(f.activity, f.method, f.year): f.kgco2e_per_unit for f in new.factors}
    changes = [
        FactorChange(
            activity=key[0],
            method=key[1],
            year=key[2],
            old=old_values.get(key),
            new=new_values.get(key),
        )
        for key in sorted(old_values.keys() | new_values.keys())
        if old_values.get(key) != new_values.get(key)
    ]
    old_activities, new_activities = set(previous.activities()), set(new.activities())
    return ImportPreview(
        factor_set=new,
        succeeds=succeeds,
        changes=changes,
        added_activities=sorted(new_activities - old_activities),
        removed_activities=sorted(old_activities - new_activities),
    )


def _file_error_message(error: FactorSetError) -> str:
    if error.row == 1:
        return _(
            "The first line must name the columns of a factor set: %(error)s. "
            "Start from the CSV file of an existing set."
        ) % {"error": error}
    if error.row is not None:
        return _(
            "Line %(line)s, column %(column)s: the value is not valid (%(error)s). "
            "Nothing was imported."
        ) % {"line": error.row, "column": error.column or "–", "error": error.__cause__ or error}
    return _("The file cannot be used: %(error)s. Nothing was imported.") % {"error": error}


@transaction.atomic
def import_factor_set(
    *, version: str, factors_csv: str, succeeds: str, by: User, notes: str = ""
) -> ImportedFactorSet:
    """Store a checked factor set as the newest version (`FactorSetImportError` if it fails the
    checks of `preview_import`)."""
    preview_import(version=version, factors_csv=factors_csv, succeeds=succeeds)
    stored = ImportedFactorSet(
        version=version, succeeds=succeeds, notes=notes, factors_csv=factors_csv, imported_by=by
    )
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError as error:  # the same version imported at the same moment
        raise FactorSetImportError(
            _("There is already a factor set %(version)s. Give the new set a new version.")
            % {"version": version}
        ) from error
    audit.record(
        stored,
        "factor_set.imported",
        by=by,
        data={"succeeds": succeeds, "notes": notes},
    )
    return stored


# --- Use -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorSetUse:
    version: str
    imported: ImportedFactorSet | None  # None: shipped in the package
    factors: int
    first_year: int
    latest_year: int
    accounts: int
    approved_accounts: int

    @property
    def locked(self) -> bool:
        """An approved account was calculated with it (every set is immutable anyway)."""
        return self.approved_accounts > 0


def factor_set_uses() -> list[FactorSetUse]:
    """Every set, oldest first, with how many accounts (and approved accounts) use it."""
    counts: dict[str, dict[str, Any]] = {
        row["factor_set"]: dict(row)
        for row in ClimateAccount.objects.values("factor_set").annotate(
            accounts=Count("pk"),
            approved=Count("pk", filter=Q(status=ClimateAccount.Status.APPROVED)),
        )
    }
    imported = {stored.version: stored for stored in ImportedFactorSet.objects.all()}
    uses = []
    for version in [*available_factor_sets(), *imported]:
        factor_set = (
            _read_imported(imported[version]) if version in imported else load_factor_set(version)
        )
        years = [factor.year for factor in factor_set.factors]
        count = counts.get(version, {})
        uses.append(
            FactorSetUse(
                version=version,
                imported=imported.get(version),
                factors=len(factor_set.factors),
                first_year=min(years),
                latest_year=max(years),
                accounts=count.get("accounts", 0),
                approved_accounts=count.get("approved", 0),
            )
        )
    return uses
