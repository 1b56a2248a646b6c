"""The figures of a published annual report, kept as they were when it was published.

A report is a document: once the network has published the figures for a year they should not
change under the reader because an account was approved later. The page stores the figures
(`to_json`) when it is published and shows them from there (`from_json`) until it is published
again. Plain JSON (numbers, strings, lists), so the stored figures read the same in every
database; `VERSION` names the layout.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from klimanett.region.report import (
    Change,
    Emissions,
    Group,
    MeasureFigures,
    NamedPartner,
    NetworkReport,
    ReportingPartner,
    TargetFigures,
)

VERSION = 2


def to_json(report: NetworkReport) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {"version": VERSION, **dataclasses.asdict(report)}


def _group(data: dict[str, Any]) -> Group:
    return Group(
        key=data["key"], partners=data["partners"], emissions=Emissions(**data["emissions"])
    )


def _named(data: dict[str, Any]) -> NamedPartner:
    return NamedPartner(**{**data, "emissions": Emissions(**data["emissions"])})


def _reporting(data: dict[str, Any]) -> ReportingPartner:
    return ReportingPartner(**{**data, "emissions": Emissions(**data["emissions"])})


def from_json(data: dict[str, Any]) -> NetworkReport:
    """The report `to_json` gave (a ValueError for another layout)."""
    if data.get("version") != VERSION:
        raise ValueError(f"unknown layout of the report's figures: {data.get('version')!r}")
    return NetworkReport(
        year=data["year"],
        active_partners=data["active_partners"],
        reporting_partners=data["reporting_partners"],
        emissions=Emissions(**data["emissions"]),
        against_previous_year=Change(**data["against_previous_year"]),
        against_base_year=Change(**data["against_base_year"]),
        by_sector=tuple(_group(group) for group in data["by_sector"]),
        by_kind=tuple(_group(group) for group in data["by_kind"]),
        targets=TargetFigures(**data["targets"]),
        measures=MeasureFigures(**data["measures"]),
        named=tuple(_named(named) for named in data["named"]),
        reporting=tuple(_reporting(partner) for partner in data["reporting"]),
    )
