"""Reading Miljødirektoratet's municipal emission statistics (CSV): no database needed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.region import statistics_csv as sc

SAMPLE = Path(__file__).parent / "data" / "utslipp_kommuner_2022_2023.csv"
HEADER = "Kommunenr;Kommune;Aar;Sektor;Kilde;Utslipp (tonn CO2-ekv.)\n"


def parse(text: str | bytes) -> sc.ParsedStatistics:
    return sc.parse(text, last_year=2026)


def test_the_sample_file_is_read_with_its_bom_decimal_commas_and_suppressed_cells():
    parsed = parse(SAMPLE.read_bytes())
    assert parsed.refusals == []
    assert len(parsed.rows) == 11
    assert parsed.suppressed_lines == 3  # "..", "-" and "x"
    assert parsed.years == [2022, 2023]
    assert parsed.municipality_numbers == ["3905", "4036"]
    first = parsed.rows[0]
    assert (first.line, first.municipality_number, first.municipality_name) == (
        2,
        "3905",
        "Tønsberg",
    )
    assert (first.year, first.sector, first.subsector) == (2022, "Veitrafikk", "Personbiler")
    assert first.t_co2e == Decimal("61234.5")
    # 22 410,2 with a non-breaking space; 9.876,0 with a dot before exactly three digits
    assert [row.t_co2e for row in parsed.rows[1:3]] == [Decimal("22410.2"), Decimal("9876.0")]


def test_headers_are_matched_without_case_punctuation_or_diacritics():
    assert sc.column_for("Kommunenummer") == sc.MUNICIPALITY_NUMBER
    assert sc.column_for("KOMMUNENR.") == sc.MUNICIPALITY_NUMBER
    assert sc.column_for("Kommunenavn") == sc.MUNICIPALITY_NAME
    assert sc.column_for("År") == sc.YEAR
    assert sc.column_for("aar") == sc.YEAR
    assert sc.column_for("Undersektor") == sc.SUBSECTOR
    assert sc.column_for("Kilde") == sc.SUBSECTOR
    assert sc.column_for("Utslipp (tonn CO₂-ekvivalenter)") == sc.T_CO2E
    assert sc.column_for("Merknad") is None


def test_a_comma_separated_file_in_windows_1252_is_read():
    text = 'Kommunenummer,Kommune,År,Sektor,Utslipp\n3807,Skien,2021,Jordbruk,"1 204,5"\n'
    parsed = parse(text.encode("cp1252"))
    assert parsed.refusals == []
    assert parsed.rows[0].t_co2e == Decimal("1204.5")
    assert parsed.rows[0].subsector == ""


def test_municipality_numbers_that_lost_their_leading_zero_or_carry_the_name_are_read():
    parsed = parse(HEADER + "301;Oslo;2020;Jordbruk;;5\n3807 Skien;Skien;2020;Jordbruk;;7\n")
    assert [row.municipality_number for row in parsed.rows] == ["0301", "3807"]


def test_a_file_without_the_required_columns_is_refused_whole():
    parsed = parse("Kommune;År;Sektor\nSkien;2020;Jordbruk\n")
    assert parsed.rows == []
    assert {(r.line, r.reason, r.field) for r in parsed.refusals} == {
        (1, sc.MISSING_COLUMN, sc.MUNICIPALITY_NUMBER),
        (1, sc.MISSING_COLUMN, sc.T_CO2E),
    }


def test_text_in_a_number_cell_is_refused_with_its_line_and_column():
    parsed = parse(
        HEADER + "3807;Skien;2020;Jordbruk;Husdyr;12,5\n3807;Skien;2021;Jordbruk;Husdyr;ca. 13\n"
    )
    assert len(parsed.rows) == 1
    assert parsed.refusals == [
        sc.Refusal(
            line=3,
            reason=sc.NOT_A_NUMBER,
            field=sc.T_CO2E,
            column="Utslipp (tonn CO2-ekv.)",
            value="ca. 13",
        )
    ]


def test_a_year_out_of_range_is_refused():
    parsed = parse(
        HEADER
        + "3807;Skien;1989;Jordbruk;;1\n3807;Skien;2027;Jordbruk;;1\n3807;Skien;20x1;Jordbruk;;1\n"
    )
    assert [(r.line, r.reason, r.column, r.detail) for r in parsed.refusals] == [
        (2, sc.BAD_YEAR, "Aar", "1990–2026"),
        (3, sc.BAD_YEAR, "Aar", "1990–2026"),
        (4, sc.BAD_YEAR, "Aar", "1990–2026"),
    ]


def test_a_line_repeating_another_is_refused():
    parsed = parse(HEADER + "3807;Skien;2020;Jordbruk;;1\n3807;Skien;2020;Jordbruk;;2\n")
    assert [(r.line, r.reason, r.detail) for r in parsed.refusals] == [(3, sc.DUPLICATE, "2")]


def test_sum_lines_and_empty_lines_are_left_out():
    parsed = parse(HEADER + "3807;Skien;2020;Totalt;;100\n\n3807;Skien;2020;Jordbruk;;1\n")
    assert parsed.total_lines == 1
    assert len(parsed.rows) == 1
    assert parsed.refusals == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", "1234.5"),
        ("1\u00a0234\u00a0567,25", "1234567.25"),
        ("1.234", "1234"),  # a dot before exactly three digits separates thousands
        ("1.234.567,8", "1234567.8"),
        ("12.5", "12.5"),  # a dot before one digit is a decimal point
        ("0.123", "0.123"),  # ... and so is one after a zero
        ("-3,2", "-3.2"),
        ("−1 000", "-1000"),
        ("7", "7"),
        (",5", "0.5"),
    ],
)
def test_numbers_are_read_the_norwegian_way(text, expected):
    assert sc.parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,234.5", "12 34", "1.23.4", "1e3", "12,5 t"])
def test_text_that_is_not_a_number_is_refused(text):
    with pytest.raises(sc.NotANumber):
        sc.parse_number(text)


@pytest.mark.parametrize("text", ["", "-", ".", ":", "..", "x", "X", " "])
def test_suppressed_cells_have_no_value(text):
    assert sc.is_suppressed(text)


@given(
    value=st.decimals(
        min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False
    ),
    thousands=st.sampled_from([" ", "\u00a0", ".", ""]),
)
def test_a_decimal_formatted_the_norwegian_way_reads_back_as_the_same_value(value, thousands):
    assert sc.parse_number(sc.format_number(value, thousands=thousands)) == value
