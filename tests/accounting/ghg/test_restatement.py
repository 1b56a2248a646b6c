"""A change of the total split into activity, factor and boundary effects; the 5 % rule."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.accounting.ghg.calculate import ActivityLine, Calculator
from klimanett.accounting.ghg.factors import load_factor_set, read_with_shipped_energy_data
from klimanett.accounting.ghg.restatement import (
    Position,
    compare_sets,
    decompose,
    needs_recalculation,
    positions,
)
from tests.accounting.newer_sets import scaled_factors_csv

NO_2025 = load_factor_set("NO-2025.1")


def _lines(*rows):
    return [ActivityLine(activity=a, quantity=q, unit=u) for a, q, u in rows]


def test_a_years_change_splits_into_activity_factor_and_boundary_effects():
    # NO-2025.1; 2023: diesel 2.66 kg/l; electricity 0.015 kg/kWh location-based (2023),
    # 0.402 market-based (2020, the latest year up to 2023); petrol 2.32 kg/l.
    # 2024: electricity 0.0119 location-based (2024), market-based still 0.402; taxi 0.14861/pkm.
    old = positions(
        _lines(("diesel", 600, "l"), ("diesel", 400, "l"), ("electricity", 10_000, "kWh"))
        + _lines(("petrol", 100, "l")),
        Calculator(NO_2025, year=2023),
    )
    new = positions(
        _lines(("diesel", 800, "l"), ("electricity", 12_000, "kWh"), ("taxi", 500, "pkm")),
        Calculator(NO_2025, year=2024),
    )

    split = decompose(old, new)

    location = split.location
    # old: 1 000 × 2.66 + 10 000 × 0.015 + 100 × 2.32 = 2 660 + 150 + 232 = 3 042
    # new: 800 × 2.66 + 12 000 × 0.0119 + 500 × 0.14861 = 2 128 + 142.8 + 74.305 = 2 345.105
    assert location.old_kg == pytest.approx(3042)
    assert location.new_kg == pytest.approx(2345.105)
    # activity: (800 − 1 000) × 2.66 + (12 000 − 10 000) × 0.015 = −532 + 30 = −502
    assert location.activity_kg == pytest.approx(-502)
    # factor: (0.0119 − 0.015) × 12 000 = −37.2 (the grid factor of the year; diesel unchanged)
    assert location.factor_kg == pytest.approx(-37.2)
    # boundary: taxi added +74.305, petrol removed −232
    assert location.boundary_kg == pytest.approx(-157.695)
    # −502 − 37.2 − 157.695 = −696.895 = 2 345.105 − 3 042
    assert location.change.absolute_kg == pytest.approx(-696.895)
    assert location.change.percent == pytest.approx(-696.895 / 3042 * 100)

    market = split.market
    # old: 2 660 + 10 000 × 0.402 + 232 = 6 912; new: 2 128 + 12 000 × 0.402 + 74.305 = 7 026.305
    assert market.old_kg == pytest.approx(6912)
    assert market.new_kg == pytest.approx(7026.305)
    # activity: −532 + 2 000 × 0.402 = 272; factor: 0 (0.402 both years); boundary −157.695
    assert market.activity_kg == pytest.approx(272)
    assert market.factor_kg == 0
    assert market.boundary_kg == pytest.approx(-157.695)

    by_key = {change.key: change for change in split.positions}
    assert list(by_key) == [
        ("diesel", "l"),
        ("electricity", "kWh"),
        ("petrol", "l"),
        ("taxi", "pkm"),
    ]
    assert by_key[("diesel", "l")].old.quantity == 1000  # the two lines summed
    assert by_key[("petrol", "l")].new is None
    assert by_key[("taxi", "pkm")].old is None


def test_the_same_year_with_a_newer_set_changes_by_the_factor_effect_only():
    newer = read_with_shipped_energy_data(
        version="NO-2026.1", factors_csv=scaled_factors_csv({"diesel": 1.1})
    )
    lines = _lines(("diesel", 1000, "l"), ("electricity", 10_000, "kWh"))

    split = compare_sets(
        lines, old=Calculator(NO_2025, year=2023), new=Calculator(newer, year=2023)
    )

    # old: 1 000 × 2.66 + 10 000 × 0.015 = 2 810; new: 1 000 × 2.926 + 150 = 3 076
    assert split.location.old_kg == pytest.approx(2810)
    assert split.location.new_kg == pytest.approx(3076)
    # factor effect (2.926 − 2.66) × 1 000 = 266; the quantities are the same
    assert split.location.factor_kg == pytest.approx(266)
    assert split.location.activity_kg == 0
    assert split.location.boundary_kg == 0
    # market-based: 2 660 + 10 000 × 0.402 = 6 680 → 6 946, the same 266
    assert split.market.old_kg == pytest.approx(6680)
    assert split.market.factor_kg == pytest.approx(266)


def test_an_activity_the_newer_set_cannot_calculate_raises():
    with pytest.raises(LookupError):
        compare_sets(
            _lines(("unobtainium", 1, "kg")),
            old=Calculator(NO_2025, year=2023),
            new=Calculator(NO_2025, year=2023),
        )


@pytest.mark.parametrize(
    ("current_kg", "flagged"),
    [
        # recorded 2 660 kg; 4.9 % more is 2 790.34, 5.1 % more 2 795.66
        (2790.34, False),
        (2795.66, True),
        (2529.66, False),  # −4.9 %
        (2524.34, True),  # −5.1 %
        (2660.0, False),
    ],
)
def test_the_base_year_needs_recalculation_when_it_moves_more_than_five_percent(
    current_kg, flagged
):
    assert needs_recalculation(recorded_kg=2660.0, current_kg=current_kg) is flagged


def test_a_base_year_recorded_at_zero_needs_recalculation_once_it_has_emissions():
    assert needs_recalculation(recorded_kg=0.0, current_kg=0.0) is False
    assert needs_recalculation(recorded_kg=0.0, current_kg=1.0) is True


# --- Properties ----------------------------------------------------------------------------

KEYS = [(a, u) for a in ("diesel", "electricity", "taxi", "paper") for u in ("l", "kWh")]
quantities = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
factors = st.floats(min_value=0, max_value=2000, allow_nan=False, allow_infinity=False)


keys = st.lists(st.sampled_from(KEYS), unique=True)


@st.composite
def sides(draw):
    return {
        key: Position(
            activity=key[0],
            unit=key[1],
            scope=2,
            quantity=draw(quantities),
            kg_per_unit_location=draw(factors),
            kg_per_unit_market=draw(factors),
        )
        for key in draw(keys)
    }


def _assert_effects_add_up(effects):
    parts = effects.activity_kg + effects.factor_kg + effects.boundary_kg
    scale = max(effects.old_kg, effects.new_kg, 1.0)
    assert parts == pytest.approx(effects.new_kg - effects.old_kg, rel=1e-9, abs=1e-9 * scale)


@given(old=sides(), new=sides())
def test_the_three_effects_add_up_to_the_change_of_the_total(old, new):
    split = decompose(old, new)
    for effects in (split.location, split.market):
        _assert_effects_add_up(effects)
    assert split.location.old_kg == pytest.approx(sum(p.kg_location for p in old.values()))
    assert split.market.new_kg == pytest.approx(sum(p.kg_market for p in new.values()))


@given(old=sides(), new=sides())
def test_the_same_factors_give_no_factor_effect(old, new):
    same_factors = {
        key: replace(
            position,
            kg_per_unit_location=old[key].kg_per_unit_location,
            kg_per_unit_market=old[key].kg_per_unit_market,
        )
        if key in old
        else position
        for key, position in new.items()
    }
    split = decompose(old, same_factors)
    assert split.location.factor_kg == 0
    assert split.market.factor_kg == 0
    _assert_effects_add_up(split.location)


@given(old=sides(), location=factors, market=factors)
def test_the_same_quantities_give_no_activity_effect(old, location, market):
    restated = {
        key: replace(position, kg_per_unit_location=location, kg_per_unit_market=market)
        for key, position in old.items()
    }
    split = decompose(old, restated)
    assert split.location.activity_kg == 0
    assert split.market.activity_kg == 0
    assert split.location.boundary_kg == 0
    _assert_effects_add_up(split.market)


@given(old=sides())
def test_a_side_compared_with_itself_has_no_change(old):
    split = decompose(old, old)
    for effects in (split.location, split.market):
        assert (effects.activity_kg, effects.factor_kg, effects.boundary_kg) == (0, 0, 0)


def test_the_same_activity_in_another_unit_of_its_dimension_is_a_quantity_change():
    # 2023: 100 000 kWh at 0.015 kg/kWh = 1 500 kg; 2024: 90 MWh = 90 000 kWh at 0.0119 = 1 071 kg
    old = positions(_lines(("electricity", 100_000, "kWh")), Calculator(NO_2025, year=2023))
    new = positions(_lines(("electricity", 90, "MWh")), Calculator(NO_2025, year=2024))

    location = decompose(old, new).location

    # activity: (90 000 − 100 000) × 0.015 = −150; factor: (0.0119 − 0.015) × 90 000 = −279
    assert location.activity_kg == pytest.approx(-150)
    assert location.factor_kg == pytest.approx(-279)
    assert location.boundary_kg == 0
    assert location.new_kg - location.old_kg == pytest.approx(-429)


def test_a_fuel_entered_in_another_dimension_counts_as_removed_and_added():
    # 1 000 l diesel one year, 10 056 kWh of diesel (its energy content) the next
    old = positions(_lines(("diesel", 1000, "l")), Calculator(NO_2025, year=2023))
    new = positions(_lines(("diesel", 10_056, "kWh")), Calculator(NO_2025, year=2023))

    location = decompose(old, new).location

    assert (location.activity_kg, location.factor_kg) == (0, 0)
    assert location.boundary_kg == pytest.approx(location.new_kg - location.old_kg)
