"""Load the public pages with wrk: the home page, the partner directory and a partner profile.

Run: .venv/bin/python bench/bench_public_pages.py [seconds] [connections]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on 127.0.0.1:6379 and wrk
(Debian: ``sudo apt-get install wrk``). It is not part of the test suite.

The script creates a throwaway database, migrates it, builds the demo network and collects the
static files into a temporary directory; then, once with the public page cache (Redis, database
15) and once without it (PAGE_CACHE_SECONDS=0), it starts granian with the project's WSGI app and
2 workers of 4 threads, as ``make serve-production`` does, warms each page up and loads it with wrk
(``bench/wrk_percentiles.lua`` prints the percentiles). The database is dropped at the end.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = ROOT / ".venv" / "bin"
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/15"
RESULT = re.compile(r"RESULT (.*)")


def main(seconds: int, connections: int) -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `sudo apt-get install wrk` (Debian).")
    database = f"klimanett_bench_{os.getpid()}"
    workdir = Path(tempfile.mkdtemp(prefix="klimanett-bench-pages-"))
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
    }
    _psql(f'CREATE DATABASE "{database}"')
    try:
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            ["seed_demo", "--allow-without-debug"],
            ["collectstatic", "--no-input", "-v", "0"],
        ):
            subprocess.run([BIN / "klimanett", *command], env=env, check=True, capture_output=True)
        rows = []
        for label, extra in (
            ("cached", {}),
            ("uncached", {"PAGE_CACHE_SECONDS": "0"}),
        ):
            subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=True, capture_output=True)
            rows += _measure(label, {**env, **extra}, seconds, connections)
        print()
        print(
            f"{time.strftime('%d.%m.%Y')}, {os.cpu_count()} cores, {_cpu_model()}, "
            f"Python {platform.python_version()}, load average "
            + " ".join(f"{n:.1f}" for n in os.getloadavg())
        )
        print("| Page | Cache | Requests/s | p50 | p95 | p99 | Errors |")
        print("|---|---|---|---|---|---|---|")
        for row in rows:
            print(
                f"| `{row['path']}` | {row['label']} | {float(row['rps']):.0f} | "
                f"{row['p50_ms']} ms | {row['p95_ms']} ms | {row['p99_ms']} ms | {row['errors']} |"
            )
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """granian with 2 workers of 4 threads, as ``make serve-production`` runs it, on a free
    port while the block runs; gives its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            BIN / "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--blocking-threads",
            "4",
            "--no-ws",
            "--log-level",
            "warning",
            "klimanett.wsgi:application",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def load(url: str, *, seconds: int, connections: int) -> dict[str, str]:
    """50 requests to warm up, then wrk's figures for `url` (requests/s and percentiles)."""
    for _ in range(50):  # warm up: templates, connections, the cache
        get(url)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(BENCH / "wrk_percentiles.lua"),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = RESULT.search(output)
    assert match, output
    return dict(item.split("=") for item in match.group(1).split())


def _measure(
    label: str, env: dict[str, str], seconds: int, connections: int
) -> list[dict[str, str]]:
    with serving(env) as base:
        wait_for(base + "/")
        directory = get(base + "/partnere/")
        slug = re.search(r'href="/partnere/([\w-]+)/"', directory)
        assert slug, "no partner profile in the directory"
        rows = []
        for path in ["/", "/partnere/", f"/partnere/{slug.group(1)}/"]:
            row = load(base + path, seconds=seconds, connections=connections)
            row.update(path=path, label=label)
            print(label, path, row, flush=True)
            rows.append(row)
        return rows


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
        check=True,
        capture_output=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> str:
    """The page's HTML; anything but a 200 straight away (a redirect too) is an error."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        body = response.read().decode()
    finally:
        connection.close()
    if response.status != 200:
        raise OSError(f"{url} answered {response.status}")
    return body


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer on {url}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 15,
        int(sys.argv[2]) if len(sys.argv) > 2 else 20,
    )
