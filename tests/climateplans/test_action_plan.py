"""The action plan in the partner area: measures by hand and from templates, bad input refused
with nothing saved, status reports, the plan's settings, the quality check and the realised
effect; every change audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans import services
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport
from klimanett.climateplans.suggestions import suggest_measures
from klimanett.core.models import AuditEntry
from tests.builders import make_account, make_target
from tests.climateplans.plan_builders import make_measure, make_plan

APPROVED = ClimateAccount.Status.APPROVED


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def as_alice(english, alice):
    english.force_login(alice)
    return english


def measure_data(**overrides) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Elektriske varebiler",
        "description": "Bytte tre dieselbiler.",
        "category": "transport",
        "activity_keys": ["diesel"],
        "expected_reduction_t": "7,86",
        "expected_energy_kwh": "20 112",
        "investment_nok": "600 000",
        "lifetime_years": "10",
        "yearly_cost_nok": "-20 000",
        "start_year": "2026",
        "status": "planned",
        "responsible": "Driftsleder",
    }
    data.update(overrides)
    return data


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# --- Adding and changing measures --------------------------------------------------------------


def test_a_contact_adds_a_measure_and_the_plan_is_made_on_first_use(
    as_alice, alice, organisation_a
):
    assert not ActionPlan.objects.exists()

    response = as_alice.post(
        reverse("climateplans:measure_add", args=[organisation_a.pk]), measure_data()
    )

    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("climateplans:measure_detail", args=[measure.pk])
    assert measure.plan.organisation == organisation_a
    assert measure.expected_reduction_t == Decimal("7.860")
    assert measure.investment_nok == Decimal(600_000)
    assert measure.yearly_cost_nok == Decimal(-20_000)
    assert measure.activity_keys == ["diesel"]
    assert actions() == ["action_plan.created", "measure.created"]
    created = AuditEntry.objects.get(action="measure.created")
    assert created.actor == alice
    assert created.data["investment_nok"] == "600000"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("investment_nok", "-5 000", "The investment cannot be negative."),
        ("expected_reduction_t", "-0,5", "The expected reduction cannot be below 0."),
        ("start_year", "1999", "Write a start year between 2000 and 2100."),
        ("start_year", "2101", "Write a start year between 2000 and 2100."),
        ("investment_nok", "12,50", "Write whole kroner."),
        ("lifetime_years", "0", "The lifetime is between 1 and 60 years."),
        ("expected_reduction_t", "mye", "Write a number, for example 1 234,5."),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    as_alice, organisation_a, field, value, message
):
    response = as_alice.post(
        reverse("climateplans:measure_add", args=[organisation_a.pk]),
        measure_data(**{field: value}),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Nothing was saved. Correct the fields marked below." in page
    assert not Measure.objects.exists()
    assert not ActionPlan.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_service_refuses_a_negative_investment_and_leaves_no_plan_behind(organisation_a):
    with pytest.raises(ValidationError) as refused:
        services.add_measure(
            organisation=organisation_a,
            values={
                "title": "Feil",
                "category": "other",
                "expected_reduction_t": Decimal(1),
                "investment_nok": Decimal(-1),
                "start_year": 2026,
            },
            by=None,
        )

    assert "investment_nok" in refused.value.message_dict
    assert not ActionPlan.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_service_refuses_fields_a_measure_does_not_have(organisation_a):
    with pytest.raises(TypeError):
        services.add_measure(organisation=organisation_a, values={"plan_id": 3}, by=None)


def test_a_change_to_a_measure_is_audited_field_by_field(as_alice, alice, organisation_a):
    measure = make_measure(make_plan(organisation_a))

    response = as_alice.post(
        reverse("climateplans:measure_edit", args=[measure.pk]),
        measure_data(responsible="Innkjøpssjef", investment_nok="550 000"),
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.responsible == "Innkjøpssjef"
    entry = AuditEntry.objects.get(action="measure.updated")
    assert entry.actor == alice
    assert entry.data["changed"]["responsible"] == {"from": "Driftsleder", "to": "Innkjøpssjef"}
    assert entry.data["changed"]["investment_nok"] == {"from": "600000", "to": "550000"}


def test_a_bad_change_is_refused_and_the_stored_measure_stays(as_alice, organisation_a):
    measure = make_measure(make_plan(organisation_a))

    response = as_alice.post(
        reverse("climateplans:measure_edit", args=[measure.pk]),
        measure_data(title="Nytt navn", investment_nok="-1"),
    )

    assert response.status_code == 200
    assert "The investment cannot be negative." in response.content.decode()
    measure.refresh_from_db()
    assert (measure.title, measure.investment_nok) == ("Elektriske varebiler", Decimal(600_000))
    assert not AuditEntry.objects.exists()


# --- The action plan page ----------------------------------------------------------------------


def test_the_plan_lists_measures_with_totals_and_cost_per_tonne(as_alice, organisation_a):
    plan = make_plan(organisation_a)
    vans = make_measure(plan)  # (600 000 / 10 − 20 000) / 7.86 = 5 089.06 NOK/t
    make_measure(
        plan,
        title="Energiledelse",
        category="building_electricity",
        expected_reduction_t=Decimal("0.119"),
        expected_energy_kwh=Decimal(10_000),
        investment_nok=Decimal(50_000),
        lifetime_years=5,
        yearly_cost_nok=Decimal(-15_000),
        start_year=2027,
    )  # (10 000 − 15 000) / 0.119 = −42 016.81 NOK/t: saves money
    make_measure(plan, title="Ikke kjent", expected_reduction_t=Decimal(0))
    make_measure(plan, title="Lagt bort", status="dropped", investment_nok=Decimal(1_000_000))

    response = as_alice.get(reverse("climateplans:action_plan", args=[organisation_a.pk]))

    assert response.status_code == 200
    overview = response.context["overview"]
    costs = {row.measure.title: row.abatement_cost for row in overview.rows}
    assert costs["Elektriske varebiler"] == pytest.approx(40_000 / 7.86)
    assert costs["Energiledelse"] == pytest.approx(-5_000 / 0.119)
    assert costs["Ikke kjent"] is None
    totals = overview.totals
    assert totals.count == 3
    assert totals.dropped == 1
    assert totals.reduction_t == Decimal("7.979")  # 7.86 + 0.119 + 0
    assert totals.energy_kwh == Decimal(10_000)
    assert totals.investment_nok == Decimal(1_250_000)
    assert totals.yearly_cost_nok == Decimal(-55_000)
    page = response.content.decode()
    assert reverse("climateplans:measure_detail", args=[vans.pk]) in page
    assert "5,089" in page
    assert "-42,017" in page
    assert "The totals leave out 1 dropped measure." in page


def test_a_measure_without_costs_shows_no_costs_given_rather_than_zero(as_alice, organisation_a):
    plan = make_plan(organisation_a)
    # as the guide makes a measure: investment 0 and yearly cost 0
    guided = make_measure(
        plan, title="Fra veiviseren", investment_nok=Decimal(0), yearly_cost_nok=Decimal(0)
    )

    response = as_alice.get(reverse("climateplans:action_plan", args=[organisation_a.pk]))

    [row] = response.context["overview"].rows
    assert row.abatement_cost is None and not row.costs_given
    page = response.content.decode()
    link = reverse("climateplans:measure_detail", args=[guided.pk])
    cells = page[page.index(link) : page.index("</tr>", page.index(link))]
    assert "No costs given" in cells
    assert '<td class="kn-number">0</td>' not in cells
    detail = as_alice.get(link)
    assert "– (no costs given)" in detail.content.decode()


def test_the_quality_check_says_what_the_plan_lacks_at_the_top(as_alice, organisation_a):
    plan = make_plan(organisation_a)
    make_measure(
        plan,
        title="Sortere avfall",
        responsible="",
        investment_nok=Decimal(0),
        yearly_cost_nok=Decimal(0),
    )

    page = as_alice.get(reverse("climateplans:action_plan", args=[organisation_a.pk])).content
    page = page.decode()

    lacks = page.index("What the plan lacks")
    assert lacks < page.index('id="measures-heading"')
    assert "The plan has no yearly path to be measured against" in page
    assert "The plan has no reference path." in page
    assert "1 measure has no costs: «Sortere avfall»." in page
    assert "1 measure has no one responsible: «Sortere avfall»." in page


def test_a_target_and_saved_settings_give_the_plan_its_paths(as_alice, alice, organisation_a):
    make_measure(make_plan(organisation_a))
    make_target(organisation_a)

    page = as_alice.get(reverse("climateplans:action_plan", args=[organisation_a.pk]))

    assert page.context["overview"].findings == []
    assert "Nothing: the plan has measures with costs" in page.content.decode()


def test_an_empty_plan_is_shown_without_being_saved(as_alice, organisation_a):
    response = as_alice.get(reverse("climateplans:action_plan", args=[organisation_a.pk]))

    assert response.status_code == 200
    assert "The plan has no measures yet." in response.content.decode()
    assert not ActionPlan.objects.exists()


# --- Status reports and status -----------------------------------------------------------------


def test_a_status_report_is_listed_sets_the_status_and_is_audited(as_alice, alice, organisation_a):
    measure = make_measure(make_plan(organisation_a), status="in_progress")

    response = as_alice.post(
        reverse("climateplans:measure_report", args=[measure.pk]),
        {"reported_on": "2025-04-28", "status": "done", "progress": "Alle bilene er byttet."},
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "done"
    report = StatusReport.objects.get()
    assert (report.reported_by, report.progress) == (alice, "Alle bilene er byttet.")
    assert actions() == ["measure.status_reported", "measure.status_changed"]
    assert AuditEntry.objects.get(action="measure.status_changed").data == {
        "from": "in_progress",
        "to": "done",
    }
    page = as_alice.get(reverse("climateplans:measure_detail", args=[measure.pk])).content
    assert "Alle bilene er byttet." in page.decode()


def test_a_status_report_in_the_future_is_refused(as_alice, organisation_a):
    measure = make_measure(make_plan(organisation_a))

    response = as_alice.post(
        reverse("climateplans:measure_report", args=[measure.pk]),
        {"reported_on": "2999-01-01", "status": "done", "progress": ""},
    )

    assert response.status_code == 200
    assert "A status report cannot be dated in the future." in response.content.decode()
    assert not StatusReport.objects.exists()
    measure.refresh_from_db()
    assert measure.status == "planned"


def test_the_plan_settings_are_saved_and_audited(as_alice, alice, organisation_a):
    response = as_alice.post(
        reverse("climateplans:plan_settings", args=[organisation_a.pk]),
        {"report_cadence": "three_times", "reference_growth_percent": "1,5"},
    )

    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert (plan.report_cadence, plan.reference_growth_percent) == ("three_times", Decimal("1.5"))
    entry = AuditEntry.objects.get(action="action_plan.settings_changed")
    assert entry.actor == alice
    assert entry.data["changed"] == {
        "report_cadence": {"from": "yearly", "to": "three_times"},
        "reference_growth_percent": {"from": "0.0", "to": "1.5"},
    }


def test_a_reference_growth_outside_20_percent_is_refused(as_alice, organisation_a):
    response = as_alice.post(
        reverse("climateplans:plan_settings", args=[organisation_a.pk]),
        {"report_cadence": "yearly", "reference_growth_percent": "25"},
    )

    assert response.status_code == 200
    assert "Write a yearly change between -20 and 20 %." in response.content.decode()
    assert not ActionPlan.objects.exists()


# --- Templates ---------------------------------------------------------------------------------


@pytest.fixture
def account_2024(organisation_a):
    return make_account(
        organisation_a,
        2024,
        [("diesel", 6000, "l"), ("electricity", 100_000, "kWh")],
        status=APPROVED,
    )


def test_the_template_page_computes_from_the_account_and_marks_what_does_not_apply(
    as_alice, organisation_a, account_2024
):
    response = as_alice.get(reverse("climateplans:measure_templates", args=[organisation_a.pk]))

    assert response.status_code == 200
    applicable = [s.key for s in response.context["applicable"]]
    assert applicable == [
        "hvo_in_machinery",
        "diesel_vans_to_electric",
        "energy_management_electricity",
    ]
    not_applicable = [s.key for s in response.context["not_applicable"]]
    assert "less_paper" in not_applicable
    page = response.content.decode()
    assert "Today: 3,000 l Diesel (fossil) × 2.66 kg/l = 7.98 t CO2e" in page
    assert "Why guarantees of origin are not here" in page


def test_a_template_prefills_a_measure_that_is_saved_with_its_template_key(
    as_alice, organisation_a, account_2024
):
    url = reverse(
        "climateplans:measure_add_from_template",
        args=[organisation_a.pk, "diesel_vans_to_electric"],
    )

    response = as_alice.get(url, {"share": "100"})

    # 6 000 l × 2.66 = 15 960 kg; 60 336 kWh / 3 = 20 112 kWh × 0.0119 = 239.3328 kg.
    form = response.context["form"]
    assert form.initial["expected_reduction_t"] == Decimal("15.721")
    assert form.initial["expected_energy_kwh"] == Decimal(40_224)
    assert form.initial["activity_keys"] == ["diesel"]
    assert form.initial["category"] == "transport"

    saved = as_alice.post(
        url + "?share=100",
        measure_data(expected_reduction_t="15,721", expected_energy_kwh="40 224"),
    )

    assert saved.status_code == 302
    measure = Measure.objects.get()
    assert measure.template_key == "diesel_vans_to_electric"
    assert measure.expected_reduction_t == Decimal("15.721")


def test_a_bad_share_is_explained_and_the_default_share_used(
    as_alice, organisation_a, account_2024
):
    url = reverse("climateplans:measure_add_from_template", args=[organisation_a.pk, "less_paper"])

    response = as_alice.get(url, {"share": "0"})

    assert response.status_code == 200
    assert "Write a share from 1 to 100 per cent." in response.content.decode()
    assert response.context["suggestion"].estimate.share == 0.5
    assert not response.context["suggestion"].applicable


def test_an_unknown_template_is_404(as_alice, organisation_a):
    url = reverse("climateplans:measure_add_from_template", args=[organisation_a.pk, "nope"])
    assert as_alice.get(url).status_code == 404


def test_suggest_measures_gives_the_largest_cut_first_for_the_target_guide(
    organisation_a, account_2024, alice
):
    suggestions = suggest_measures(organisation_a)

    assert [s.key for s in suggestions] == [
        "hvo_in_machinery",
        "diesel_vans_to_electric",
        "energy_management_electricity",
    ]
    assert suggestions[0].reduction_t == pytest.approx(7.98)
    assert suggestions[0].account_year == 2024

    measures = services.add_suggested_measures(
        organisation=organisation_a, suggestions=suggestions[1:], start_year=2026, by=alice
    )

    assert [(m.title, m.expected_reduction_t, m.expected_energy_kwh) for m in measures] == [
        ("Replace diesel vans with electric vans", Decimal("7.860"), Decimal(20_112)),
        ("Energy management: cut electricity use in buildings", Decimal("0.119"), Decimal(10_000)),
    ]
    assert AuditEntry.objects.filter(action="measure.created").count() == 2


def test_without_an_account_there_is_nothing_to_suggest(organisation_a):
    assert suggest_measures(organisation_a) == []


# --- Realised effect ---------------------------------------------------------------------------


def test_a_done_measure_shows_its_realised_effect_beside_the_expected(as_alice, organisation_a):
    make_account(organisation_a, 2023, [("diesel", 8000, "l")], status=APPROVED)
    make_account(organisation_a, 2025, [("diesel", 3000, "l")], status=APPROVED)
    measure = make_measure(make_plan(organisation_a), status="done", start_year=2024)

    response = as_alice.get(reverse("climateplans:measure_detail", args=[measure.pk]))

    realised = response.context["row"].realised
    # (8 000 − 3 000) l × 2.66 kg/l = 13 300 kg.
    assert (realised.before_year, realised.after_year) == (2023, 2025)
    assert realised.cut_t == pytest.approx(13.3)
    assert "13.30" in response.content.decode()
    plan_page = as_alice.get(reverse("climateplans:action_plan", args=[organisation_a.pk]))
    assert [row.realised.cut_t for row in plan_page.context["overview"].done_rows] == [
        pytest.approx(13.3)
    ]
