"""Time the results page of a climate account of 200 lines (issue 3, item 11).

Run: .venv/bin/python bench/bench_results_page.py [renders]   # default 50 renders

Target: /min-side/klimaregnskap/<pk>/ (view `account_detail`) renders with at most 16 SQL
queries (15, plus one for the sector comparison of issue 8, item 4) in under 150 ms. A
temporary SQLite database is migrated, filled with the data of
tests/accounting/test_results_performance.py (one organisation, a contact, last year's approved
account and this year's draft of 200 lines of 20 activity/unit pairs), and the page is fetched
with Django's test Client as the logged-in contact: one warm-up request, then `renders` timed
requests (time.perf_counter around `client.get`: middleware, view, template), then one more
request inside CaptureQueriesContext to count the queries (the warm-up request is counted too).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(renders: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="klimanett-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["KLIMANETT_TESTING"] = "1"  # a throwaway secret key, no HTTPS redirect
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test Client's host name
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimanett.settings")
    sys.path.insert(0, str(ROOT))  # for tests.builders and the shared data builder

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.accounting.test_results_performance import LINES, build_results_page_data

    try:
        call_command("migrate", verbosity=0)
        user, account = build_results_page_data()
        client = Client()
        client.force_login(user)
        url = reverse("accounting:account_detail", args=[account.pk])

        with CaptureQueriesContext(connection) as cold_queries:
            first = _get(client, url)  # warm-up: templates, factor set, content type cache
        seconds = [_get(client, url) for _ in range(renders)]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code

        print(f"{url}: account of {LINES} lines, {len(response.content) // 1024} KiB of HTML")
        print(f"first request (cold): {first * 1000:.1f} ms, {len(cold_queries)} SQL queries")
        milliseconds = [s * 1000 for s in seconds]
        print(
            f"render: median {statistics.median(milliseconds):.1f} ms, "
            f"min {min(milliseconds):.1f} ms, max {max(milliseconds):.1f} ms ({renders} renders)"
        )
        print(f"SQL queries per render: {len(queries)}")
    finally:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
