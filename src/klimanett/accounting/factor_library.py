"""The factor sets an account can be calculated with: the sets shipped in the package
(``accounting/factorsets/``) and the sets the secretariat imported in the back office.

Every set is immutable: a shipped set is a file, an imported set is never edited (a correction
is a new version that succeeds it). That is why a loaded set can be cached by its version for
the life of the process.
"""

from __future__ import annotations

from klimanett.accounting.ghg.factors import (
    FactorSet,
    UnknownFactorSet,
    available_factor_sets,
    load_factor_set,
)


def factor_set_versions() -> list[str]:
    """Every version, oldest first: the shipped sets by name, then the imported ones in the
    order they were imported."""
    return available_factor_sets()


def get_factor_set(version: str) -> FactorSet:
    """The set `version`, shipped or imported; `UnknownFactorSet` when there is none."""
    if version in available_factor_sets():
        return load_factor_set(version)
    raise UnknownFactorSet(f"no factor set {version!r}")


def latest_version() -> str:
    """The newest set, the one new accounts are calculated with."""
    return factor_set_versions()[-1]


def newer_versions(version: str) -> list[str]:
    """The sets that came after `version`, oldest first."""
    versions = factor_set_versions()
    return versions[versions.index(version) + 1 :] if version in versions else []
