"""`klimanett climate-calc FILE.csv [--year Y] [--factor-set S] --json` (issue 3, item 9)."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from klimanett.__main__ import with_command_aliases

# The command reads the factor library, whose imported sets are in the database.
pytestmark = pytest.mark.django_db

HAND_WORKED_CSV = (
    "activity,quantity,unit,note\n"
    "diesel,1000,l,service vans\n"  # 1 000 × 2.66 = 2 660 kg, scope 1
    "electricity,2,MWh,\n"  # 2 000 kWh × 0.015 = 30 kg location; × 0.402 = 804 kg market
    "flight_domestic,1000,pkm,Oslo–Bergen\n"  # 1 000 × 0.22928 = 229.28 kg, scope 3
)
# Excel in Norway: semicolons, decimal commas, spaces between thousands, a byte-order mark.
SEMICOLON_CSV = (
    "\ufeffactivity;quantity;unit\n"
    "diesel;1\u00a0000,5;l\n"  # 1 000.5 × 2.66 = 2 661.33 kg
    "electricity;12 500;kWh\n"  # 12 500 × 0.015 = 187.5 kg location; × 0.402 = 5 025 kg market
)
ERROR_CASES = {
    "unknown activity": ("diesel,10,l\ncoal,5,kg\n", 3, "coal"),
    "incompatible unit": ("flight_domestic,100,km\n", 2, "km"),
    "unknown unit": ("diesel,10,gallon\n", 2, "gallon"),
    "negative quantity": ("diesel,10,l\nelectricity,20,kWh\npetrol,-5,l\n", 4, "-5"),
    "non-numeric quantity": ("diesel,mye,l\n", 2, "mye"),
    "dash for a quantity": ("diesel,-,l\n", 2, "'-'"),
}


def write(tmp_path, text, name="lines.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_command(*args):
    env = os.environ | {"KLIMANETT_TESTING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "klimanett", "climate-calc", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def call(*args):
    stdout = io.StringIO()
    call_command("climate_calc", *args, stdout=stdout)
    return json.loads(stdout.getvalue())


def assert_hand_worked(result):
    assert result["factor_set"] == "NO-2025.1"
    assert result["year"] == 2023
    assert result["scope1_t"] == pytest.approx(2.66)
    assert result["scope2_location_t"] == pytest.approx(0.030)
    assert result["scope2_market_t"] == pytest.approx(0.804)
    assert result["scope3_t"] == pytest.approx(0.22928)
    # 2.66 + 0.030 + 0.22928 = 2.91928 t; 2.66 + 0.804 + 0.22928 = 3.69328 t
    assert result["total_location_t"] == pytest.approx(2.91928)
    assert result["total_market_t"] == pytest.approx(3.69328)
    diesel, electricity, flight = result["lines"]
    assert diesel == {
        "activity": "diesel",
        "quantity": 1000,
        "unit": "l",
        "kgco2e_location": pytest.approx(2660),
        "kgco2e_market": pytest.approx(2660),
        "factor_key": "diesel",
        "factor_value": 2.66,
        "factor_unit": "l",
        "source": diesel["source"],
    }
    assert diesel["source"].startswith("Miljødirektoratet")
    assert electricity["kgco2e_location"] == pytest.approx(30)
    assert electricity["kgco2e_market"] == pytest.approx(804)
    assert (electricity["factor_value"], electricity["factor_unit"]) == (0.015, "kWh")
    assert flight["kgco2e_location"] == pytest.approx(229.28)


def test_hand_worked_file_from_the_console_command(tmp_path):
    result = run_command(str(write(tmp_path, HAND_WORKED_CSV)), "--year", "2023", "--json")
    assert result.returncode == 0, result.stderr
    assert_hand_worked(json.loads(result.stdout))


def test_hand_worked_file_through_call_command(tmp_path):
    assert_hand_worked(call(str(write(tmp_path, HAND_WORKED_CSV)), "--year", "2023", "--json"))


def test_semicolon_file_with_norwegian_decimals(tmp_path):
    result = call(str(write(tmp_path, SEMICOLON_CSV)), "--year=2023", "--json")
    assert [line["quantity"] for line in result["lines"]] == [1000.5, 12500]
    assert result["scope1_t"] == pytest.approx(2.66133)
    assert result["scope2_location_t"] == pytest.approx(0.1875)
    assert result["scope2_market_t"] == pytest.approx(5.025)


def test_semicolon_file_from_the_console_command(tmp_path):
    result = run_command(str(write(tmp_path, SEMICOLON_CSV)), "--year", "2023", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_location_t"] == pytest.approx(2.66133 + 0.1875)


def test_default_year_is_the_latest_of_the_set_and_the_set_is_no_2025_1(tmp_path):
    result = call(str(write(tmp_path, "activity,quantity,unit\nelectricity,1000,kWh\n")), "--json")
    assert (result["factor_set"], result["year"]) == ("NO-2025.1", 2025)
    # 2025 falls back to 2024 (11.9 g) for location and 2020 (402 g) for market
    assert result["scope2_location_t"] == pytest.approx(0.0119)
    assert result["scope2_market_t"] == pytest.approx(0.402)


def test_the_default_set_is_the_newest_and_an_imported_set_can_be_chosen(
    tmp_path, newer_factor_set
):
    newer_factor_set({"diesel": 2.0})
    path = str(write(tmp_path, "activity,quantity,unit\ndiesel,1000,l\n"))
    newest = call(path, "--year", "2023", "--json")
    shipped = call(path, "--year", "2023", "--factor-set", "NO-2025.1", "--json")
    assert newest["factor_set"] == "NO-2026.1"
    # 1000 l × 2.66 kg/l = 2.66 t with NO-2025.1; the imported set doubles the factor
    assert shipped["scope1_t"] == pytest.approx(2.66)
    assert newest["scope1_t"] == pytest.approx(5.32)


def test_blank_rows_are_skipped(tmp_path):
    result = call(str(write(tmp_path, "activity;quantity;unit\ndiesel;1;l\n;;\n\n")), "--json")
    assert len(result["lines"]) == 1


def test_a_bad_line_exits_with_status_2_naming_the_line(tmp_path):
    """From the console, for one case (each case is checked in-process below: the command
    starts a Python of its own, 5 s a run)."""
    body, line_number, detail = ERROR_CASES["unknown activity"]
    path = write(tmp_path, "activity,quantity,unit\n" + body)
    result = run_command(str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"line {line_number}:" in result.stderr
    assert detail in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ERROR_CASES, ids=list(ERROR_CASES))
def test_a_bad_line_raises_a_command_error_with_status_2(tmp_path, case):
    body, line_number, detail = ERROR_CASES[case]
    stdout = io.StringIO()
    path = write(tmp_path, "activity,quantity,unit\n" + body)
    with pytest.raises(CommandError, match=f"line {line_number}:") as raised:
        call_command("climate_calc", str(path), "--json", stdout=stdout)
    assert raised.value.returncode == 2
    assert detail in str(raised.value)
    assert stdout.getvalue() == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("activity,qty,unit\ndiesel,1,l\n", "line 1: the header"),
        ("activity,quantity,unit\ndiesel,1,l,extra\n", "line 2: 4 fields"),
    ],
)
def test_a_malformed_file_is_refused(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        call_command("climate_calc", str(write(tmp_path, text)), "--json")


def test_an_unknown_factor_set_or_missing_file_is_refused(tmp_path):
    path = write(tmp_path, "activity,quantity,unit\ndiesel,1,l\n")
    with pytest.raises(CommandError, match="NO-1999.1"):
        call_command("climate_calc", str(path), "--factor-set", "NO-1999.1")
    with pytest.raises(CommandError, match="missing.csv"):
        call_command("climate_calc", str(tmp_path / "missing.csv"))


def test_without_json_the_totals_are_printed_as_text(tmp_path):
    stdout = io.StringIO()
    call_command(
        "climate_calc", str(write(tmp_path, HAND_WORKED_CSV)), "--year=2023", stdout=stdout
    )
    assert "Scope 2 market-based: 0.804 t CO2e" in stdout.getvalue()


def test_the_hyphenated_command_name_maps_to_the_django_command():
    assert with_command_aliases(["klimanett", "climate-calc", "f.csv"]) == [
        "klimanett",
        "climate_calc",
        "f.csv",
    ]
    assert with_command_aliases(["klimanett", "check"]) == ["klimanett", "check"]
    assert with_command_aliases(["klimanett"]) == ["klimanett"]
