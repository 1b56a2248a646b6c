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


# --- Step 3: alternatives, scopes and what is left to cut ----------------------------------------

HEATING_ALTERNATIVES = {
    "oil_heating_to_heat_pump",
    "fossil_heating_to_pellets",
    "fossil_heating_to_district_heating",
}


@pytest.fixture
def heated_with_oil(organisation_a):
    """The review's probe. 2022 (the base year): 12 000 l heating oil × 2.66 = 31.92 t and
    200 000 kWh electricity × 0.019 = 3.8 t: 35.72 t. 2024 (the latest): 10 000 l × 2.66 =
    26.6 t and 200 000 kWh × 0.0119 = 2.38 t: 28.98 t."""
    make_account(
        organisation_a,
        2022,
        [("heating_oil", 12_000, "l"), ("electricity", 200_000, "kWh")],
        status="submitted",
    )
    return make_account(
        organisation_a,
        2024,
        [("heating_oil", 10_000, "l"), ("electricity", 200_000, "kWh")],
        status="submitted",
    )


def _ticked(response) -> list[str]:
    return list(response.context["measures_form"]["measures"].value())


def test_only_one_heating_alternative_is_ticked_and_the_sum_is_of_the_ticked_ones(
    client, alice, organisation_a, heated_with_oil
):
    client.force_login(alice)
    terms = {"scopes": "1+2", "target_year": "2030", "reduction_percent": "40"}

    step_3 = client.post(_url(organisation_a), terms)

    offered = {s.key: s for s in step_3.context["offered"]}
    assert set(offered) >= HEATING_ALTERNATIVES  # all three offered, to choose among
    ticked = _ticked(step_3)
    # Each replaces all 10 000 l of the oil: only the largest cut, the heat pump (26.26 t), is
    # ticked; energy management (10 % of the electricity) acts on something else.
    assert ticked == ["oil_heating_to_heat_pump", "energy_management_electricity"]
    # 26.6 t − 10 000 l × 10.056 kWh/l × 0.85 / 3 × 0.0119 kg/kWh = 26.2609 t; + 0.238 t
    against = step_3.context["against"]
    assert against.measures_tonnes == pytest.approx(
        (26_600 - 10_000 * 10.056 * 0.85 / 3 * 0.0119) / 1000 + 0.238
    )
    assert against.measures_tonnes == pytest.approx(sum(offered[k].reduction_t for k in ticked))
    assert against.measures_tonnes < 28.98  # never more than the account has
    shown = step_3.content.decode()
    assert "26,50" in shown and "79,18" not in shown  # not 26.26 + 26.00 + 25.38 + 0.24 + …


def test_what_is_left_to_cut_runs_from_the_latest_account_to_the_target_value(
    client, alice, organisation_a, heated_with_oil
):
    client.force_login(alice)
    terms = {"scopes": "1+2", "target_year": "2030", "reduction_percent": "40"}

    chosen = client.post(_url(organisation_a), terms).context["chosen"]

    # The target: 35.72 t in 2022 less 40 % = 21.432 t in 2030. Left: 28.98 − 21.432 = 7.548 t
    # (not the 14.288 t cut from the base year).
    assert (chosen.latest_year, chosen.target_year) == (2024, 2030)
    assert chosen.latest_tonnes == pytest.approx(28.98)
    assert chosen.target_tonnes == pytest.approx(21.432)
    assert chosen.left_tonnes == pytest.approx(7.548)
    assert chosen.needed_tonnes == pytest.approx(14.288)


def test_saving_the_ticked_measures_saves_the_sum_that_was_shown(
    client, alice, organisation_a, heated_with_oil
):
    client.force_login(alice)
    terms = {"scopes": "1+2", "target_year": "2030", "reduction_percent": "40"}
    step_3 = client.post(_url(organisation_a), terms)

    client.post(_url(organisation_a), {**terms, "measures": _ticked(step_3), "save": ""})

    saved = Measure.objects.all()
    assert {m.template_key for m in saved} == set(_ticked(step_3))
    assert float(sum(m.expected_reduction_t for m in saved)) == pytest.approx(
        step_3.context["against"].measures_tonnes, abs=0.002
    )


