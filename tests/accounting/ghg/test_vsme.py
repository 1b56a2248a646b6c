"""VSME B3 from computed lines: energy in MWh split renewable / non-renewable, GHG and intensity,
hand-worked with the factor set NO-2025.1."""

import pytest

from klimanett.accounting.ghg.calculate import ActivityLine, Calculator
from klimanett.accounting.ghg.factors import load_factor_set
from klimanett.accounting.ghg.vsme import Carrier, Energy, vsme_b3


@pytest.fixture
def factor_set():
    return load_factor_set("NO-2025.1")


def computed(factor_set, *lines, year=2023):
    calculator = Calculator(factor_set, year=year)
    return [
        calculator.compute(ActivityLine(activity=activity, quantity=quantity, unit=unit))
        for activity, quantity, unit in lines
    ]


def test_a_worked_example_of_energy_ghg_and_intensity(factor_set):
    lines = computed(
        factor_set,
        ("diesel", 1000, "l"),
        ("electricity", 10, "MWh"),
        ("electricity_with_guarantees", 5000, "kWh"),
        ("wood_pellets", 2000, "kg"),
        ("district_heating", 20_000, "kWh"),
        ("flight_domestic", 1000, "pkm"),
    )

    report = vsme_b3(lines, factor_set=factor_set, revenue_nok=25_000_000)

    # Energy, MWh:
    #   diesel       1 000 l × 10.056 kWh/l (autodiesel)  = 10.056 MWh, fossil
    #   electricity  10 MWh, no guarantees of origin       = 10 MWh, non-renewable
    #   with GoO     5 000 kWh                             = 5 MWh, renewable
    #   pellets      2 000 kg × 4.8 kWh/kg                 = 9.6 MWh, renewable (biogenic CO2)
    #   district heating 20 000 kWh                        = 20 MWh, non-renewable
    #   flights are scope 3 travel, not the company's own energy use
    assert report.energy[Carrier.ELECTRICITY].renewable_mwh == pytest.approx(5)
    assert report.energy[Carrier.ELECTRICITY].non_renewable_mwh == pytest.approx(10)
    assert report.energy[Carrier.FUELS].renewable_mwh == pytest.approx(9.6)
    assert report.energy[Carrier.FUELS].non_renewable_mwh == pytest.approx(10.056)
    assert report.energy[Carrier.DISTRICT_HEATING].renewable_mwh == 0
    assert report.energy[Carrier.DISTRICT_HEATING].non_renewable_mwh == pytest.approx(20)
    assert report.total_energy.renewable_mwh == pytest.approx(5 + 9.6)
    assert report.total_energy.non_renewable_mwh == pytest.approx(10.056 + 10 + 20)
    assert report.total_energy.total_mwh == pytest.approx(54.656)
    assert report.unconverted == ()

    # GHG, kg CO2e (2023 account):
    #   scope 1: diesel 1 000 × 2.66 = 2 660; pellets 9 600 kWh × 0.006 = 57.6   -> 2 717.6
    #   scope 2 location: 10 000 × 0.015 = 150; 5 000 × 0.015 = 75;
    #                     district heating 20 000 × 0.0143 = 286                 -> 511
    #   scope 2 market:   10 000 × 0.402 = 4 020; 0 with GoO; 286                -> 4 306
    #   scope 3: 1 000 pkm × 0.22928 = 229.28
    assert report.totals.scope1_kg == pytest.approx(2717.6)
    assert report.totals.scope2_location_kg == pytest.approx(511)
    assert report.totals.scope2_market_kg == pytest.approx(4306)
    assert report.totals.scope3_kg == pytest.approx(229.28)
    assert report.scope3_reported
    # VSME total: scope 1 + location-based scope 2 = 2 717.6 + 511 = 3 228.6 kg
    assert report.ghg_total_kg == pytest.approx(3228.6)
    # per million NOK: 3 228.6 kg / 25 MNOK = 129.144 kg (0.129 t) CO2e per MNOK
    assert report.revenue_mnok == pytest.approx(25)
    assert report.intensity_kg_per_mnok == pytest.approx(129.144)


def test_fuels_without_energy_content_are_named_and_left_out_of_the_energy(factor_set):
    lines = computed(
        factor_set,
        ("hvo", 100, "l"),
        ("diesel_pump_blend", 50, "l"),
        ("hvo", 10, "l"),
        ("petrol", 100, "l"),
    )

    report = vsme_b3(lines, factor_set=factor_set, revenue_nok=None)

    # only petrol converts: 100 l × 9.024 kWh/l = 0.9024 MWh
    assert report.total_energy == Energy(non_renewable_mwh=pytest.approx(0.9024))
    assert report.unconverted == ("hvo", "diesel_pump_blend")
    # their emissions still count: 50 l × 2.261 + 100 l × 2.32 = 113.05 + 232 = 345.05 kg
    assert report.totals.scope1_kg == pytest.approx(345.05)


def test_biofuels_are_renewable_energy(factor_set):
    report = vsme_b3(
        computed(factor_set, ("wood_pellets", 2, "MWh"), ("bioethanol", 1000, "l")),
        factor_set=factor_set,
        revenue_nok=None,
    )
    # pellets 2 MWh, bioethanol 1 000 l × 5.5 kWh/l = 5.5 MWh: both biofuels, renewable
    assert report.energy[Carrier.FUELS] == Energy(renewable_mwh=pytest.approx(7.5))


@pytest.mark.parametrize("revenue_nok", [None, 0])
def test_there_is_no_intensity_without_a_revenue(factor_set, revenue_nok):
    report = vsme_b3(
        computed(factor_set, ("diesel", 1, "l")), factor_set=factor_set, revenue_nok=revenue_nok
    )
    assert report.intensity_kg_per_mnok is None
    assert not report.scope3_reported


def test_an_account_without_lines_reports_zeros(factor_set):
    report = vsme_b3([], factor_set=factor_set, revenue_nok=1_000_000)
    assert list(report.energy) == [Carrier.ELECTRICITY, Carrier.FUELS, Carrier.DISTRICT_HEATING]
    assert report.total_energy.total_mwh == 0
    assert report.ghg_total_kg == 0
    assert report.intensity_kg_per_mnok == 0
