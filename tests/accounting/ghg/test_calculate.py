import pytest

from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    Calculator,
    Change,
    Denominators,
    InvalidQuantity,
    ScopeTotals,
    change,
    changes,
    compute_lines,
    intensities,
    scope_totals,
    totals_by_category,
    totals_by_scope3_category,
)
from klimanett.accounting.ghg.factors import UnknownActivity, load_factor_set
from klimanett.accounting.ghg.units import IncompatibleUnit


@pytest.fixture
def factor_set():
    return load_factor_set("NO-2025.1")


def compute(factor_set, activity, quantity, unit, *, year=2023):
    return Calculator(factor_set, year=year).compute(
        ActivityLine(activity=activity, quantity=quantity, unit=unit)
    )


def test_a_thousand_litres_of_diesel_give_2660_kg(factor_set):
    line = compute(factor_set, "diesel", 1000, "l")
    # 1 000 l × 2.66 kg CO2e/l = 2 660 kg, the same for both methods
    assert line.kgco2e_location == pytest.approx(2660)
    assert line.kgco2e_market == pytest.approx(2660)
    assert line.scope == 1
    assert line.location_factor.key == "diesel"
    assert line.location_factor.value == 2.66
    assert line.location_factor.unit == "l"
    assert line.location_factor.year == 2021
    assert line.location_factor.set_version == "NO-2025.1"
    assert line.location_factor.fell_back  # a 2023 account uses the 2021 factor
    assert "Miljødirektoratet" in line.location_factor.source_title


def test_electricity_is_computed_location_based_and_market_based(factor_set):
    line = compute(factor_set, "electricity", 10_000, "kWh", year=2023)
    # location: 10 000 kWh × 0.015 kg/kWh (NVE 2023) = 150 kg
    # market:   10 000 kWh × 0.402 kg/kWh (residual mix 2020, the latest before 2023) = 4 020 kg
    assert line.kgco2e_location == pytest.approx(150)
    assert line.kgco2e_market == pytest.approx(4020)
    assert (line.location_factor.year, line.market_factor.year) == (2023, 2020)
    assert not line.location_factor.fell_back
    assert line.market_factor.fell_back


def test_electricity_in_mwh_is_converted_to_kwh(factor_set):
    line = compute(factor_set, "electricity", 2, "MWh", year=2024)
    # 2 MWh = 2 000 kWh; × 0.0119 = 23.8 kg location; × 0.402 = 804 kg market
    assert line.quantity_in_factor_unit == pytest.approx(2000)
    assert line.kgco2e_location == pytest.approx(23.8)
    assert line.kgco2e_market == pytest.approx(804)


def test_guarantees_of_origin_give_zero_market_based_emissions(factor_set):
    line = compute(factor_set, "electricity_with_guarantees", 1000, "kWh", year=2023)
    # 1 000 kWh × 0.015 = 15 kg location; market-based 0 by the Scope 2 convention
    assert line.kgco2e_location == pytest.approx(15)
    assert line.kgco2e_market == 0


def test_diesel_entered_in_kwh_is_converted_through_its_energy_content(factor_set):
    line = compute(factor_set, "diesel", 10_056, "kWh")
    # 10 056 kWh ÷ 10.056 kWh/l = 1 000 l; × 2.66 = 2 660 kg
    assert line.quantity_in_factor_unit == pytest.approx(1000)
    assert line.kgco2e_location == pytest.approx(2660)


def test_car_travel_in_mil_is_converted_to_km(factor_set):
    line = compute(factor_set, "car_petrol", 100, "mil", year=2025)
    # 100 mil = 1 000 km; × 0.16272 = 162.72 kg, scope 3 category 6 (business travel)
    assert line.kgco2e_location == pytest.approx(162.72)
    assert (line.scope, line.ghgp_scope3_category) == (3, 6)


def test_biogenic_co2_is_kept_outside_the_scopes(factor_set):
    line = compute(factor_set, "hvo", 100, "l")
    # HVO: 0 kg fossil; 100 l × 2.51 kg = 251 kg biogenic CO2
    assert line.kgco2e_location == 0
    assert line.biogenic_kgco2 == pytest.approx(251)


def test_an_incompatible_unit_is_an_error_not_a_guess(factor_set):
    with pytest.raises(IncompatibleUnit):
        compute(factor_set, "flight_domestic", 500, "km")


def test_an_unknown_activity_is_an_error(factor_set):
    with pytest.raises(UnknownActivity):
        compute(factor_set, "coal", 1, "kg")


