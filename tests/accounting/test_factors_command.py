import csv
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from klimanett.accounting.ghg.factors import FACTORSETS_DIR

FACTOR_FILE = FACTORSETS_DIR / "NO-2025.1.csv"

# The imported sets are in the database.
pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("factors", "list", *args, stdout=out)
    return out.getvalue()


def test_lists_the_shipped_sets_with_their_years():
    sets = json.loads(_run("--json"))
    rows = list(csv.DictReader(StringIO(FACTOR_FILE.read_text(encoding="utf-8"))))
    no_2025 = next(s for s in sets if s["version"] == "NO-2025.1")
    assert no_2025["factors"] == len(rows)
    assert no_2025["activities"] == len({row["activity"] for row in rows})
    assert no_2025["latest_year"] == max(int(row["year"]) for row in rows)
    assert "NO-2025.1:" in _run()


def test_lists_an_imported_set_after_the_shipped_ones(newer_factor_set):
    newer_factor_set({"diesel": 2.0})
    assert [s["version"] for s in json.loads(_run("--json"))] == ["NO-2025.1", "NO-2026.1"]
    diesel_2021 = next(
        f
        for f in json.loads(_run("--set", "NO-2026.1", "--json"))
        if f["activity"] == "diesel" and f["year"] == 2021
    )
    assert diesel_2021["kgco2e_per_unit"] == pytest.approx(5.32)


def test_lists_every_factor_of_a_set_with_value_unit_and_source():
    factors = json.loads(_run("--set", "NO-2025.1", "--json"))
    diesel = next(f for f in factors if f["activity"] == "diesel")
    assert (diesel["kgco2e_per_unit"], diesel["unit"], diesel["scope"]) == (2.66, "l", 1)
    assert diesel["source_url"].startswith("https://www.miljodirektoratet.no/")
    assert "diesel" in _run("--set", "NO-2025.1")


def test_an_unknown_set_is_a_clear_error():
    with pytest.raises(CommandError, match="NO-1999"):
        _run("--set", "NO-1999")
