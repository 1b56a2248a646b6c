"""The pure rules of the action plan: abatement cost, status report deadlines and overdue
reports, the realised effect of a done measure, and the plan-quality check. No database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from klimanett.climateplans import follow_up, plan_quality
from klimanett.climateplans.models import ActionPlan, Measure
from klimanett.climateplans.plan_overview import abatement_cost

# --- Abatement cost ----------------------------------------------------------------------------


def _measure(**fields) -> Measure:
    values = {
        "investment_nok": Decimal(0),
        "lifetime_years": 10,
        "yearly_cost_nok": Decimal(0),
        "expected_reduction_t": Decimal(1),
    }
    values.update(fields)
    return Measure(**values)


def test_abatement_cost_spreads_the_investment_over_the_lifetime():
    measure = _measure(
        investment_nok=Decimal(600_000), yearly_cost_nok=Decimal(-20_000), expected_reduction_t=8
    )
    # (600 000 / 10 − 20 000) / 8 t = 40 000 / 8 = 5 000 NOK/t.
    assert abatement_cost(measure) == pytest.approx(5000)


def test_abatement_cost_is_negative_when_the_measure_saves_money():
    measure = _measure(
        investment_nok=Decimal(100_000), yearly_cost_nok=Decimal(-30_000), expected_reduction_t=4
    )
    # (100 000 / 10 − 30 000) / 4 t = −20 000 / 4 = −5 000 NOK/t.
    assert abatement_cost(measure) == pytest.approx(-5000)


def test_abatement_cost_is_unknown_without_a_reduction():
    assert abatement_cost(_measure(investment_nok=Decimal(1000), expected_reduction_t=0)) is None


def test_abatement_cost_is_unknown_when_no_costs_are_given():
    # investment 0 and yearly cost 0, as the guide makes a measure: not known, not 0 NOK/t
    assert abatement_cost(_measure(expected_reduction_t=5)) is None
    # a saving alone is a cost given: (0 / 10 − 1 000) / 5 t = −200 NOK/t
    assert abatement_cost(
        _measure(yearly_cost_nok=Decimal(-1000), expected_reduction_t=5)
    ) == pytest.approx(-200)


# --- Deadlines ---------------------------------------------------------------------------------

THREE = follow_up.THREE_TIMES
YEARLY = follow_up.YEARLY


def test_the_cadences_are_those_of_the_model():
    assert set(follow_up.DEADLINES) == set(ActionPlan.Cadence.values)
    assert follow_up.FOLLOWED_UP_STATUSES.issubset(Measure.Status.values)


def test_deadlines_are_30_april_31_august_and_31_december_or_31_december_alone():
    assert follow_up.deadlines_of_year(THREE, 2026) == [
        date(2026, 4, 30),
        date(2026, 8, 31),
        date(2026, 12, 31),
    ]
    assert follow_up.deadlines_of_year(YEARLY, 2026) == [date(2026, 12, 31)]
    with pytest.raises(follow_up.CadenceError):
        follow_up.deadlines_of_year("monthly", 2026)


def test_next_and_last_passed_deadline():
    assert follow_up.next_deadline(THREE, date(2026, 5, 1)) == date(2026, 8, 31)
    assert follow_up.next_deadline(THREE, date(2026, 4, 30)) == date(2026, 4, 30)
    assert follow_up.next_deadline(YEARLY, date(2027, 1, 1)) == date(2027, 12, 31)
    # The deadline day itself is still in time.
    assert follow_up.last_passed_deadline(THREE, date(2026, 4, 30)) == date(2025, 12, 31)
    assert follow_up.last_passed_deadline(THREE, date(2026, 5, 1)) == date(2026, 4, 30)
    assert follow_up.last_passed_deadline(YEARLY, date(2026, 6, 1)) == date(2025, 12, 31)


def state(cadence, *, added_on, last_reported=None, today):
    return follow_up.report_state(
        cadence=cadence, added_on=added_on, last_reported=last_reported, today=today
    )


def test_a_measure_without_a_report_is_overdue_the_day_after_its_deadline():
    added = date(2026, 1, 10)  # first due 30 April (more than 30 days later)

    on_the_day = state(THREE, added_on=added, today=date(2026, 4, 30))
    day_after = state(THREE, added_on=added, today=date(2026, 5, 1))

    assert (on_the_day.due_on, on_the_day.overdue) == (date(2026, 4, 30), False)
    assert (day_after.due_on, day_after.overdue) == (date(2026, 4, 30), True)


def test_a_report_in_the_period_covers_its_deadline_and_the_next_is_due():
    result = state(
        THREE, added_on=date(2026, 1, 10), last_reported=date(2026, 4, 2), today=date(2026, 5, 3)
    )

    assert (result.due_on, result.overdue) == (date(2026, 8, 31), False)


def test_a_late_report_clears_the_overdue_state_and_counts_for_the_current_period():
    result = state(
        THREE, added_on=date(2026, 1, 10), last_reported=date(2026, 5, 2), today=date(2026, 5, 3)
    )

    assert (result.due_on, result.overdue) == (date(2026, 12, 31), False)


def test_a_report_from_an_earlier_period_does_not_cover_the_last_deadline():
    result = state(
        THREE, added_on=date(2025, 6, 1), last_reported=date(2026, 4, 2), today=date(2026, 9, 1)
    )

    assert (result.due_on, result.overdue) == (date(2026, 8, 31), True)


def test_a_new_measure_has_30_days_before_its_first_deadline():
    # Added 20 December: 31 December is too soon, the first report is due the next year.
    yearly = state(YEARLY, added_on=date(2025, 12, 20), today=date(2026, 1, 5))
    three = state(THREE, added_on=date(2026, 4, 15), today=date(2026, 5, 1))

    assert (yearly.due_on, yearly.overdue) == (date(2026, 12, 31), False)
    assert (three.due_on, three.overdue) == (date(2026, 8, 31), False)


def test_yearly_reports_are_due_on_31_december():
    result = state(
        YEARLY, added_on=date(2024, 3, 1), last_reported=date(2024, 11, 1), today=date(2026, 2, 1)
    )

    assert (result.due_on, result.overdue) == (date(2025, 12, 31), True)


def test_the_plan_state_is_the_earliest_due_date_and_the_number_overdue():
    states = [
        follow_up.ReportState(due_on=date(2026, 4, 30), overdue=True, last_reported=None),
        follow_up.ReportState(due_on=date(2026, 8, 31), overdue=False, last_reported=None),
    ]

    plan = follow_up.plan_report_state(states)

    assert plan == follow_up.PlanReportState(
        next_due=date(2026, 4, 30), overdue=1, oldest_overdue=date(2026, 4, 30)
    )
    assert follow_up.plan_report_state([]) == follow_up.PlanReportState(
        next_due=None, overdue=0, oldest_overdue=None
    )


# --- Realised effect ---------------------------------------------------------------------------

KG_BY_YEAR = {
    2022: {"diesel": 9000.0, "electricity": 400.0},
    2023: {"diesel": 8000.0, "electricity": 500.0},
    2024: {"diesel": 6000.0, "electricity": 550.0},
    2025: {"diesel": 3000.0, "electricity": 600.0},
}


def test_the_realised_effect_compares_the_year_before_the_start_with_the_latest_account():
    effect = follow_up.realised_effect(
        activity_keys=["diesel"], start_year=2024, kg_by_year=KG_BY_YEAR
    )

    assert effect is not None
    assert (effect.before_year, effect.after_year) == (2023, 2025)
    # 8 000 kg in 2023 − 3 000 kg in 2025 = 5 t less.
    assert effect.cut_t == pytest.approx(5.0)


def test_the_realised_effect_counts_only_the_measures_activities():
    effect = follow_up.realised_effect(
        activity_keys=["diesel", "electricity"], start_year=2024, kg_by_year=KG_BY_YEAR
    )

    assert effect is not None
    assert effect.cut_kg == pytest.approx((8000 + 500) - (3000 + 600))


def test_the_realised_effect_is_unknown_without_accounts_on_both_sides_or_activities():
    assert (
        follow_up.realised_effect(
            activity_keys=["diesel"], start_year=2022, kg_by_year={2022: {"diesel": 1.0}}
        )
        is None
    )
    assert (
        follow_up.realised_effect(activity_keys=["diesel"], start_year=2026, kg_by_year=KG_BY_YEAR)
        is None
    )
    assert follow_up.realised_effect(activity_keys=[], start_year=2024, kg_by_year=KG_BY_YEAR) is (
        None
    )


# --- Plan-quality check ------------------------------------------------------------------------


def facts(**overrides) -> plan_quality.PlanFacts:
    good = plan_quality.MeasureFacts(
        title="Varmepumpe",
        status="planned",
        expected_reduction_t=Decimal("5.2"),
        investment_nok=Decimal(400_000),
        yearly_cost_nok=Decimal(-25_000),
        responsible="Eiendomssjef",
    )
    values = {
        "has_target_with_year": True,
        "has_emission_target": True,
        "reference_growth_saved": False,
        "reference_growth_percent": Decimal(0),
        "measures": [good],
    }
    values.update(overrides)
    return plan_quality.PlanFacts(**values)


def codes(plan: plan_quality.PlanFacts) -> list[str]:
    return [finding.code for finding in plan_quality.check_plan(plan)]


def test_a_complete_plan_lacks_nothing():
    assert plan_quality.check_plan(facts()) == []


def test_an_empty_plan_without_targets_lacks_measures_a_yearly_path_and_a_reference_path():
    assert codes(facts(measures=[], has_target_with_year=False, has_emission_target=False)) == [
        "no_measures",
        "no_yearly_path",
        "no_reference_path",
    ]


def test_the_reference_path_is_there_when_set_deliberately_or_drawn_from_an_emission_target():
    no_target = {"has_emission_target": False}
    assert "no_reference_path" in codes(facts(**no_target))
    assert "no_reference_path" not in codes(facts(**no_target, reference_growth_saved=True))
    assert "no_reference_path" not in codes(
        facts(**no_target, reference_growth_percent=Decimal("1.5"))
    )


def test_measures_without_costs_responsible_or_reduction_are_named():
    bare = plan_quality.MeasureFacts(
        title="Sortere avfall",
        status="idea",
        expected_reduction_t=Decimal(0),
        investment_nok=Decimal(0),
        yearly_cost_nok=Decimal(0),
        responsible="  ",
        report_overdue=True,
    )
    dropped = plan_quality.MeasureFacts(
        title="Lagt bort",
        status="dropped",
        expected_reduction_t=Decimal(0),
        investment_nok=Decimal(0),
        yearly_cost_nok=Decimal(0),
        responsible="",
    )

    findings = plan_quality.check_plan(facts(measures=[*facts().measures, bare, dropped]))

    assert [(f.code, f.measures) for f in findings] == [
        ("missing_costs", ("Sortere avfall",)),
        ("missing_responsible", ("Sortere avfall",)),
        ("missing_reduction", ("Sortere avfall",)),
        ("reports_overdue", ("Sortere avfall",)),
    ]


def test_only_dropped_measures_count_as_no_measures():
    dropped = plan_quality.MeasureFacts(
        title="Lagt bort",
        status="dropped",
        expected_reduction_t=Decimal(1),
        investment_nok=Decimal(1),
        yearly_cost_nok=Decimal(0),
        responsible="X",
    )
    assert codes(facts(measures=[dropped])) == ["no_measures"]
