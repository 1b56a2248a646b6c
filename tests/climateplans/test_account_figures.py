"""``actuals.account_figures`` and ``account_totals`` (the report's fast path, issue 8) give
the same figures as ``figures_by_organisation`` to the last bit: totals of every scope,
energy use and renewable energy (electricity with guarantees of origin, biofuels), and the
same refusal of an account the set cannot calculate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from klimanett.accounting import line_totals
from klimanett.accounting.ghg.factors import UnknownActivity
from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans import actuals
from tests.builders import make_account, make_organisation

LINES = [
    ("diesel", 1234.5, "l"),
    ("electricity", 45678, "kWh"),
    ("electricity_with_guarantees", 1000, "kWh"),
    ("electricity", 12.345, "MWh"),
    ("hvo", 300, "l"),
    ("wood_pellets", 5000, "kWh"),
    ("district_heating", 7000, "kWh"),
    ("heating_oil", 150, "l"),
    ("lpg", 80, "kg"),
    ("waste_residual_incineration", 0.25, "t"),
    ("flight_domestic", 2500, "pkm"),
    ("car_electric", 1200, "km"),
    ("diesel", 0, "l"),
]


@pytest.mark.django_db
def test_the_fast_figures_are_the_engines_to_the_last_bit():
    organisation = make_organisation()
    account = make_account(
        organisation,
        2024,
        LINES,
        status=ClimateAccount.Status.APPROVED,
        employees=12,
        revenue_nok=Decimal(18_000_000),
        heated_area_m2=Decimal("640.5"),
    )
    engine = actuals.figures_of(organisation.pk)[2024]
    rows = [(line.activity, line.quantity, line.unit) for line in account.lines.all()]

    fast = actuals.account_figures(account, rows)
    as_floats = actuals.account_figures(account, [(a, float(q), u) for a, q, u in rows])

    for figures in (fast, as_floats):
        assert figures.totals == engine.totals
        assert figures.energy_kwh == engine.energy_kwh
        assert figures.renewable_kwh == engine.renewable_kwh
        assert 0 < figures.renewable_kwh < figures.energy_kwh
        assert (figures.employees, figures.revenue_nok, figures.heated_area_m2) == (
            engine.employees,
            engine.revenue_nok,
            engine.heated_area_m2,
        )
        assert figures.lines == ()
    assert line_totals.account_totals(account.factor_set, 2024, rows) == engine.totals


def test_an_activity_the_set_does_not_know_is_refused_as_by_the_engine():
    account = ClimateAccount(year=2024)
    with pytest.raises(UnknownActivity):
        actuals.account_figures(account, [("diesel", 1, "l"), ("unobtainium", 1, "kg")])
    with pytest.raises(LookupError):
        line_totals.account_totals(account.factor_set, 2024, [("unobtainium", 1, "kg")])


def test_a_negative_quantity_is_refused_as_by_the_engine():
    with pytest.raises(ValueError):
        line_totals.account_totals(ClimateAccount().factor_set, 2024, [("diesel", -1, "l")])
