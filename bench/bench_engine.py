"""Time the climate accounting engine (klimanett.accounting.ghg): no Django, no database.

Run: .venv/bin/python bench/bench_engine.py [repeats]   # default 5 repeats

1. Batch: 1,000,000 activity lines (10,000 accounts × 100 lines) computed and aggregated to
   totals per account and scope with `Calculator.totals` (one calculator for the year, as a
   network-wide recalculation would use). Target: under 2 s on one core.
2. The same million lines through the per-line path (`Calculator.compute` keeping every
   `ComputedLine`, then `scope_totals`), for comparison.
3. One account of 200 lines recomputed from scratch: a new calculator (factor look-ups, unit
   conversions), every computed line, totals per scope, per category and per scope 3 category.
   Target: under 5 ms.

Building the input lines is not timed: in the application they come from the database.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable

from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    Calculator,
    ScopeTotals,
    scope_totals,
    totals_by_category,
    totals_by_scope3_category,
)
from klimanett.accounting.ghg.factors import FactorSet, load_factor_set

ACCOUNTS = 10_000
LINES_PER_ACCOUNT = 100
ACCOUNT_LINES = 200
YEAR = 2024
ACTIVITY_UNITS = [
    ("diesel", "l"),
    ("diesel", "kWh"),
    ("petrol", "l"),
    ("heating_oil", "m3"),
    ("natural_gas", "Sm3"),
    ("lpg", "kg"),
    ("hvo", "l"),
    ("wood_pellets", "MWh"),
    ("district_heating", "kWh"),
    ("electricity", "kWh"),
    ("electricity", "MWh"),
    ("electricity_with_guarantees", "kWh"),
    ("flight_domestic", "pkm"),
    ("flight_short_haul", "pkm"),
    ("car_electric", "km"),
    ("car_petrol", "mil"),
    ("rail", "pkm"),
    ("waste_residual_incineration", "t"),
    ("waste_sorted_recycling", "kg"),
    ("water_supply", "m3"),
    ("paper", "t"),
]


def make_lines(count: int, rng: random.Random) -> list[ActivityLine]:
    return [
        ActivityLine(activity=activity, quantity=rng.uniform(0, 10_000), unit=unit)
        for activity, unit in (rng.choice(ACTIVITY_UNITS) for _ in range(count))
    ]


def batch_totals(factor_set: FactorSet, accounts: list[list[ActivityLine]]) -> list[ScopeTotals]:
    calculator = Calculator(factor_set, year=YEAR)
    return [calculator.totals(lines) for lines in accounts]


def per_line_totals(factor_set: FactorSet, accounts: list[list[ActivityLine]]) -> list[ScopeTotals]:
    calculator = Calculator(factor_set, year=YEAR)
    return [scope_totals([calculator.compute(line) for line in lines]) for lines in accounts]


def recompute_account(factor_set: FactorSet, lines: list[ActivityLine]) -> None:
    calculator = Calculator(factor_set, year=YEAR)
    computed = [calculator.compute(line) for line in lines]
    scope_totals(computed)
    totals_by_category(computed)
    totals_by_scope3_category(computed)


def timings(run: Callable[[], object], repeats: int) -> list[float]:
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds


def report(label: str, seconds: list[float], *, unit: str = "s", scale: float = 1.0) -> None:
    print(
        f"{label}: median {statistics.median(seconds) * scale:.3f} {unit}, "
        f"min {min(seconds) * scale:.3f} {unit}, max {max(seconds) * scale:.3f} {unit} "
        f"({len(seconds)} runs)"
    )


def main(repeats: int) -> None:
    rng = random.Random(2026)
    factor_set = load_factor_set()
    accounts = [make_lines(LINES_PER_ACCOUNT, rng) for _ in range(ACCOUNTS)]
    account = make_lines(ACCOUNT_LINES, rng)
    assert batch_totals(factor_set, accounts[:50]) == per_line_totals(factor_set, accounts[:50])

    report(
        f"batch, {ACCOUNTS * LINES_PER_ACCOUNT:,} lines to totals per account and scope",
        timings(lambda: batch_totals(factor_set, accounts), repeats),
    )
    report(
        "per-line path (every ComputedLine kept), same lines",
        timings(lambda: per_line_totals(factor_set, accounts), repeats),
    )
    report(
        f"one account of {ACCOUNT_LINES} lines recomputed",
        timings(lambda: recompute_account(factor_set, account), repeats * 20),
        unit="ms",
        scale=1000,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
