"""Newer factor sets for tests: the shipped NO-2025.1 with some factors multiplied."""

from __future__ import annotations

import csv
import io

from klimanett.accounting.ghg.factors import FACTORSETS_DIR

SHIPPED = "NO-2025.1"


def scaled_factors_csv(scale: dict[str, float], *, without: tuple[str, ...] = ()) -> str:
    """The text of NO-2025.1.csv with every factor of each activity in `scale` multiplied by
    its number (all methods and years), and the activities `without` left out."""
    text = (FACTORSETS_DIR / f"{SHIPPED}.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row["activity"] in without:
            continue
        if row["activity"] in scale:
            row["kgco2e_per_unit"] = repr(float(row["kgco2e_per_unit"]) * scale[row["activity"]])
        writer.writerow(row)
    return out.getvalue()
