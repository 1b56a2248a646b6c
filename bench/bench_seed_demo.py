"""Time `klimanett seed_demo` on a fresh SQLite database.

Run: .venv/bin/python bench/bench_seed_demo.py [runs]

The database is migrated once into a temporary directory and copied before each run, so every
first run starts from an empty, migrated database. Each round times the first run (builds
everything) and a second run on the result (the idempotent pass that finds everything there).
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(runs: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="klimanett-bench-"))
    database = workdir / "bench.sqlite3"
    template = workdir / "migrated.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["KLIMANETT_TESTING"] = "1"  # a throwaway secret key; the demo may be built
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # Wagtail logs every page it publishes
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimanett.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        shutil.copyfile(database, template)

        first, again = [], []
        for _ in range(runs):
            connection.close()
            for leftover in workdir.glob("bench.sqlite3*"):
                leftover.unlink()
            shutil.copyfile(template, database)
            first.append(_time_seed(call_command))
            again.append(_time_seed(call_command))

        print(f"migrate (once): {migrate_seconds:.2f} s")
        _report("seed_demo on an empty database", first)
        _report("seed_demo again (nothing to add)", again)
    finally:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _time_seed(call_command) -> float:
    started = time.perf_counter()
    call_command("seed_demo", stdout=io.StringIO())
    return time.perf_counter() - started


def _report(label: str, seconds: list[float]) -> None:
    figures = ", ".join(f"{s:.2f}" for s in seconds)
    print(
        f"{label}: median {statistics.median(seconds):.2f} s, "
        f"min {min(seconds):.2f} s, max {max(seconds):.2f} s ({len(seconds)} runs: {figures})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
