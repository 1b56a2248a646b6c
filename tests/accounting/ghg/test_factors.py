import pytest

from klimanett.accounting.ghg.factors import (
    DEFAULT_FACTOR_SET,
    FactorSetError,
    Method,
    UnknownActivity,
    UnknownFactorSet,
    available_factor_sets,
    load_factor_set,
    read_factor_set,
    version_order,
)
from klimanett.accounting.ghg.units import IncompatibleUnit

HEADER = (
    "activity,name_nb,name_en,category,scope,ghgp_scope3_category,unit,method,kgco2e_per_unit,"
    "biogenic_kgco2_per_unit,year,region,quality,source_title,source_url,notes,research_key\n"
)


@pytest.fixture
def factor_set():
    return load_factor_set(DEFAULT_FACTOR_SET)


def test_the_default_set_is_shipped_and_listed():
    assert available_factor_sets() == ["NO-2025.1"]


def test_an_unknown_set_is_refused():
    with pytest.raises(UnknownFactorSet, match="NO-1999.9"):
        load_factor_set("NO-1999.9")


def test_a_factor_keeps_every_field_of_its_row(factor_set):
    choice = factor_set.lookup("flight_domestic", year=2025, method=Method.LOCATION)
    factor = choice.factor
    assert (factor.activity, factor.name_nb, factor.name_en) == (
        "flight_domestic",
        "Flyreiser innenlands",
        "Domestic flights",
    )
    assert (factor.category, factor.scope, factor.ghgp_scope3_category) == ("business_travel", 3, 6)
    assert (factor.unit, factor.method, factor.kgco2e_per_unit) == ("pkm", Method.BOTH, 0.22928)
    assert (factor.year, factor.region, factor.quality) == (2025, "UK", "foreign_proxy")
    assert factor.biogenic_kgco2_per_unit is None
    assert factor.source_url.startswith("https://www.gov.uk/")
    assert not choice.fell_back


def test_the_factor_of_the_account_year_is_used_when_there_is_one(factor_set):
    choice = factor_set.lookup("electricity", year=2023, method=Method.LOCATION)
    assert (choice.factor.year, choice.factor.kgco2e_per_unit, choice.fell_back) == (
        2023,
        0.015,
        False,
    )


def test_a_missing_year_falls_back_to_the_latest_earlier_year(factor_set):
    # Location-based electricity has 2019, 2020, 2022, 2023, 2024: 2021 takes 2020's 8 g.
    choice = factor_set.lookup("electricity", year=2021, method=Method.LOCATION)
    assert (choice.factor.year, choice.factor.kgco2e_per_unit) == (2020, 0.008)
    assert choice.fell_back
    assert choice.requested_year == 2021


def test_a_year_after_the_last_uses_the_last(factor_set):
    choice = factor_set.lookup("electricity", year=2030, method=Method.MARKET)
    assert (choice.factor.year, choice.factor.kgco2e_per_unit) == (2020, 0.402)
    assert choice.fell_back


def test_a_year_before_the_first_uses_the_earliest_later_year(factor_set):
    location = factor_set.lookup("electricity", year=2015, method=Method.LOCATION)
    market = factor_set.lookup("electricity", year=2015, method=Method.MARKET)
    assert (location.factor.year, location.factor.kgco2e_per_unit) == (2019, 0.017)
    assert (market.factor.year, market.factor.kgco2e_per_unit) == (2016, 0.53)


def test_a_both_factor_serves_the_location_and_the_market_method(factor_set):
    location = factor_set.lookup("diesel", year=2021, method=Method.LOCATION)
    market = factor_set.lookup("diesel", year=2021, method=Method.MARKET)
    assert location.factor is market.factor
    assert location.factor.kgco2e_per_unit == 2.66


def test_an_unknown_activity_is_an_error(factor_set):
    with pytest.raises(UnknownActivity, match="coal"):
        factor_set.lookup("coal", year=2024, method=Method.LOCATION)


def test_a_fuel_in_kwh_converts_to_its_factor_unit_through_its_energy_content(factor_set):
    # Diesel: 10.056 kWh per litre, so 1 kWh is 1/10.056 l.
    assert factor_set.conversion_factor("diesel", from_unit="kWh", to_unit="l") == pytest.approx(
        1 / 10.056
    )
    # LPG: 6.778 kWh per litre and 12.815 kWh per kg, so 1 l is 6.778 / 12.815 = 0.529 kg.
    assert factor_set.conversion_factor("lpg", from_unit="l", to_unit="kg") == pytest.approx(
        6.778 / 12.815
    )


