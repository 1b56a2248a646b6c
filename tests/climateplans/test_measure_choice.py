"""Which measure templates may be chosen together: the shares of the templates that act on the
same activity add up to at most 100 %; the best set cuts the most within that rule. Pure: no
database."""

from __future__ import annotations

import pytest

from klimanett.accounting.ghg.calculate import ActivityLine
from klimanett.accounting.ghg.factors import load_factor_set
from klimanett.climateplans.measure_templates import (
    AccountLines,
    Estimate,
    OverClaim,
    best_set,
    claimed_shares,
    clash,
    estimate_all,
    over_claims,
    ranked,
)

FACTORS = load_factor_set("NO-2025.1")


def estimate(key: str, activities: tuple[str, ...], share: float, tonnes: float) -> Estimate:
    return Estimate(
        template_key=key,
        share=share,
        activities=activities,
        reduction_t=tonnes,
        energy_kwh=None,
        steps=(),
    )


def keys(estimates: list[Estimate]) -> list[str]:
    return [e.template_key for e in estimates]


HEAT_PUMP = estimate("heat_pump", ("heating_oil",), 1.0, 26.26)
PELLETS = estimate("pellets", ("heating_oil",), 1.0, 26.00)
DISTRICT = estimate("district", ("heating_oil",), 1.0, 25.38)
VANS = estimate("vans", ("diesel",), 0.5, 7.86)
HVO = estimate("hvo", ("diesel",), 0.5, 7.98)
PAPER = estimate("paper", ("paper",), 0.5, 0.67)


# --- The rule ----------------------------------------------------------------------------------


def test_two_templates_that_each_replace_all_of_the_oil_clash():
    # 100 % + 100 % = 200 % of the heating oil
    assert clash(HEAT_PUMP, PELLETS)
    assert over_claims([HEAT_PUMP, PELLETS]) == [
        OverClaim(activity="heating_oil", template_keys=("heat_pump", "pellets"), share=2.0)
    ]


def test_half_the_diesel_each_fits_and_templates_on_other_activities_never_clash():
    # 50 % + 50 % = 100 % of the diesel: exactly all of it, allowed
    assert not clash(VANS, HVO)
    assert claimed_shares([VANS, HVO, PAPER]) == {"diesel": 1.0, "paper": 0.5}
    assert not clash(HEAT_PUMP, VANS)
    assert over_claims([VANS, HVO, PAPER, HEAT_PUMP]) == []


def test_shares_that_add_up_to_all_of_it_in_floats_still_fit():
    # 0.1 + 0.2 + 0.7 is 0.9999999999999999 or 1.0000000000000002 in floats: all of it
    parts = [estimate(f"part_{share}", ("diesel",), share, 1.0) for share in (0.1, 0.2, 0.7)]
    assert over_claims(parts) == []


def test_three_templates_may_clash_together_though_no_two_of_them_do():
    # 50 % + 50 % + 30 % = 130 % of the diesel
    third = estimate("third", ("diesel",), 0.3, 1.0)
    assert not clash(VANS, HVO) and not clash(VANS, third) and not clash(HVO, third)
    (claim,) = over_claims([VANS, HVO, third])
    assert claim.activity == "diesel" and claim.template_keys == ("vans", "hvo", "third")
    assert claim.share == pytest.approx(1.3)


def test_a_template_on_several_activities_claims_each_of_them():
    oil_and_gas = estimate("boiler_out", ("heating_oil", "natural_gas"), 1.0, 30.0)
    gas_only = estimate("gas_out", ("natural_gas",), 0.4, 5.0)

    assert claimed_shares([oil_and_gas, gas_only]) == {"heating_oil": 1.0, "natural_gas": 1.4}
    assert clash(oil_and_gas, gas_only)


# --- The best set ------------------------------------------------------------------------------


def test_the_best_set_keeps_one_heating_alternative_and_both_halves_of_the_diesel():
    chosen = best_set([PAPER, DISTRICT, VANS, PELLETS, HEAT_PUMP, HVO])

    # Heating: one of 26.26, 26.00, 25.38 t → the heat pump. Diesel: 7.98 + 7.86 t fit.
    assert keys(chosen) == ["heat_pump", "hvo", "vans", "paper"]  # the largest cut first
    assert sum(e.reduction_t for e in chosen) == pytest.approx(26.26 + 7.98 + 7.86 + 0.67)
    assert over_claims(chosen) == []


def test_the_best_set_takes_two_halves_over_one_larger_whole():
    # All of the diesel for 10 t, or half each for 6 t + 6 t = 12 t: the two halves cut more.
    whole = estimate("whole", ("diesel",), 1.0, 10.0)
    first_half = estimate("first_half", ("diesel",), 0.5, 6.0)
    second_half = estimate("second_half", ("diesel",), 0.5, 6.0)

    assert keys(best_set([whole, first_half, second_half])) == ["first_half", "second_half"]


def test_on_a_tie_the_best_set_keeps_the_larger_single_cut():
    # 10 t alone, or 6 t + 4 t = 10 t: the same, so the one measure with the larger cut.
    whole = estimate("whole", ("diesel",), 1.0, 10.0)
    six = estimate("six", ("diesel",), 0.5, 6.0)
    four = estimate("four", ("diesel",), 0.5, 4.0)

    assert keys(best_set([four, six, whole])) == ["whole"]


def test_the_best_set_leaves_out_what_cuts_nothing_or_does_not_apply():
    adds = estimate("adds", ("electricity",), 0.5, -0.2)
    nothing = estimate("nothing", (), 1.0, 0.0)

    assert keys(best_set([adds, nothing, PAPER])) == ["paper"]
    assert best_set([]) == []


def test_the_probe_account_gets_one_heating_alternative_from_the_library():
    """10 000 l heating oil and 200 000 kWh electricity in 2024: 26.6 + 2.38 = 28.98 t."""
    account = AccountLines(
        [
            ActivityLine(activity="heating_oil", quantity=10_000, unit="l"),
            ActivityLine(activity="electricity", quantity=200_000, unit="kWh"),
        ],
        factor_set=FACTORS,
        year=2024,
    )
    estimates = ranked(estimate_all(account))
    # heat pump 26.26 t, pellets 26.00 t, district heating 25.38 t, all on all of the oil;
    # energy management 10 % of 200 000 kWh × 0.0119 kg/kWh = 0.238 t
    assert keys(estimates) == [
        "oil_heating_to_heat_pump",
        "fossil_heating_to_pellets",
        "fossil_heating_to_district_heating",
        "energy_management_electricity",
    ]
    (claim,) = over_claims(estimates)
    assert (claim.activity, claim.share) == ("heating_oil", 3.0)

    chosen = best_set(estimates)

    assert keys(chosen) == ["oil_heating_to_heat_pump", "energy_management_electricity"]
    # 10 000 l × 2.66 = 26.6 t; the heat pump's electricity: 10 000 l × 10.056 kWh/l × 0.85 / 3
    # = 28 492 kWh × 0.0119 = 0.339 t; so 26.261 t, and 0.238 t
    heat_pump_t = (26_600 - 10_000 * 10.056 * 0.85 / 3 * 0.0119) / 1000
    assert sum(e.reduction_t for e in chosen) == pytest.approx(heat_pump_t + 0.238)
    assert heat_pump_t + 0.238 < 28.98  # no more than the account has
