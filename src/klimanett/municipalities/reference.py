"""Load the municipalities from the reference file shipped with the app."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "municipalities.csv"


def read_rows(path: Path = DATA_FILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "number": row["kommunenummer_2024"],
                "name": row["kommunenavn"],
                "county_number": row["fylkesnummer_2024"],
                "county": row["fylke_2024"],
                "number_2020": row["kommunenummer_2020_2023"],
                "predecessors": row["kommuner_2019"],
            }
            for row in csv.DictReader(handle)
        ]


def load(municipality_model: Any) -> int:
    """Create or update every municipality in the file; returns how many there are."""
    rows = read_rows()
    for row in rows:
        number = row.pop("number")
        municipality_model.objects.update_or_create(number=number, defaults=row)
    return len(rows)
