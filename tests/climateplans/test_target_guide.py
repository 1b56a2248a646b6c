"""The target guide: from a submitted climate account to a saved target and a draft action plan
in three steps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from klimanett.climateplans import guide
from klimanett.climateplans.models import Measure, Target
from klimanett.core.models import AuditEntry
from tests.builders import make_account


def _url(organisation):
    return reverse("climateplans:target_guide", args=[organisation.pk])


@pytest.mark.parametrize(
    ("base_year", "target_year", "expected"),
    [
        # SBTi: 4.2 % × 11 years = 46.2 %; county: 1 − 0.4 / (1 − 0.6 × 10/21) = 44 % → 50 %
        (2019, 2030, Decimal(50)),
        # SBTi: 4.2 % × 7 = 29.4 %; county: 1 − 0.4 / (1 − 0.6 × 14/21) = 1 − 0.4/0.6 = 33.3 %
        # → the county's pace is the faster, rounded up to 35 %
        (2023, 2030, Decimal(35)),
        # 4.2 % × 30 years = 126 %: at most 100 %
        (2009, 2039, Decimal(100)),
    ],
)
def test_the_proposed_cut_is_the_faster_of_1_5c_and_the_county_rounded_up_to_5(
    base_year, target_year, expected
):
    assert guide.proposed_reduction_percent(base_year=base_year, target_year=target_year) == (
        expected
    )


@pytest.mark.parametrize(("this_year", "expected"), [(2026, 2030), (2028, 2030), (2029, 2034)])
def test_the_proposed_target_year_is_2030_until_it_is_too_near(this_year, expected):
    assert guide.proposed_target_year(this_year) == expected


@pytest.fixture
def submitted_2023(organisation_a):
    """2023, submitted: 1 000 l diesel × 2.66 = 2 660 kg (scope 1); 10 000 kWh electricity ×
    0.015 = 150 kg (scope 2, location-based); 2 000 pkm domestic flights × 0.22928 = 458.56 kg
    (scope 3)."""
    return make_account(
        organisation_a,
        2023,
        [("diesel", 1000, "l"), ("electricity", 10_000, "kWh"), ("flight_domestic", 2000, "pkm")],
        status="submitted",
        employees=10,
    )


def test_step_1_shows_the_largest_sources_first(client, alice, organisation_a, submitted_2023):
    client.force_login(alice)

    response = client.get(_url(organisation_a))

    sources = response.context["proposal"].sources
    assert [round(s.tonnes, 5) for s in sources] == [2.66, 0.45856, 0.15]
    # 2 660 / 3 268.56 = 81.4 %
    assert sources[0].share_percent == pytest.approx(100 * 2660 / 3268.56)
    assert response.context["step"] == 1


def test_step_2_proposes_a_target_and_says_what_it_means(
    client, alice, organisation_a, submitted_2023
):
    client.force_login(alice)

    response = client.get(_url(organisation_a) + "?steg=2")

    form = response.context["form"]
    assert (form.initial["scopes"], form.initial["target_year"]) == ("1+2", 2030)
    assert form.initial["reduction_percent"] == Decimal(35)
    chosen = response.context["chosen"]
    # scopes 1 and 2 in 2023: 2 660 + 150 = 2 810 kg; 35 % of it is 983.5 kg
    assert chosen.base_tonnes == pytest.approx(2.81)
    assert chosen.needed_tonnes == pytest.approx(0.9835)
    # 35 % over 7 years = 5 % a year: faster than 4.2 %, and than the county's 33.3 %
    assert chosen.linear_rate_percent == pytest.approx(5)
    assert chosen.aligned_1_5c and chosen.keeps_county_pace


def test_the_guide_ends_with_a_saved_target_and_a_draft_action_plan(
    client, alice, organisation_a, submitted_2023
):
    client.force_login(alice)
    terms = {"scopes": "1+2", "target_year": "2030", "reduction_percent": "40"}

    step_3 = client.post(_url(organisation_a), terms)
    suggestions = step_3.context["proposal"].suggestions
    assert step_3.context["step"] == 3 and suggestions
    assert not Target.objects.exists()

    chosen = [suggestions[0].key]
    saved = client.post(_url(organisation_a), {**terms, "measures": chosen, "save": ""})

    target = Target.objects.get()
    assert saved["Location"] == reverse("climateplans:target_detail", args=[target.pk])
    assert (target.scopes, target.base_year, target.target_year) == ("1+2", 2023, 2030)
    assert target.reduction_percent == Decimal(40)
    assert target.base_value == pytest.approx(2810)  # kg CO2e, read from the account
    (measure,) = Measure.objects.all()
    assert measure.plan.organisation == organisation_a
    assert measure.template_key == suggestions[0].key
    assert measure.status == Measure.Status.PLANNED
    assert measure.expected_reduction_t == pytest.approx(
        Decimal(repr(suggestions[0].reduction_t)), abs=Decimal("0.001")
    )
    assert AuditEntry.objects.filter(action="target.created").count() == 1


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"scopes": "1+2", "target_year": "2030", "reduction_percent": "120"}, "reduction_percent"),
        ({"scopes": "1+2", "target_year": "2022", "reduction_percent": "40"}, "target_year"),
        ({"scopes": "1+2", "target_year": "2030", "reduction_percent": "mye"}, "reduction_percent"),
    ],
    ids=["over 100 %", "before the base year", "not a number"],
)
def test_bad_terms_are_told_at_their_field_and_nothing_is_saved(
    client, alice, organisation_a, submitted_2023, terms, field
):
    client.force_login(alice)

    response = client.post(_url(organisation_a), {**terms, "save": ""})

    assert response.context["step"] == 2
    assert response.context["form"].errors[field]
    assert not Target.objects.exists() and not Measure.objects.exists()


def test_without_a_submitted_account_the_guide_says_where_to_start(client, alice, organisation_a):
    make_account(organisation_a, 2023, [("diesel", 1000, "l")])  # a draft only
    client.force_login(alice)

    response = client.get(_url(organisation_a))

    assert response.context["proposal"] is None
    assert reverse("accounting:account_list", args=[organisation_a.pk]) in (
        response.content.decode()
    )


def test_another_organisations_contact_gets_404_and_saves_nothing(
    client, charlie, organisation_a, submitted_2023
):
    client.force_login(charlie)
    terms = {"scopes": "1+2", "target_year": "2030", "reduction_percent": "40", "save": ""}

    assert client.get(_url(organisation_a)).status_code == 404
    assert client.post(_url(organisation_a), terms).status_code == 404
    assert not Target.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, organisation_a):
    response = client.get(_url(organisation_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