@pytest.mark.parametrize("quantity", [-1.0, float("nan"), float("inf")])
def test_a_negative_or_non_finite_quantity_is_refused(quantity):
    with pytest.raises(InvalidQuantity):
        ActivityLine(activity="diesel", quantity=quantity, unit="l")


def hand_worked_account(factor_set):
    return compute_lines(
        [
            ActivityLine(activity="diesel", quantity=1000, unit="l"),  # 2 660 kg, scope 1
            ActivityLine(
                activity="electricity", quantity=10_000, unit="kWh"
            ),  # 150 kg location, 4 020 kg market
            ActivityLine(
                activity="flight_domestic", quantity=1000, unit="pkm"
            ),  # 1 000 × 0.22928 = 229.28 kg, cat. 6
            ActivityLine(
                activity="waste_residual_incineration", quantity=2, unit="t"
            ),  # 2 × 4.68568 = 9.37136, cat. 5
        ],
        factor_set=factor_set,
        year=2023,
    )


def test_scope_totals_report_scope_2_twice(factor_set):
    totals = scope_totals(hand_worked_account(factor_set))
    assert totals.scope1_kg == pytest.approx(2660)
    assert totals.scope2_location_kg == pytest.approx(150)
    assert totals.scope2_market_kg == pytest.approx(4020)
    assert totals.scope3_kg == pytest.approx(229.28 + 9.37136)
    # 2 660 + 150 + 238.65136 = 3 048.65136; 2 660 + 4 020 + 238.65136 = 6 918.65136
    assert totals.total_location_kg == pytest.approx(3048.65136)
    assert totals.total_market_kg == pytest.approx(6918.65136)


def test_totals_per_category_and_per_scope_3_category(factor_set):
    computed = hand_worked_account(factor_set)
    by_category = totals_by_category(computed)
    assert by_category["fuel_mobile"].kgco2e_location == pytest.approx(2660)
    assert by_category["electricity"].kgco2e_market == pytest.approx(4020)
    assert totals_by_scope3_category(computed) == pytest.approx({6: 229.28, 5: 9.37136})


def test_intensities_divide_the_totals_and_skip_missing_denominators():
    totals = ScopeTotals(scope1_kg=2000, scope2_location_kg=100, scope2_market_kg=1000)
    result = intensities(
        totals, Denominators(employees=20, revenue_nok=25_000_000, heated_area_m2=0)
    )
    # 2 100 kg / 20 employees = 105; 3 000 kg / 20 = 150
    assert result.per_employee is not None
    assert result.per_employee.kgco2e_location == pytest.approx(105)
    assert result.per_employee.kgco2e_market == pytest.approx(150)
    # 25 000 000 NOK = 25 MNOK: 2 100 / 25 = 84 kg per MNOK
    assert result.per_mnok_revenue is not None
    assert result.per_mnok_revenue.kgco2e_location == pytest.approx(84)
    assert result.per_m2_heated_area is None  # zero area
    assert intensities(totals, Denominators()).per_employee is None


def test_change_against_last_year_and_the_base_year():
    current = ScopeTotals(scope1_kg=900)
    result = changes(
        current=current,
        last_year=ScopeTotals(scope1_kg=1000),
        base_year=ScopeTotals(scope1_kg=1200),
    )
    # 900 − 1 000 = −100 kg = −10 %; 900 − 1 200 = −300 kg = −25 %
    assert result.against_last_year is not None
    assert result.against_last_year.location.absolute_kg == pytest.approx(-100)
    assert result.against_last_year.location.percent == pytest.approx(-10)
    assert result.against_base_year is not None
    assert result.against_base_year.market.percent == pytest.approx(-25)


def test_change_without_an_earlier_figure():
    assert changes(current=ScopeTotals(), last_year=None, base_year=None).against_last_year is None
    assert change(current_kg=50, earlier_kg=0) == Change(absolute_kg=50, percent=None)


def test_the_units_an_activity_accepts_follow_its_dimension_and_energy_content(factor_set):
    calculator = Calculator(factor_set, year=2023)
    # diesel: litres by its factor, kWh through autodiesel's 10.056 kWh/l, but no kWh per kg
    assert calculator.units_for("diesel") == ["l", "m3", "kWh", "MWh", "GWh", "GJ"]
    # LPG: factor per kg; the energy table has LPG per litre and per kg
    assert calculator.units_for("lpg") == ["l", "m3", "kWh", "MWh", "GWh", "GJ", "kg", "t"]
    assert calculator.units_for("electricity") == ["kWh", "MWh", "GWh", "GJ"]
    assert calculator.units_for("flight_domestic") == ["pkm"]
    with pytest.raises(UnknownActivity):
        calculator.units_for("unobtainium")
