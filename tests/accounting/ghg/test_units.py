import pytest

from klimanett.accounting.ghg.units import IncompatibleUnit, UnknownUnit, convert, unit


def test_megawatt_hours_are_a_thousand_kilowatt_hours():
    assert convert(2.5, from_unit="MWh", to_unit="kWh") == 2500.0


def test_gigajoules_are_277_78_kilowatt_hours():
    # 1 GJ = 10^9 J / 3.6·10^6 J per kWh = 277.777… kWh
    assert convert(1, from_unit="GJ", to_unit="kWh") == pytest.approx(277.78, abs=0.005)


def test_cubic_metres_are_a_thousand_litres():
    assert convert(1.2, from_unit="m3", to_unit="l") == 1200.0


def test_a_norwegian_mil_is_ten_kilometres():
    assert convert(35, from_unit="mil", to_unit="km") == 350.0


def test_tonnes_and_million_kroner_convert_down_and_up():
    assert convert(3, from_unit="t", to_unit="kg") == 3000.0
    assert convert(25_000_000, from_unit="NOK", to_unit="MNOK") == 25.0


def test_unit_names_accept_common_spellings():
    assert unit("liter").symbol == "l"
    assert unit("mwh").symbol == "MWh"
    assert unit("tonn").symbol == "t"
    assert unit("m³").symbol == "m3"


def test_litres_cannot_become_kilowatt_hours_without_a_fuel():
    with pytest.raises(IncompatibleUnit, match="l .*kWh"):
        convert(10, from_unit="l", to_unit="kWh")


def test_vehicle_km_and_passenger_km_are_not_interchangeable():
    with pytest.raises(IncompatibleUnit):
        convert(10, from_unit="km", to_unit="pkm")


def test_standard_cubic_metres_of_gas_are_not_plain_cubic_metres():
    with pytest.raises(IncompatibleUnit):
        convert(10, from_unit="m3", to_unit="Sm3")


def test_an_unknown_unit_is_an_error():
    with pytest.raises(UnknownUnit, match="furlong"):
        convert(1, from_unit="furlong", to_unit="km")
