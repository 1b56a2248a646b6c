"""The public targets a partner's target is compared with, from ``data/targets.csv`` (copied
from the shared reference data, with sources; see ``data/README.md``)."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from klimanett.climateplans.paths import ReferencePath

TARGETS_FILE = Path(__file__).resolve().parent / "data" / "targets.csv"
COUNTY_OWNER = "Vestfold og Telemark fylkeskommune (fylkestinget)"
NATIONAL_2050_OWNER = "Norge (klimaloven)"


@dataclass(frozen=True)
class PublicTarget:
    owner: str
    text: str
    base_year: int
    target_year: int
    reduction_percent: float  # the lower end of a range ("90-95" → 90)
    source_title: str
    source_url: str


@functools.cache
def public_targets() -> dict[str, PublicTarget]:
    """The national and county targets with a base year, by owner."""
    with TARGETS_FILE.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    targets: dict[str, PublicTarget] = {}
    for row in rows:
        percent = re.match(r"\d+(\.\d+)?", row["reduction_pct"])
        if not row["base_year"] or percent is None:
            continue
        targets.setdefault(
            row["owner"],
            PublicTarget(
                owner=row["owner"],
                text=row["target"],
                base_year=int(row["base_year"]),
                target_year=int(row["target_year"]),
                reduction_percent=float(percent.group()),
                source_title=row["source_title"],
                source_url=row["source_url"],
            ),
        )
    return targets


def county_target() -> PublicTarget:
    """The county's own target for the region (−60 % by 2030 against 2009 in the data)."""
    return public_targets()[COUNTY_OWNER]


@functools.cache
def county_path() -> ReferencePath:
    """−60 % by 2030 against 2009, then −90 % by 2050 (see the module docstring)."""
    county = county_target()
    national_2050 = public_targets()[NATIONAL_2050_OWNER]
    return ReferencePath(
        milestones=(
            (county.base_year, 1.0),
            (county.target_year, 1.0 - county.reduction_percent / 100),
            (national_2050.target_year, 1.0 - national_2050.reduction_percent / 100),
        )
    )