def test_a_fuel_without_energy_content_cannot_change_dimension(factor_set):
    with pytest.raises(IncompatibleUnit, match="diesel_pump_blend"):
        factor_set.conversion_factor("diesel_pump_blend", from_unit="kWh", to_unit="l")


def test_a_distance_can_never_become_a_volume(factor_set):
    with pytest.raises(IncompatibleUnit):
        factor_set.conversion_factor("diesel", from_unit="km", to_unit="l")


def test_a_set_with_two_factors_for_the_same_activity_method_and_year_is_refused():
    row = "diesel,Diesel,Diesel,fuel_mobile,1,,l,both,2.66,,2021,NO,official,T,https://x,,\n"
    with pytest.raises(FactorSetError, match="two factors"):
        read_factor_set(version="TEST", factors_csv=HEADER + row + row)


def test_a_location_or_market_factor_outside_scope_2_is_refused():
    row = "diesel,Diesel,Diesel,fuel_mobile,1,,l,market,2.66,,2021,NO,official,T,https://x,,\n"
    with pytest.raises(FactorSetError, match="outside scope 2"):
        read_factor_set(version="TEST", factors_csv=HEADER + row)


def test_a_row_with_an_unknown_unit_is_refused():
    row = "diesel,Diesel,Diesel,fuel_mobile,1,,gallon,both,2.66,,2021,NO,official,T,https://x,,\n"
    with pytest.raises(FactorSetError, match="gallon"):
        read_factor_set(version="TEST", factors_csv=HEADER + row)


@pytest.mark.parametrize(
    ("field", "value", "column"),
    [
        ("kgco2e_per_unit", "-1", "kgco2e_per_unit"),
        ("kgco2e_per_unit", "2,66", "kgco2e_per_unit"),
        ("year", "2021.5", "year"),
        ("biogenic_kgco2_per_unit", "x", "biogenic_kgco2_per_unit"),
        ("activity", " ", "activity"),
    ],
)
def test_a_bad_value_is_refused_naming_its_line_and_column(field, value, column):
    good = "diesel,Diesel,Diesel,fuel_mobile,1,,l,both,2.66,,2021,NO,official,T,https://x,,\n"
    columns = HEADER.strip().split(",")
    values = good.strip().split(",")
    values[columns.index(field)] = f'"{value}"'
    with pytest.raises(FactorSetError) as refused:
        read_factor_set(version="TEST", factors_csv=HEADER + good + ",".join(values) + "\n")
    assert (refused.value.row, refused.value.column) == (3, column)


def test_a_file_without_the_factor_columns_is_refused_at_its_header():
    with pytest.raises(FactorSetError, match="missing columns") as refused:
        read_factor_set(version="TEST", factors_csv="activity,unit\ndiesel,l\n")
    assert refused.value.row == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ["electricity,S,S,electricity,2,,kWh,location,0.015,,2023,NO,official,T,https://x,,"],
            "needs a location-based and a market-based factor",
        ),
        (
            [
                "diesel,D,D,fuel_mobile,1,,l,both,2.66,,2021,NO,official,T,https://x,,",
                "diesel,D,D,fuel_mobile,1,,kWh,both,0.26,,2022,NO,official,T,https://x,,",
            ],
            "more than one scope, category or unit",
        ),
        (["diesel,D,D,fuel_mobile,1,,l,both,inf,,2021,NO,official,T,https://x,,"], "at least 0"),
        (["bus,B,B,business_travel,3,99,pkm,both,0.1,,2021,NO,x,T,https://x,,"], "1–15"),
        (["diesel,D,D,fuel_mobile,1,6,l,both,2.66,,2021,NO,official,T,https://x,,"], "1–15"),
        (["hvo,H,H,fuel_mobile,1,,l,both,0.3,-1,2021,NO,official,T,https://x,,"], "biogenic"),
    ],
    ids=["scope 2 without market", "two units", "infinite", "category 99", "scope 1", "biogenic"],
)
def test_a_set_that_would_break_accounts_is_refused(rows, message):
    with pytest.raises(FactorSetError, match=message):
        read_factor_set(version="TEST", factors_csv=HEADER + "\n".join(rows) + "\n")


def test_shipped_sets_are_ordered_with_numbers_compared_as_numbers():
    versions = ["NO-2025.10", "NO-2026.1", "NO-2025.2", "NO-2025.1"]
    assert sorted(versions, key=version_order) == [
        "NO-2025.1",
        "NO-2025.2",
        "NO-2025.10",
        "NO-2026.1",
    ]