def test_saving_two_heating_alternatives_is_refused_on_step_3_and_nothing_is_saved(
    client, alice, organisation_a, heated_with_oil
):
    client.force_login(alice)
    terms = {"scopes": "1+2", "target_year": "2030", "reduction_percent": "40"}
    chosen = ["oil_heating_to_heat_pump", "fossil_heating_to_district_heating"]

    response = client.post(_url(organisation_a), {**terms, "measures": chosen, "save": ""})

    assert response.status_code == 200 and response.context["step"] == 3
    (message,) = response.context["measures_form"].errors["measures"]
    assert "200 %" in message and "fyringsolje" in message
    shown = response.content.decode()
    assert message in shown
    assert 'id="measures-sum"' not in shown  # no sum of measures that cannot go together
    assert _ticked(response) == chosen  # kept as the user ticked them, to change
    assert not Target.objects.exists() and not Measure.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_service_refuses_alternatives_with_a_message_on_the_measures(
    alice, organisation_a, heated_with_oil
):
    from django.core.exceptions import ValidationError

    from klimanett.climateplans import services
    from klimanett.climateplans.suggestions import suggest_measures

    suggestions = [s for s in suggest_measures(organisation_a) if s.key in HEATING_ALTERNATIVES]
    assert len(suggestions) == 3

    with pytest.raises(ValidationError) as refused:
        services.complete_target_guide(
            organisation=organisation_a,
            title="Kutt",
            scopes="1+2",
            base_year=2022,
            target_year=2030,
            reduction_percent=Decimal(40),
            suggestions=suggestions,
            start_year=2027,
            by=alice,
        )

    (message,) = refused.value.message_dict["measures"]
    assert "300 %" in message
    assert not Target.objects.exists() and not Measure.objects.exists()


@pytest.fixture
def with_travel_and_paper(organisation_a):
    """2024: 1 000 l heating oil × 2.66 = 2.66 t (scope 1); 100 000 kWh electricity × 0.0119
    = 1.19 t (scope 2); 50 000 pkm domestic flights × 0.22928 = 11.464 t and 10 t paper ×
    1 345.0779 = 13.45 t (scope 3)."""
    return make_account(
        organisation_a,
        2024,
        [
            ("heating_oil", 1000, "l"),
            ("electricity", 100_000, "kWh"),
            ("flight_domestic", 50_000, "pkm"),
            ("paper", 10, "t"),
        ],
        status="submitted",
    )


def test_a_scope_1_target_offers_only_measures_on_scope_1(
    client, alice, organisation_a, with_travel_and_paper
):
    client.force_login(alice)
    terms = {"scopes": "1", "target_year": "2030", "reduction_percent": "50"}

    step_3 = client.post(_url(organisation_a), terms)

    every = {s.key for s in step_3.context["proposal"].suggestions}
    assert {"video_meetings_for_domestic_flights", "less_paper"} <= every
    offered = {s.key for s in step_3.context["offered"]}
    # Flights and paper are scope 3, energy management scope 2: not offered for scope 1.
    assert offered == HEATING_ALTERNATIVES
    assert _ticked(step_3) == ["oil_heating_to_heat_pump"]
    chosen = step_3.context["chosen"]
    # 2.66 t less 50 % is 1.33 t: 1.33 t left, which the heat pump's 2.626 t covers.
    assert chosen.left_tonnes == pytest.approx(1.33)
    against = step_3.context["against"]
    assert against.measures_tonnes == pytest.approx(
        (2660 - 1000 * 10.056 * 0.85 / 3 * 0.0119) / 1000
    )
    assert against.enough
    shown = step_3.content.decode()
    assert 'value="less_paper"' not in shown
    assert 'value="video_meetings_for_domestic_flights"' not in shown


def test_a_scope_1_target_refuses_a_scope_3_measure(
    client, alice, organisation_a, with_travel_and_paper
):
    client.force_login(alice)
    terms = {"scopes": "1", "target_year": "2030", "reduction_percent": "50", "save": ""}

    response = client.post(_url(organisation_a), {**terms, "measures": ["less_paper"]})

    assert response.context["measures_form"].errors["measures"]
    assert not Target.objects.exists() and not Measure.objects.exists()


def test_scopes_1_2_and_3_offer_the_travel_and_paper_measures_too(
    client, alice, organisation_a, with_travel_and_paper
):
    client.force_login(alice)
    terms = {"scopes": "1+2+3", "target_year": "2030", "reduction_percent": "50"}

    step_3 = client.post(_url(organisation_a), terms)

    offered = {s.key for s in step_3.context["offered"]}
    assert offered == HEATING_ALTERNATIVES | {
        "energy_management_electricity",
        "video_meetings_for_domestic_flights",
        "less_paper",
    }


def test_electric_vans_count_for_a_scope_1_target_though_they_add_scope_2_electricity(
    client, alice, organisation_a, submitted_2023
):
    client.force_login(alice)
    terms = {"scopes": "1", "target_year": "2030", "reduction_percent": "40"}

    step_3 = client.post(_url(organisation_a), terms)

    # Both act on the diesel (scope 1), half of it each: both offered and both ticked.
    assert {s.key for s in step_3.context["offered"]} == {
        "hvo_in_machinery",
        "diesel_vans_to_electric",
    }
    assert _ticked(step_3) == ["hvo_in_machinery", "diesel_vans_to_electric"]
