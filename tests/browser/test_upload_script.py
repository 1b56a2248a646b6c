"""The done-when script, docs/examples/upload_activity_lines.py, run as a program against the
live server with a real token: it starts the year's account, uploads the lines of a CSV file
and prints the totals, which are worked by hand from the shipped factor set.

The live server needs a transactional database, flushed after the test without the
migrations' rows (municipalities, content types), which it restores first
(``serialized_rollback``): so it lives with the browser tests, which do the same and run on
SQLite only (a PostgreSQL run without them would meet a flushed content-type table in the next
transactional test).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from klimanett.api.tokens import issue_token
from tests.api.test_accounts_api import YEAR, factors

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "upload_activity_lines.py"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_script_uploads_lines_and_prints_the_totals(live_server, alice, organisation_a, tmp_path):
    _token, plaintext = issue_token(user=alice, name="Opplasting")
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "activity;quantity;unit\ndiesel;1000;l\nelectricity;20 000;kWh\n", encoding="utf-8"
    )
    environment = {
        **os.environ,
        "KLIMANETT_URL": live_server.url,
        "KLIMANETT_TOKEN": plaintext,
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(organisation_a.pk), str(YEAR), str(lines)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    diesel, _ = factors("diesel", "l")
    el_location, el_market = factors("electricity", "kWh")
    output = done.stdout
    assert "Started the climate account" in output
    assert f"Scope 1: {1000 * diesel:.1f}\n" in output
    assert f"Scope 2 (location-based): {20_000 * el_location:.1f}\n" in output
    assert f"Scope 2 (market-based): {20_000 * el_market:.1f}\n" in output
    assert f"Total (location-based): {1000 * diesel + 20_000 * el_location:.1f}\n" in output
    assert f"Total (market-based): {1000 * diesel + 20_000 * el_market:.1f}\n" in output
