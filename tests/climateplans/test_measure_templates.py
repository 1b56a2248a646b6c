"""The measure templates compute a measure's yearly effect from the organisation's own lines:
hand-worked numbers for each template, with the factors of NO-2025.1 for 2024 (diesel 2.66
kg/l and 10.056 kWh/l, electricity 0.0119 kg/kWh location-based, ...)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import klimanett.climateplans.measure_templates as measure_templates
from klimanett.accounting.ghg.calculate import ActivityLine
from klimanett.accounting.ghg.factors import load_factor_set
from klimanett.climateplans.measure_templates import (
    BY_KEY,
    TEMPLATES,
    AccountLines,
    ShareError,
    estimate_all,
    ranked,
)

FACTORS = load_factor_set("NO-2025.1")


def lines(*rows: tuple[str, float, str], year: int = 2024) -> AccountLines:
    return AccountLines(
        [ActivityLine(activity=a, quantity=q, unit=u) for a, q, u in rows],
        factor_set=FACTORS,
        year=year,
    )


def estimate(key: str, *rows: tuple[str, float, str], share: float | None = None):
    return BY_KEY[key].estimate(lines(*rows), share=share)


# --- Each template, worked by hand --------------------------------------------------------------


def test_diesel_vans_to_electric_vans_nets_the_electricity_that_replaces_the_diesel():
    result = estimate("diesel_vans_to_electric", ("diesel", 6000, "l"))

    # Half the diesel: 3 000 l × 2.66 kg/l = 7 980 kg.
    # Its energy: 3 000 l × 10.056 kWh/l = 30 168 kWh; an EV needs a third: 10 056 kWh.
    # That electricity: 10 056 kWh × 0.0119 kg/kWh = 119.6664 kg.
    assert result.share == 0.5
    assert result.reduction_t == pytest.approx((7980 - 10056 * 0.0119) / 1000)  # 7.8603336
    assert result.energy_kwh == pytest.approx(30168 - 10056)  # 20 112 kWh
    assert result.activities == ("diesel",)
    shown = [step.render() for step in result.steps]
    assert shown == [
        "50 % of 6 000 l diesel = 3 000 l",
        "Today: 3 000 l diesel × 2.66 kg/l = 7.98 t CO2e",
        "An electric vehicle uses about a third of the energy: 3 000 l × 10.056 kWh/l × 1/3"
        " = 10 056 kWh electricity",
        "Instead: 10 056 kWh electricity × 0.0119 kg/kWh = 0.12 t CO2e",
        "Cut: 7.98 t − 0.12 t = 7.86 t CO2e a year",
        "In all: 7.86 t CO2e and 20 112 kWh less a year",
    ]


def test_a_pump_blend_takes_the_energy_content_of_diesel():
    result = estimate("diesel_vans_to_electric", ("diesel_pump_blend", 1000, "l"), share=1.0)

    # 1 000 l × 2.261 kg/l = 2 261 kg; 1 000 l × 10.056 kWh/l / 3 = 3 352 kWh × 0.0119.
    assert result.reduction_t == pytest.approx((2261 - 3352 * 0.0119) / 1000)
    assert result.energy_kwh == pytest.approx(10056 - 3352)


def test_electric_cars_instead_of_petrol_cars():
    result = estimate("petrol_cars_to_electric", ("petrol", 1000, "l"))

    # 500 l × 2.32 kg/l = 1 160 kg; 500 l × 9.024 kWh/l = 4 512 kWh, a third: 1 504 kWh.
    assert result.reduction_t == pytest.approx((1160 - 1504 * 0.0119) / 1000)  # 1.1421024
    assert result.energy_kwh == pytest.approx(4512 - 1504)


def test_hvo_in_machinery_removes_the_diesel_litres_it_replaces():
    result = estimate("hvo_in_machinery", ("diesel", 6000, "l"))

    # 3 000 l × (2.66 − 0) kg/l: HVO counts 0 in the scopes.
    assert result.reduction_t == pytest.approx(7.98)
    assert result.energy_kwh is None
    assert "Instead: 3 000 l hvo × 0 kg/l = 0.00 t CO2e" in [s.render() for s in result.steps]


def test_electric_cars_for_business_trips_counts_each_kind_of_car():
    result = estimate(
        "business_car_trips_electric", ("car_petrol", 10_000, "km"), ("car_diesel", 2000, "km")
    )

    # 5 000 km × (0.16272 − 0.04047) = 611.25 kg; 1 000 km × (0.17304 − 0.04047) = 132.57 kg.
    assert result.reduction_t == pytest.approx((611.25 + 132.57) / 1000)
    assert result.activities == ("car_petrol", "car_diesel")
    assert result.steps[-1].render() == "In all: 0.74 t CO2e less a year"


def test_fewer_domestic_flights():
    result = estimate("video_meetings_for_domestic_flights", ("flight_domestic", 20_000, "pkm"))

    # 30 % of 20 000 pkm = 6 000 pkm × 0.22928 kg/pkm = 1 375.68 kg.
    assert result.reduction_t == pytest.approx(1.37568)
    assert result.energy_kwh is None


def test_oil_heating_to_a_heat_pump():
    result = estimate("oil_heating_to_heat_pump", ("heating_oil", 2000, "l"))

    # 2 000 l × 2.66 = 5 320 kg. Heat: 2 000 l × 10.056 kWh/l × 0.85 = 17 095.2 kWh;
    # a heat pump with COP 3 needs 5 698.4 kWh × 0.0119 = 67.81096 kg.
    assert result.reduction_t == pytest.approx((5320 - 5698.4 * 0.0119) / 1000)  # 5.25218904
    assert result.energy_kwh == pytest.approx(20112 - 5698.4)  # 14 413.6 kWh
    shown = [s.render() for s in result.steps]
    assert "Heat from it: 2 000 l × 10.056 kWh/l × 85 % boiler efficiency = 17 095 kWh" in shown
    assert "A heat pump with seasonal COP 3: 17 095 kWh / 3 = 5 698 kWh electricity" in shown


def test_gas_and_lpg_heating_to_a_heat_pump_use_their_own_energy_content():
    result = estimate("oil_heating_to_heat_pump", ("natural_gas", 1000, "Sm3"), ("lpg", 100, "kg"))

    # Gas: 1 000 Sm3 × 1.99 = 1 990 kg; 9 920 kWh × 0.85 / 3 = 2 810.667 kWh electricity.
    # LPG: 100 kg × 3.0 = 300 kg; 1 281.5 kWh × 0.85 / 3 = 363.0917 kWh electricity.
    electricity_kwh = 9920 * 0.85 / 3 + 1281.5 * 0.85 / 3
    assert result.reduction_t == pytest.approx((1990 + 300 - electricity_kwh * 0.0119) / 1000)
    assert result.energy_kwh == pytest.approx(9920 + 1281.5 - electricity_kwh)


def test_oil_heating_to_district_heating():
    result = estimate("fossil_heating_to_district_heating", ("heating_oil", 2000, "l"))

    # The same 17 095.2 kWh of heat bought as district heating × 0.0143 = 244.46136 kg.
    assert result.reduction_t == pytest.approx((5320 - 17095.2 * 0.0143) / 1000)
    assert result.energy_kwh == pytest.approx(20112 - 17095.2)  # the boiler's losses


def test_oil_heating_to_pellets_saves_no_energy():
    result = estimate("fossil_heating_to_pellets", ("heating_oil", 2000, "l"))

    # 17 095.2 kWh of heat / 0.85 = 20 112 kWh of pellets × 0.006 = 120.672 kg.
    assert result.reduction_t == pytest.approx((5320 - 20112 * 0.006) / 1000)
    assert result.energy_kwh is None


def test_energy_management_counts_electricity_with_guarantees_location_based():
    result = estimate(
        "energy_management_electricity",
        ("electricity", 100_000, "kWh"),
        ("electricity_with_guarantees", 50, "MWh"),
    )

    # 10 % of 150 000 kWh = 15 000 kWh × 0.0119 kg/kWh (location-based for both).
    assert result.reduction_t == pytest.approx(15_000 * 0.0119 / 1000)  # 0.1785
    assert result.energy_kwh == pytest.approx(15_000)


def test_no_waste_to_landfill():
    result = estimate("no_waste_to_landfill", ("waste_landfill", 2, "t"))

    # 2 t × (520.5327 − 4.68568) kg/t = 1 031.69404 kg.
    assert result.reduction_t == pytest.approx(1.03169404)


def test_less_residual_waste():
    result = estimate("less_residual_waste", ("waste_residual_incineration", 10, "t"))

    # 20 % of 10 t = 2 t × 4.68568 kg/t = 9.37136 kg.
    assert result.reduction_t == pytest.approx(0.00937136)


def test_less_paper():
    result = estimate("less_paper", ("paper", 0.5, "t"))

    # 50 % of 0.5 t = 0.25 t × 1 345.0779 kg/t = 336.269475 kg.
    assert result.reduction_t == pytest.approx(0.336269475)
    assert result.steps[0].render() == "50 % of 0.50 t paper = 0.25 t"


# --- How the library behaves -------------------------------------------------------------------


def test_a_template_without_matching_lines_is_not_applicable():
    result = estimate("diesel_vans_to_electric", ("electricity", 100_000, "kWh"))

    assert not result.applicable
    assert result.reduction_t == 0
    assert result.steps == ()


def test_lines_in_other_units_are_summed_in_the_factors_unit():
    # 10 056 kWh of diesel is 1 000 l at 10.056 kWh/l.
    result = estimate("hvo_in_machinery", ("diesel", 1000, "l"), ("diesel", 10_056, "kWh"))

    assert result.reduction_t == pytest.approx(0.5 * 2000 * 2.66 / 1000)


def test_the_share_can_be_changed_within_0_and_100_percent():
    assert estimate("hvo_in_machinery", ("diesel", 1000, "l"), share=1.0).reduction_t == (
        pytest.approx(2.66)
    )
    for share in (0.0, -0.1, 1.01):
        with pytest.raises(ShareError):
            estimate("hvo_in_machinery", ("diesel", 1000, "l"), share=share)


def test_ranked_gives_the_largest_cut_first_and_leaves_out_what_does_not_apply():
    account = lines(("diesel", 6000, "l"), ("electricity", 100_000, "kWh"), ("paper", 1, "t"))

    keys = [e.template_key for e in ranked(estimate_all(account))]

    # HVO 7.98 t, EV vans 7.86 t, paper 0.67 t, electricity 0.119 t.
    assert keys == [
        "hvo_in_machinery",
        "diesel_vans_to_electric",
        "less_paper",
        "energy_management_electricity",
    ]


def test_the_library_has_unique_keys_categories_of_the_model_and_defaults_within_range():
    from klimanett.climateplans.models import Measure

    assert 8 <= len(TEMPLATES) <= 12
    assert len(BY_KEY) == len(TEMPLATES)
    for template in TEMPLATES:
        assert template.category in Measure.Category.values
        assert 0 < template.default_share <= 1
        assert set(template.activity_keys) <= set(FACTORS.activities())
        assert len(template.key) <= Measure._meta.get_field("template_key").max_length


def test_no_template_counts_guarantees_of_origin_as_a_cut():
    """Guarantees of origin move market-based emissions only: not in the library."""
    assert not [t for t in TEMPLATES if "guarantee" in t.key or "origin" in t.key]


# --- Purity ------------------------------------------------------------------------------------

PURE_MODULES = [
    *sorted(Path(measure_templates.__file__).parent.glob("*.py")),
    Path(measure_templates.__file__).parent.parent / "follow_up.py",
    Path(measure_templates.__file__).parent.parent / "plan_quality.py",
]
ALLOWED_PREFIXES = ("klimanett.accounting.ghg", "klimanett.climateplans.measure_templates")


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")


def test_templates_and_follow_up_arithmetic_import_only_the_standard_library_and_ghg():
    offending = [
        f"{path.name}: {name}"
        for path in PURE_MODULES
        for name in _imports(path)
        if name.partition(".")[0] not in sys.stdlib_module_names
        and not name.startswith(ALLOWED_PREFIXES)
    ]
    assert offending == []


def test_templates_and_follow_up_arithmetic_import_without_django():
    names = [
        "klimanett.climateplans.measure_templates",
        "klimanett.climateplans.follow_up",
        "klimanett.climateplans.plan_quality",
    ]
    code = (
        "import sys\n"
        "sys.modules['django'] = None\n"
        f"for name in {names!r}:\n"
        "    __import__(name)\n"
        "assert not [name for name in sys.modules if name.startswith('django.')]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
