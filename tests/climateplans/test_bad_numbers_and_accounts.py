"""Numbers too large for any field are refused at the field, and an account its factor set
cannot calculate does not break the pages built on the accounts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from klimanett.accounting.models import AccountLine
from klimanett.climateplans import actuals
from klimanett.climateplans.forms import PercentField
from klimanett.climateplans.models import Measure
from klimanett.climateplans.plan_forms import NumberField
from tests.builders import make_account

HUGE = "1" + "0" * 40


@pytest.mark.parametrize(
    "field",
    [PercentField(), NumberField(decimals=0), NumberField(decimals=3)],
    ids=["percent", "whole number", "three decimals"],
)
def test_a_number_too_large_for_any_field_is_refused_with_a_message(field):
    with pytest.raises(ValidationError) as refused:
        field.clean(HUGE)
    assert refused.value.code == "too_large"


def test_a_large_but_storable_number_is_read():
    assert NumberField(decimals=0).clean("12 345 678 901 234") == 12_345_678_901_234


def test_a_measure_with_a_huge_investment_is_refused_and_nothing_saved(
    client, alice, organisation_a
):
    client.force_login(alice)
    url = reverse("climateplans:measure_add", args=[organisation_a.pk])

    response = client.post(
        url,
        {
            "title": "Varmepumpe",
            "category": "heating",
            "expected_reduction_t": "5",
            "investment_nok": HUGE,
            "yearly_cost_nok": "0",
            "lifetime_years": "15",
            "start_year": "2027",
            "status": "planned",
        },
    )

    assert response.status_code == 200
    assert "investment_nok" in response.context["form"].errors
    assert not Measure.objects.exists()


def test_an_account_that_cannot_be_calculated_counts_as_missing(client, alice, organisation_a):
    good = make_account(organisation_a, 2023, [("diesel", 1000, "l")], status="submitted")
    broken = make_account(organisation_a, 2024, [("diesel", 900, "l")], status="submitted")
    AccountLine.objects.create(account=broken, activity="no_such_activity", quantity=1, unit="l")

    figures = actuals.figures_of(organisation_a.pk)

    assert list(figures) == [good.year]
    client.force_login(alice)
    for name in ("target_list", "target_guide", "scorecard"):
        url = reverse(f"climateplans:{name}", args=[organisation_a.pk])
        assert client.get(url).status_code == 200, name
