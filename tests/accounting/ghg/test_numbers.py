import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting.ghg.numbers import InvalidNumber, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),  # no-break space, as Excel and browsers write it
        ("1\u202f234,5", 1234.5),  # narrow no-break space
        ("1234.5", 1234.5),
        ("1234,5", 1234.5),
        ("12 345 678", 12345678.0),
        (" 42 ", 42.0),
        ("0,25", 0.25),
        (",5", 0.5),
        ("-2", -2.0),
        ("\u22122,5", -2.5),  # the minus sign
    ],
)
def test_norwegian_and_plain_numbers_are_read(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["-", "", "  ", "abc", "1,234.5", "1.234,5", "12 34", "1,2,3", "1e5", "nan", "1 2345"]
)
def test_text_that_is_not_a_clear_number_is_refused(text):
    with pytest.raises(InvalidNumber):
        parse_number(text)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_a_number_written_the_norwegian_way_reads_back(whole, hundredths):
    written = f"{whole:,}".replace(",", "\u00a0") + f",{hundredths:02d}"
    assert parse_number(written) == pytest.approx(whole + hundredths / 100)
