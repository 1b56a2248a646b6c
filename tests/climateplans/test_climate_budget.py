"""A target's climate budget: built from the target, the accounts and the action plan with
hand-worked figures, shown as a page with both charts and their tables, exported to XLSX and
PDF, and seen only by the organisation's contacts and the secretariat."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.climateplans.budget import ScopeFit, climate_budget
from klimanett.climateplans.models import ActionPlan, Measure, Target
from tests.builders import make_account, make_target


def make_plan(organisation, **overrides: Any) -> ActionPlan:
    return ActionPlan.objects.create(organisation=organisation, **overrides)


def make_measure(plan: ActionPlan, **overrides: Any) -> Measure:
    """A planned measure on LPG (scope 1), so that it counts for a target of scopes 1 and 2."""
    fields: dict[str, Any] = {
        "plan": plan,
        "title": "Tiltak",
        "category": Measure.Category.OTHER,
        "activity_keys": ["lpg"],
        "expected_reduction_t": Decimal(1),
        "start_year": 2025,
        "status": Measure.Status.PLANNED,
    }
    fields.update(overrides)
    return Measure.objects.create(**fields)


@pytest.fixture
def target_of_a(organisation_a) -> Target:
    """100 t CO2e (100 000 kg) in 2020, 50 % less by 2030, scopes 1 and 2; an account of 90 t
    in 2022; a heat pump of 10 t from 2024 (on LPG, scope 1), and an LED measure (electricity,
    scope 2), done, already in the 2022 account."""
    target = make_target(
        organisation_a,
        title="Halvere utslippene innen 2030",
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.ABSOLUTE,
        scopes=Target.Scopes.SCOPES_1_2,
        base_year=2020,
        base_value=100_000.0,
        target_year=2030,
        reduction_percent=Decimal(50),
    )
    # 30 000 kg LPG × 3.0 kg CO2e/kg (NO-2025.1) = 90 000 kg = 90 t, scope 1
    make_account(
        organisation_a, 2022, [("lpg", 30_000, "kg")], status=ClimateAccount.Status.SUBMITTED
    )
    # a draft does not count: 10 000 kg LPG would be 30 t in 2023
    make_account(organisation_a, 2023, [("lpg", 10_000, "kg")])
    plan = make_plan(organisation_a, reference_growth_percent=Decimal(0))
    make_measure(
        plan,
        title="Varmepumpe i lageret",
        category=Measure.Category.HEATING,
        expected_reduction_t=Decimal(10),
        investment_nok=Decimal(200_000),
        lifetime_years=10,
        yearly_cost_nok=Decimal(5_000),
        start_year=2024,
        status=Measure.Status.PLANNED,
    )
    make_measure(
        plan,
        title="LED-belysning",
        category=Measure.Category.BUILDING_ELECTRICITY,
        activity_keys=["electricity"],
        expected_reduction_t=Decimal(2),
        investment_nok=Decimal(50_000),
        lifetime_years=10,
        yearly_cost_nok=Decimal(-8_000),
        start_year=2021,
        status=Measure.Status.DONE,
    )
    # not counted: an idea and a dropped measure
    make_measure(plan, title="Økokjøring", expected_reduction_t=Decimal(5), status="idea")
    make_measure(plan, title="Biogass", expected_reduction_t=Decimal(20), status="dropped")
    return target


# --- The budget, by hand ---------------------------------------------------------------------


def test_the_budget_of_the_worked_example_has_a_gap_of_30_t_in_2030(target_of_a):
    budget = climate_budget(target_of_a)
    assert budget is not None
    # kg to tonnes on the way in: 100 000 kg = 100 t; the target 100 × (1 − 0.5) = 50 t
    assert budget.base_value_t == pytest.approx(100.0)
    assert budget.target_value_t == pytest.approx(50.0)
    rows = {row.year: row for row in budget.rows}
    assert list(rows) == list(range(2020, 2031))
    # the account of 2022 (the draft of 2023 does not count)
    assert [year for year, row in rows.items() if row.actual is not None] == [2022]
    assert rows[2022].actual == pytest.approx(90.0)
    assert budget.latest_account_year == 2022
    assert budget.reference_from == 2022
    # target path: 100 − 5 a year
    assert [rows[year].target for year in (2020, 2022, 2024, 2030)] == [
        pytest.approx(100.0),
        pytest.approx(90.0),
        pytest.approx(80.0),
        pytest.approx(50.0),
    ]
    # reference 90 from 2022 (growth 0); nothing before
    assert rows[2021].reference is None
    assert all(rows[year].reference == pytest.approx(90.0) for year in range(2022, 2031))
    # expected: 90 in 2022–2023, then 90 − 10 (the heat pump) = 80; the LED measure (2021)
    # is already in the 2022 account, the idea and the dropped measure do not count
    assert [rows[year].expected for year in range(2022, 2031)] == [
        pytest.approx(v) for v in [90, 90, 80, 80, 80, 80, 80, 80, 80]
    ]
    # gaps: 90 − 90 = 0, 90 − 85 = 5, 80 − 80 = 0, then 5, 10 … 80 − 50 = 30
    assert [rows[year].gap for year in range(2022, 2031)] == [
        pytest.approx(v) for v in [0, 5, 0, 5, 10, 15, 20, 25, 30]
    ]
    assert budget.gap_t == pytest.approx(30.0)
    assert not budget.adds_up
    assert budget.shortfall_t == pytest.approx(30.0)
    assert budget.counted_reduction_t == pytest.approx(10.0)
    assert [item.measure.title for item in budget.counted] == ["Varmepumpe i lageret"]


def test_the_measures_are_ordered_by_abatement_cost_with_their_cumulative_reduction(target_of_a):
    budget = climate_budget(target_of_a)
    assert budget is not None
    assert [item.measure.title for item in budget.measures] == [
        "LED-belysning",
        "Varmepumpe i lageret",
    ]
    led, heat_pump = budget.curve
    # LED: (50 000 / 10 − 8 000) / 2 t = (5 000 − 8 000) / 2 = −1 500 NOK per t, 0 → 2 t
    assert (led.number, led.item.measure.title) == (1, "LED-belysning")
    assert led.bar.cost_nok_per_t == pytest.approx(-1500.0)
    assert (led.bar.start_t, led.cumulative_t) == (0.0, pytest.approx(2.0))
    assert led.item.in_accounts and led.item.counted_from is None
    # heat pump: (200 000 / 10 + 5 000) / 10 t = 25 000 / 10 = 2 500 NOK per t, 2 → 12 t
    assert heat_pump.bar.cost_nok_per_t == pytest.approx(2500.0)
    assert (heat_pump.bar.start_t, heat_pump.cumulative_t) == (2.0, pytest.approx(12.0))
    assert heat_pump.item.counted_from == 2024
    assert budget.off_curve == []
    # the chart: the saving below the zero line, the cost above it
    chart = budget.curve_chart
    assert chart is not None
    saving, cost = chart.bars
    assert (saving.fill, cost.fill) == ("saving", "cost")
    assert saving.y == pytest.approx(chart.zero_y)
    assert cost.y + cost.height == pytest.approx(chart.zero_y)


def test_reference_growth_and_a_plan_that_adds_up(organisation_a):
    target = make_target(
        organisation_a,
        base_year=2020,
        base_value=50_000.0,  # 50 t
        target_year=2025,
        reduction_percent=Decimal(20),  # to 40 t in 2025
    )
    plan = make_plan(organisation_a, reference_growth_percent=Decimal("10.0"))
    make_measure(
        plan,
        title="Elektriske varebiler",
        expected_reduction_t=Decimal(30),
        investment_nok=Decimal(300_000),
        lifetime_years=10,
        yearly_cost_nok=Decimal(-10_000),
        start_year=2023,
    )
    make_measure(plan, title="Uten effekt", expected_reduction_t=Decimal(0), start_year=2023)

    budget = climate_budget(target)

    assert budget is not None
    # no account: the reference starts at the base value, 50 t in 2020, then +10 % a year:
    # 55, 60.5, 66.55, 73.205, 80.5255
    assert [row.reference for row in budget.rows] == [
        pytest.approx(v) for v in [50, 55, 60.5, 66.55, 73.205, 80.5255]
    ]
    assert budget.latest_account_year is None and budget.reference_from == 2020
    # from 2023 the vans cut 30 t: 36.55, 43.205, 50.5255; target 40 in 2025: 10.5255 short
    assert budget.rows[-1].expected == pytest.approx(50.5255)
    assert budget.gap_t == pytest.approx(10.5255)
    # without the 10 % growth the plan would add up: shown by raising the cut to 41 t
    Measure.objects.filter(title="Elektriske varebiler").update(expected_reduction_t=41)
    budget = climate_budget(target)
    assert budget is not None
    # 80.5255 − 41 = 39.5255 ≤ 40: 0.4745 t to spare
    assert budget.adds_up and budget.margin_t == pytest.approx(0.4745)
    # a measure without a reduction has no cost per tonne and stays off the curve
    assert [item.measure.title for item in budget.no_reduction] == ["Uten effekt"]
    assert [item.measure.title for item in budget.off_curve] == ["Uten effekt"]
    # the vans: (300 000 / 10 − 10 000) / 41 t = 20 000 / 41 = 487.8 NOK per t
    [vans] = budget.curve
    assert vans.item.measure.title == "Elektriske varebiler"
    assert vans.bar.cost_nok_per_t == pytest.approx(20_000 / 41)


def test_a_measure_starting_after_the_target_year_is_not_counted(organisation_a):
    target = make_target(organisation_a, base_value=20_000.0, target_year=2026)
    plan = make_plan(organisation_a)
    make_measure(plan, title="Senere", expected_reduction_t=Decimal(5), start_year=2027)

    budget = climate_budget(target)

    assert budget is not None
    (item,) = budget.measures
    assert item.counted_from is None and not item.in_accounts and not item.delayed
    with translation.override("en"):
        assert item.path_note == "Starts after the target year"
    assert budget.counted == [] and budget.counted_reduction_t == 0
    assert budget.final.expected == pytest.approx(20.0)


def test_without_an_action_plan_the_expected_path_is_the_reference_path(organisation_a):
    target = make_target(organisation_a, base_value=20_000.0, reduction_percent=Decimal(30))

    budget = climate_budget(target)

    assert budget is not None and not budget.has_plan
    assert budget.curve == [] and budget.curve_chart is None
    assert all(row.expected == row.reference == pytest.approx(20.0) for row in budget.rows)
    # 20 t against 20 × 0.7 = 14 t in 2030
    assert budget.gap_t == pytest.approx(6.0)


@pytest.mark.parametrize(
    "overrides",
    [
        {"metric": Target.Metric.PER_EMPLOYEE},
        {"kind": Target.Kind.ENERGY},
        {
            "kind": Target.Kind.RENEWABLE_SHARE,
            "reduction_percent": None,
            "target_share_percent": Decimal(90),
        },
    ],
)
def test_only_absolute_emission_targets_have_a_budget(organisation_a, overrides):
    assert climate_budget(make_target(organisation_a, **overrides)) is None


# --- Which measures count for the target, and from when ----------------------------------------


@pytest.fixture
def vans_and_paper(organisation_a) -> ActionPlan:
    """10 000 l diesel in 2020 (26.6 t, scope 1) and 9 000 l in 2023 (23.94 t); electric vans
    (diesel, scope 1, and the electricity that replaces it, scope 2) of 5 t, less paper
    (scope 3) of 2 t, and an awareness campaign with no activities of 1 t, all from 2025."""
    # diesel 2.66 kg CO2e/l (NO-2025.1): 10 000 l = 26 600 kg, 9 000 l = 23 940 kg
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="approved")
    make_account(organisation_a, 2023, [("diesel", 9_000, "l")], status="submitted")
    plan = make_plan(organisation_a)
    costs = {"investment_nok": Decimal(100_000), "lifetime_years": 10}
    make_measure(
        plan,
        title="Elektriske varebiler",
        activity_keys=["diesel", "electricity"],
        expected_reduction_t=Decimal(5),
        yearly_cost_nok=Decimal(-5_000),
        **costs,
    )
    make_measure(
        plan,
        title="Mindre papir",
        activity_keys=["paper"],
        expected_reduction_t=Decimal(2),
        yearly_cost_nok=Decimal(0),
        **costs,
    )
    make_measure(
        plan,
        title="Holdningskampanje",
        activity_keys=[],
        expected_reduction_t=Decimal(1),
        yearly_cost_nok=Decimal(0),
        **costs,
    )
    return plan


def test_a_target_counts_only_the_measures_acting_on_its_scopes(organisation_a, vans_and_paper):
    scope_1 = make_target(
        organisation_a,
        scopes=Target.Scopes.SCOPE_1,
        base_value=26_600.0,
        reduction_percent=Decimal(50),
    )

    budget = climate_budget(scope_1)

    assert budget is not None
    # the reference stays at the 2023 account, 23.94 t; only the vans (scopes 1 and 2, counted
    # with their net 5 t) cut it: 23.94 − 5 = 18.94 t in 2030 (not 23.94 − 8 = 15.94 t)
    assert budget.final.reference == pytest.approx(23.94)
    assert budget.final.expected == pytest.approx(18.94)
    # target: 26.6 × 0.5 = 13.3 t; gap 18.94 − 13.3 = 5.64 t
    assert budget.gap_t == pytest.approx(5.64)
    assert [item.measure.title for item in budget.counted] == ["Elektriske varebiler"]
    by_title = {item.measure.title: item for item in budget.measures}
    assert by_title["Elektriske varebiler"].scopes == (1, 2)
    assert by_title["Mindre papir"].fit == ScopeFit.OTHER_SCOPES
    assert by_title["Mindre papir"].scopes == (3,)
    assert by_title["Holdningskampanje"].fit == ScopeFit.NO_ACTIVITIES
    # the curve is the target's: the vans alone, (100 000 / 10 − 5 000) / 5 = 1 000 NOK per t
    [vans] = budget.curve
    assert vans.item.measure.title == "Elektriske varebiler"
    assert vans.bar.cost_nok_per_t == pytest.approx(1_000)
    assert [item.measure.title for item in budget.not_for_target] == [
        "Mindre papir",
        "Holdningskampanje",
    ]
    with translation.override("en"):
        assert by_title["Mindre papir"].path_note == (
            "Not counted for this target: it acts on scope 3, which the target does not cover"
        )
        assert by_title["Holdningskampanje"].path_note.startswith(
            "Not counted for this target: no activities of the climate account are given"
        )


def test_a_target_of_every_scope_counts_the_paper_too(organisation_a, vans_and_paper):
    every_scope = make_target(
        organisation_a, scopes=Target.Scopes.SCOPES_1_2_3, base_value=26_600.0
    )

    budget = climate_budget(every_scope)

    assert budget is not None
    # 23.94 − 5 (vans) − 2 (paper) = 16.94 t in 2030; the campaign gives no activities
    assert budget.final.expected == pytest.approx(16.94)
    assert [item.measure.title for item in budget.counted] == [
        "Elektriske varebiler",
        "Mindre papir",
    ]
    # paper: (100 000 / 10 + 0) / 2 = 5 000 NOK per t, after the vans' 1 000
    assert [row.item.measure.title for row in budget.curve] == [
        "Elektriske varebiler",
        "Mindre papir",
    ]
    assert budget.curve[-1].cumulative_t == pytest.approx(7.0)


def test_the_page_lists_the_measures_that_do_not_count_with_why(
    english_client, alice, organisation_a, vans_and_paper
):
    target = make_target(organisation_a, scopes=Target.Scopes.SCOPE_1, base_value=26_600.0)
    english_client.force_login(alice)

    html = english_client.get(budget_url(target)).content.decode()

    assert "1. Elektriske varebiler: 1,000 NOK per tonne, 5.0 tonnes a year" in html
    assert "Mindre papir:" not in html  # not on the curve
    table = html[html.index('id="budget-curve-table-caption"') :]
    assert "Mindre papir" in table and "Holdningskampanje" in table
    assert (
        "Not counted for this target: it acts on scope 3, which the target does not cover" in table
    )


def test_a_planned_measure_whose_start_year_has_passed_is_delayed_not_dropped(target_of_a):
    plan = ActionPlan.objects.get(organisation=target_of_a.organisation)
    # Planned for 2021, but the 2022 account shows no sign of it: counted from 2023.
    make_measure(plan, title="Forsinket", expected_reduction_t=Decimal(5), start_year=2021)
    # In progress since 2022: in the 2022 account already.
    make_measure(
        plan,
        title="Pågår",
        expected_reduction_t=Decimal(7),
        start_year=2022,
        status=Measure.Status.IN_PROGRESS,
    )

    budget = climate_budget(target_of_a)

    assert budget is not None
    by_title = {item.measure.title: item for item in budget.measures}
    late, running = by_title["Forsinket"], by_title["Pågår"]
    assert late.delayed and late.counted_from == 2023 and not late.in_accounts
    assert running.in_accounts and running.counted_from is None and not running.delayed
    rows = {row.year: row for row in budget.rows}
    # 90 t in 2022; 90 − 5 = 85 from 2023; 85 − 10 (the heat pump) = 75 from 2024
    assert [rows[year].expected for year in (2022, 2023, 2024, 2030)] == [
        pytest.approx(90),
        pytest.approx(85),
        pytest.approx(75),
        pytest.approx(75),
    ]
    assert budget.gap_t == pytest.approx(25.0)  # 75 − 50
    with translation.override("en"):
        assert late.path_note == "Delayed: planned to start in 2021, counted from 2023"
        assert running.path_note == "Already in the climate accounts"


def test_a_measure_without_costs_is_left_off_the_curve_as_no_costs_given(
    english_client, alice, target_of_a
):
    plan = ActionPlan.objects.get(organisation=target_of_a.organisation)
    # As the guide makes it: a reduction, but investment 0 and yearly cost 0
    make_measure(plan, title="Fra veiviseren", expected_reduction_t=Decimal(4), start_year=2026)

    budget = climate_budget(target_of_a)

    assert budget is not None
    item = next(i for i in budget.measures if i.measure.title == "Fra veiviseren")
    assert item.cost_nok_per_t is None and not item.costs_given
    # not a 0 NOK per t bar on the curve (it used to be one, between LED and the heat pump)
    assert [row.item.measure.title for row in budget.curve] == [
        "LED-belysning",
        "Varmepumpe i lageret",
    ]
    assert [i.measure.title for i in budget.no_costs] == ["Fra veiviseren"]
    # its reduction still counts in the expected path: 90 − 10 − 4 = 76 t in 2030
    assert budget.final.expected == pytest.approx(76.0)
    english_client.force_login(alice)
    html = english_client.get(budget_url(target_of_a)).content.decode()
    assert "Not on the curve, as no costs are given" in html
    table = html[html.index('id="budget-curve-table-caption"') :]
    assert "Fra veiviseren" in table and "No costs given" in table
    # the spreadsheet: no cost per tonne, and empty costs rather than 0
    workbook = load_workbook(
        io.BytesIO(english_client.get(export_url(target_of_a, "xlsx")).content)
    )
    heading, *rows = workbook.worksheets[2].iter_rows(values_only=True)
    row = next(dict(zip(heading, r, strict=True)) for r in rows if r[1] == "Fra veiviseren")
    assert row["No. on the curve"] is None
    assert row["Abatement cost (NOK per t CO2e)"] == "No costs given"
    assert row["Investment (NOK)"] is None and row["Yearly cost or saving (NOK)"] is None
    assert row["In the expected path"] == "From 2026"


def test_the_budget_starts_from_the_base_year_account_as_it_is_now(
    english_client, alice, organisation_a
):
    # set on 26.6 t (10 000 l diesel in 2020); the account is then corrected to 12 000 l
    make_account(organisation_a, 2020, [("diesel", 10_000, "l")], status="approved")
    target = make_target(organisation_a, base_value=26_600.0, reduction_percent=Decimal(50))
    AccountLine.objects.filter(account__organisation=organisation_a, account__year=2020).update(
        quantity=12_000
    )

    budget = climate_budget(target)

    assert budget is not None
    # 12 000 l × 2.66 = 31.92 t; the target 31.92 × 0.5 = 15.96 t; the reference 31.92 t
    assert budget.base_value_t == pytest.approx(31.92)
    assert budget.recorded_base_value_t == pytest.approx(26.6)
    assert budget.target_value_t == pytest.approx(15.96)
    assert budget.gap_t == pytest.approx(31.92 - 15.96)
    english_client.force_login(alice)
    html = english_client.get(budget_url(target)).content.decode()
    assert "recorded when the target was set: 26.6 t CO2e; now: 31.9 t CO2e" in html


# --- The page --------------------------------------------------------------------------------


def budget_url(target):
    return reverse("climateplans:climate_budget", args=[target.pk])


def export_url(target, fmt):
    return reverse("climateplans:climate_budget_export", args=[target.pk, fmt])


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_page_shows_both_charts_and_their_tables(english_client, alice, target_of_a):
    english_client.force_login(alice)

    response = english_client.get(budget_url(target_of_a))

    assert response.status_code == 200
    html = response.content.decode()
    # the verdict: 80 t expected against 50 t in 2030
    assert "30.0 tonnes CO2e above the target" in html
    # the paths chart, named and described, and its table
    assert '<title id="budget-paths-title">Climate budget, line chart</title>' in html
    assert (
        "In 2030 the target path allows 50.0 tonnes CO2e, the expected path reaches 80.0: a gap"
        " of 30.0 tonnes. Climate accounts: 2022: 90.0 tonnes CO2e.</desc>"
    ) in html
    assert 'id="budget-paths-table-caption"' in html
    assert html.count('role="img"') == 2
    # the table row of 2030: account –, reference 90, target 50, expected 80, gap +30
    assert _cells(html, "2030") == ["–", "90.0", "50.0", "80.0", "+30.0"]
    assert _cells(html, "2022") == ["90.0", "90.0", "90.0", "90.0", "0.0"]
    # the abatement cost curve and its table, cheapest first
    assert '<title id="budget-curve-title">Marginal abatement cost curve</title>' in html
    assert "1. LED-belysning: -1,500 NOK per tonne, 2.0 tonnes a year" in html
    assert "2. Varmepumpe i lageret: 2,500 NOK per tonne, 10.0 tonnes a year" in html
    assert 'id="budget-curve-table-caption"' in html
    assert "Already in the climate accounts" in html and "From 2024" in html
    # the export links
    assert export_url(target_of_a, "xlsx") in html and export_url(target_of_a, "pdf") in html
    # measures that do not count are not listed
    assert "Økokjøring" not in html and "Biogass" not in html


def _cells(html: str, year: str) -> list[str]:
    """The cells after the row header `year` in the paths table."""
    import re

    row = re.search(rf'<th scope="row">{year}</th>(.*?)</tr>', html, re.S)
    assert row, year
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_a_target_without_a_budget_says_so(english_client, alice, organisation_a):
    target = make_target(organisation_a, metric=Target.Metric.PER_EMPLOYEE)
    english_client.force_login(alice)

    response = english_client.get(budget_url(target))

    assert response.status_code == 200
    assert "A climate budget is made for targets of absolute emissions" in response.content.decode()
    assert 'role="img"' not in response.content.decode()
    assert english_client.get(export_url(target, "xlsx")).status_code == 404
    assert english_client.get(export_url(target, "pdf")).status_code == 404


def test_an_unknown_export_format_is_not_found(client, alice, target_of_a):
    client.force_login(alice)
    assert client.get(export_url(target_of_a, "csv")).status_code == 404


# --- Exports ---------------------------------------------------------------------------------


def test_the_budget_exports_to_xlsx_with_its_years_and_measures(english_client, alice, target_of_a):
    Measure.objects.filter(title="Varmepumpe i lageret").update(title='=HYPERLINK("x")')
    english_client.force_login(alice)

    response = english_client.get(export_url(target_of_a, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="klimabudsjett-{target_of_a.organisation.slug}-'
        f'{target_of_a.pk}.xlsx"'
    )
    summary, years, measures = load_workbook(io.BytesIO(response.content)).worksheets
    facts = dict(summary.iter_rows(values_only=True))
    assert facts["Gap in the target year (t CO2e)"] == pytest.approx(30.0)
    assert facts["The plan adds up"] == "No"
    year_rows = list(years.iter_rows(values_only=True))
    assert year_rows[0][0] == "Year"
    by_year = {row[0]: row[1:] for row in year_rows[1:]}
    assert list(by_year) == list(range(2020, 2031))
    assert by_year[2020] == (None, None, pytest.approx(100.0), None, None)
    assert by_year[2022] == (
        pytest.approx(90.0),
        pytest.approx(90.0),
        pytest.approx(90.0),
        pytest.approx(90.0),
        pytest.approx(0.0),
    )
    assert by_year[2030] == (
        None,
        pytest.approx(90.0),
        pytest.approx(50.0),
        pytest.approx(80.0),
        pytest.approx(30.0),
    )
    rows = list(measures.iter_rows(values_only=True))
    heading = rows[0]
    led, heat_pump = (dict(zip(heading, row, strict=True)) for row in rows[1:])
    assert led["No. on the curve"] == 1 and led["Measure"] == "LED-belysning"
    assert led["Abatement cost (NOK per t CO2e)"] == pytest.approx(-1500.0)
    assert led["Added up from the cheapest (t CO2e)"] == pytest.approx(2.0)
    assert led["Yearly cost or saving (NOK)"] == -8000
    assert heat_pump["Abatement cost (NOK per t CO2e)"] == pytest.approx(2500.0)
    assert heat_pump["Added up from the cheapest (t CO2e)"] == pytest.approx(12.0)
    assert heat_pump["In the expected path"] == "From 2024"
    # a title that looks like a formula stays text
    assert heat_pump["Measure"] == '=HYPERLINK("x")'
    cell = measures.cell(row=3, column=2)
    assert cell.data_type == "s"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_budget_exports_to_a_pdf_report_with_both_charts(english_client, alice, target_of_a):
    english_client.force_login(alice)

    response = english_client.get(export_url(target_of_a, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())  # lines wrap where the page ends
    assert "Climate budget: Halvere utslippene innen 2030" in text
    assert "Alfa Klimaservice AS" in text
    # 80 t expected − 50 t target in 2030 = 30 t
    assert "30.0 tonnes CO2e above the target" in text
    # the charts' own texts (axis units) are drawn in the PDF
    assert "NOK per t CO2e" in text
    assert "t CO2e a year, added up from the cheapest measure" in text
    # both tables: the year 2030 and the heat pump at 2 500 NOK per t
    assert "2030 – 90.0 50.0 80.0 +30.0" in text
    assert "2,500" in text and "-1,500" in text
    # the charts' texts too are set in the bundled Inter, the only font the report reads
    fonts = {
        font.get_object()["/BaseFont"]
        for page in PdfReader(io.BytesIO(response.content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.endswith(("+Inter", "+Inter-Semi-Bold")) for name in fonts), fonts


# --- Access ----------------------------------------------------------------------------------


def _urls(target) -> list[str]:
    return [budget_url(target), export_url(target, "xlsx"), export_url(target, "pdf")]


def test_contacts_and_the_secretariat_see_the_budget_and_its_exports(
    client, alice, bob, sekretariat, verified_client, target_of_a
):
    for user in (alice, bob):
        client.force_login(user)
        for url in _urls(target_of_a):
            assert client.get(url).status_code == 200, (user, url)
    secretariat = verified_client(sekretariat)
    for url in _urls(target_of_a):
        assert secretariat.get(url).status_code == 200, url


def test_contact_of_another_organisation_gets_404(client, charlie, target_of_a):
    client.force_login(charlie)
    for url in _urls(target_of_a):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitor_is_sent_to_log_in(client, target_of_a):
    for url in _urls(target_of_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("core:login")), url
