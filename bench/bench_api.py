"""Load the API's public lists with wrk: /api/v1/partners, results, events, resources, statistics,
examples and targets (those the OpenAPI document has; the others are skipped with a note).

Run: .venv/bin/python bench/bench_api.py [seconds] [connections]

Needs what ``bench_public_pages.py`` needs: PostgreSQL on 127.0.0.1:5432 (user postgres,
trust), Redis on 127.0.0.1:6379 (database 15 is flushed) and wrk. It is not part of the test
suite.

The script creates a throwaway database, migrates it and builds the demo network; then, once
with the public page cache (Redis, the production setup) and once without it
(PAGE_CACHE_SECONDS=0), it starts granian with the project's WSGI app and 2 workers, checks
that each list answers 200 with JSON, warms it up and loads it with wrk
(``bench/wrk_percentiles.lua``). The anonymous rate limit is raised for the run
(``API_RATE_ANONYMOUS`` and ``API_RATE_AUTHENTICATED``, which counts anonymous
requests too), so that wrk's single address is not answered 429. The database is
dropped at the end.
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_public_pages import (
    BIN,
    PG,
    REDIS,
    _cpu_model,
    _psql,
    get,
    load,
    serving,
    wait_for,
)

PREFIX = "/api/v1"
LISTS = ["/partners", "/results", "/events", "/resources", "/statistics", "/examples", "/targets"]
TARGET_RPS = 500
TARGET_P95_MS = 50.0


def main(seconds: int, connections: int) -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `sudo apt-get install wrk` (Debian).")
    database = f"klimanett_bench_api_{os.getpid()}"
    workdir = Path(tempfile.mkdtemp(prefix="klimanett-bench-api-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{database}",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DEBUG": "0",
        "KLIMANETT_TESTING": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "KLIMANETT_DATA_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": REDIS,
        # A window of one second keeps the throttle's history (read and written in the cache
        # on every request) short; the limit itself is never reached.
        "API_RATE_ANONYMOUS": "100000/s",
        # Anonymous requests count against the per-token limit too (keyed on the address).
        "API_RATE_AUTHENTICATED": "100000/s",
    }
    _psql(f'CREATE DATABASE "{database}"')
    load_before = os.getloadavg()
    try:
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            ["seed_demo", "--allow-without-debug"],
            ["collectstatic", "--no-input", "-v", "0"],
        ):
            subprocess.run([BIN / "klimanett", *command], env=env, check=True, capture_output=True)
        rows: list[dict[str, str]] = []
        skipped: list[str] = []
        for label, extra in (
            ("cached", {}),
            ("uncached", {"PAGE_CACHE_SECONDS": "0"}),
        ):
            subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=True, capture_output=True)
            measured, skipped = _measure(label, {**env, **extra}, seconds, connections)
            rows += measured
        print()
        print(
            f"{time.strftime('%d.%m.%Y')}, {os.cpu_count()} cores, {_cpu_model()}, "
            f"Python {platform.python_version()}, load average before "
            + " ".join(f"{n:.1f}" for n in load_before)
            + ", after "
            + " ".join(f"{n:.1f}" for n in os.getloadavg())
        )
        for path in skipped:
            print(f"Skipped {PREFIX}{path}: not in the OpenAPI document.")
        print("| Endpoint | Cache | Requests/s | p50 | p95 | p99 | Errors | Target |")
        print("|---|---|---|---|---|---|---|---|")
        for row in rows:
            met = float(row["rps"]) >= TARGET_RPS and float(row["p95_ms"]) < TARGET_P95_MS
            print(
                f"| `{row['path']}` | {row['label']} | {float(row['rps']):.0f} | "
                f"{row['p50_ms']} ms | {row['p95_ms']} ms | {row['p99_ms']} ms | "
                f"{row['errors']} | {'met' if met else 'not met'} |"
            )
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def _measure(
    label: str, env: dict[str, str], seconds: int, connections: int
) -> tuple[list[dict[str, str]], list[str]]:
    with serving(env) as base:
        wait_for(base + f"{PREFIX}/openapi.json")
        document = json.loads(get(base + f"{PREFIX}/openapi.json"))
        present = [path for path in LISTS if f"{PREFIX}{path}" in document["paths"]]
        skipped = [path for path in LISTS if path not in present]
        rows = []
        for path in present:
            url = base + PREFIX + path
            body = json.loads(get(url))  # a 200 with JSON, not a 429 or a redirect
            assert isinstance(body, dict | list), body
            row = load(url, seconds=seconds, connections=connections)
            row.update(path=PREFIX + path, label=label)
            print(label, PREFIX + path, row, flush=True)
            rows.append(row)
        return rows, skipped


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 15,
        int(sys.argv[2]) if len(sys.argv) > 2 else 20,
    )
