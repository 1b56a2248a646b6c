"""The scorecard of a partner's year: account delivered, target set, on track, action plan up to
date, certification valid, events attended and the self-assessment."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport, Target
from klimanett.climateplans.scorecard import Mark, Progress, network_totals, scorecard, scorecards
from klimanett.climateplans.services import create_target
from klimanett.partners.models import Certification, Commitment, CommitmentStatus
from tests.builders import make_account, make_membership, make_organisation

pytestmark = pytest.mark.django_db

APPROVED = ClimateAccount.Status.APPROVED
SUBMITTED = ClimateAccount.Status.SUBMITTED
# A fixed day late in 2025: the scorecard of 2024 is read on 31.12.2024.
TODAY = datetime.date(2025, 11, 27)


@pytest.fixture(autouse=True)
def _in_english():
    """The explanations in English, so that the tests do not depend on the catalogues."""
    with translation.override("en"):
        yield


def diesel_accounts(organisation, litres_by_year, status=APPROVED):
    for year, litres in litres_by_year.items():
        make_account(organisation, year, [("diesel", litres, "l")], status=status)


def halve_direct_emissions(organisation, *, base_year=2022, reduction=50, scopes="1+2"):
    """Scopes 1 and 2 cut by `reduction` % from `base_year` to 2030 (the accounts have diesel
    only, so that is the direct emissions): a linear path, so 2024 allows
    100 % − 50 % × 2/8 = 87.5 % of the base year. Scopes 1 and 2, as a target of scope 1 alone
    is not judged against the 1.5 °C pace."""
    return create_target(
        organisation=organisation,
        title="Halvere direkte utslipp",
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.ABSOLUTE,
        scopes=scopes,
        base_year=base_year,
        target_year=2030,
        reduction_percent=Decimal(reduction),
        target_share_percent=None,
        by=None,
    )


def plan_with_measure(
    organisation,
    *,
    cadence="yearly",
    status=Measure.Status.IN_PROGRESS,
    added=datetime.date(2023, 11, 1),
):
    """A plan with one measure, added on `added` and not changed since."""
    plan = ActionPlan.objects.create(organisation=organisation, report_cadence=cadence)
    measure = Measure.objects.create(
        plan=plan,
        title="Elektriske varebiler",
        category=Measure.Category.TRANSPORT,
        expected_reduction_t=Decimal("1.5"),
        start_year=2024,
        status=status,
    )
    moment = timezone.make_aware(datetime.datetime.combine(added, datetime.time(12)))
    Measure.objects.filter(pk=measure.pk).update(created_at=moment, updated_at=moment)
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=moment)
    return plan, measure


def report(measure, day):
    return StatusReport.objects.create(
        measure=measure, reported_on=day, status=Measure.Status.IN_PROGRESS
    )


def assess_every_commitment(organisation, year):
    CommitmentStatus.objects.bulk_create(
        CommitmentStatus(organisation=organisation, commitment=c, year=year, status="done")
        for c in Commitment.objects.filter(is_active=True)
    )


def marks(card):
    return {item.key: item.mark for item in card.items()}


def test_a_partner_with_everything_in_place_scores_yes_on_every_row_but_meetings(
    organisation_a,
):
    diesel_accounts(organisation_a, {2022: 1000, 2024: 700})  # 70 % ≤ 87.5 %: on track
    halve_direct_emissions(organisation_a)
    _, measure = plan_with_measure(organisation_a)
    report(measure, datetime.date(2024, 9, 15))
    Certification.objects.create(
        organisation=organisation_a, scheme="miljofyrtarn", valid_until=datetime.date(2026, 3, 1)
    )
    assess_every_commitment(organisation_a, 2024)

    card = scorecard(organisation_a, year=2024, today=TODAY)

    assert marks(card) == {
        "account": Mark.YES,
        "target": Mark.YES,
        "on_track": Mark.YES,
        "action_plan": Mark.YES,
        "certification": Mark.YES,
        "meetings": Mark.NO,
        "self_assessment": Mark.YES,
    }
    assert card.progress == Progress.ON_TRACK
    assert card.any_aligned  # 50 % over 8 years is 6.25 % a year, above 4.2 %
    texts = {item.key: item.explanation for item in card.items()}
    assert "Nobody from the organisation was checked in" in texts["meetings"]
    assert "approved" in texts["account"]


def test_a_partner_with_nothing_yet_is_told_what_is_missing(organisation_a):
    card = scorecard(organisation_a, year=2024, today=TODAY)

    assert marks(card) == {
        "account": Mark.NO,
        "target": Mark.NO,
        "on_track": Mark.NO_DATA,
        "action_plan": Mark.NO,
        "certification": Mark.NO,
        "meetings": Mark.NO,
        "self_assessment": Mark.NO,
    }
    assert card.progress == Progress.NO_TARGET
    assert not card.any_aligned
    texts = {item.key: item.explanation for item in card.items()}
    assert texts["on_track"] == "There is no target to measure against yet."
    assert texts["action_plan"] == "There is no action plan yet. Make a plan of measures."


def test_a_draft_account_is_not_delivered_and_a_submitted_one_is(organisation_a, organisation_b):
    make_account(organisation_a, 2024, [("diesel", 100, "l")])
    make_account(organisation_b, 2024, [("diesel", 100, "l")], status=SUBMITTED)

    cards = scorecards([organisation_a, organisation_b], year=2024, today=TODAY)

    assert cards[organisation_a.pk].mark("account") == Mark.NO
    assert "started but not submitted" in cards[organisation_a.pk].items()[0].explanation
    assert cards[organisation_b.pk].mark("account") == Mark.YES


def test_a_partner_above_its_path_is_behind(organisation_a):
    diesel_accounts(organisation_a, {2022: 1000, 2024: 950})  # 95 % > 87.5 %

    halve_direct_emissions(organisation_a)
    card = scorecard(organisation_a, year=2024, today=TODAY)

    assert card.progress == Progress.BEHIND
    assert card.mark("on_track") == Mark.NO
    assert "Halvere direkte utslipp" in card.items()[2].explanation


def test_behind_on_one_target_is_behind_even_when_on_track_on_another(organisation_a):
    diesel_accounts(organisation_a, {2022: 1000, 2024: 850})  # 85 %: under 87.5 %, over 80 %
    halve_direct_emissions(organisation_a)  # on track
    halve_direct_emissions(organisation_a, reduction=80)  # allows 80 % in 2024: behind

    assert scorecard(organisation_a, year=2024, today=TODAY).progress == Progress.BEHIND


def test_on_track_has_no_data_until_an_account_after_the_base_year(organisation_a):
    diesel_accounts(organisation_a, {2022: 1000})
    make_account(organisation_a, 2023, [("diesel", 500, "l")])  # a draft does not count
    halve_direct_emissions(organisation_a)

    card = scorecard(organisation_a, year=2024, today=TODAY)

    assert card.progress == Progress.NO_DATA
    assert card.mark("on_track") == Mark.NO_DATA
    assert card.mark("target") == Mark.YES


def test_a_year_is_judged_on_the_accounts_up_to_that_year(organisation_a):
    diesel_accounts(organisation_a, {2022: 1000, 2023: 980, 2024: 700})
    halve_direct_emissions(organisation_a)

    # 2023 allows 93.75 % of the base year; 98 % is behind. 2024 is on track.
    assert scorecard(organisation_a, year=2023, today=TODAY).progress == Progress.BEHIND
    assert scorecard(organisation_a, year=2024, today=TODAY).progress == Progress.ON_TRACK


def test_a_withdrawn_target_is_not_a_target_set(organisation_a):
    diesel_accounts(organisation_a, {2022: 1000})
    target = halve_direct_emissions(organisation_a)
    Target.objects.filter(pk=target.pk).update(status=Target.Status.WITHDRAWN)

    assert scorecard(organisation_a, year=2024, today=TODAY).mark("target") == Mark.NO


def test_a_target_of_scope_1_alone_is_never_counted_as_1_5c_aligned(organisation_a):
    diesel_accounts(organisation_a, {2022: 1000})
    # 100 % over 8 years is 12.5 % a year, but SBTi's pace is for scopes 1 and 2 at least
    halve_direct_emissions(organisation_a, reduction=100, scopes=Target.Scopes.SCOPE_1)

    card = scorecard(organisation_a, year=2024, today=TODAY)

    assert card.has_target
    assert not card.any_aligned


def test_an_intensity_target_is_never_counted_as_1_5c_aligned(organisation_a):
    make_account(organisation_a, 2022, [("diesel", 1000, "l")], status=APPROVED, employees=10)
    create_target(
        organisation=organisation_a,
        title="Per ansatt",
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.PER_EMPLOYEE,
        scopes=Target.Scopes.SCOPE_1,
        base_year=2022,
        target_year=2030,
        reduction_percent=Decimal(90),
        target_share_percent=None,
        by=None,
    )

    card = scorecard(organisation_a, year=2024, today=TODAY)

    assert card.has_target
    assert not card.any_aligned


# --- The action plan ---------------------------------------------------------------------------


def test_a_yearly_plan_is_up_to_date_with_a_status_report_in_the_last_twelve_months(
    organisation_a,
):
    _, measure = plan_with_measure(organisation_a)
    report(measure, datetime.date(2024, 1, 10))

    assert scorecard(organisation_a, year=2024, today=TODAY).plan_up_to_date
    # Read on 31.12.2025, the report is almost two years old.
    assert not scorecard(organisation_a, year=2025, today=datetime.date(2026, 2, 1)).plan_up_to_date


def test_a_plan_followed_up_three_times_a_year_needs_a_report_in_the_last_four_months(
    organisation_a,
):
    _, measure = plan_with_measure(organisation_a, cadence=ActionPlan.Cadence.THREE_TIMES)
    report(measure, datetime.date(2024, 6, 1))  # seven months before 31.12.2024

    card = scorecard(organisation_a, year=2024, today=TODAY)
    assert not card.plan_up_to_date
    assert "three times a year" in card.items()[3].explanation

    report(measure, datetime.date(2024, 10, 1))
    assert scorecard(organisation_a, year=2024, today=TODAY).plan_up_to_date


def test_a_measure_changed_during_the_year_keeps_the_plan_up_to_date(organisation_a):
    _, measure = plan_with_measure(
        organisation_a, cadence=ActionPlan.Cadence.THREE_TIMES, added=datetime.date(2023, 6, 1)
    )
    changed = timezone.make_aware(datetime.datetime(2024, 3, 5, 12))
    Measure.objects.filter(pk=measure.pk).update(updated_at=changed)

    assert scorecard(organisation_a, year=2024, today=TODAY).plan_up_to_date
    assert not scorecard(organisation_a, year=2023, today=TODAY).plan_up_to_date


def test_a_plan_whose_measures_came_after_the_year_had_no_measures_in_it(organisation_a):
    _, measure = plan_with_measure(organisation_a, added=datetime.date(2025, 3, 1))
    report(measure, datetime.date(2025, 6, 1))

    assert scorecard(organisation_a, year=2025, today=TODAY).plan_up_to_date
    card = scorecard(organisation_a, year=2024, today=TODAY)
    assert not card.plan_up_to_date
    assert "no measures yet" in card.items()[3].explanation


def test_reports_after_the_year_do_not_count_for_it(organisation_a):
    _, measure = plan_with_measure(organisation_a)
    report(measure, datetime.date(2025, 2, 1))

    assert not scorecard(organisation_a, year=2024, today=TODAY).plan_up_to_date


def test_a_plan_with_only_dropped_measures_or_none_is_not_up_to_date(organisation_a):
    plan = ActionPlan.objects.create(organisation=organisation_a)
    card = scorecard(organisation_a, year=2025, today=TODAY)
    assert not card.plan_up_to_date  # the plan changed today, but has no measures
    assert "no measures yet" in card.items()[3].explanation

    Measure.objects.create(
        plan=plan,
        title="Droppet tiltak",
        category=Measure.Category.OTHER,
        expected_reduction_t=Decimal(1),
        start_year=2025,
        status=Measure.Status.DROPPED,
    )
    assert not scorecard(organisation_a, year=2025, today=TODAY).plan_up_to_date


# --- Certification and self-assessment -----------------------------------------------------


def test_a_certificate_counts_when_valid_at_the_end_of_the_year(organisation_a):
    Certification.objects.create(
        organisation=organisation_a, scheme="iso14001", valid_until=datetime.date(2024, 6, 30)
    )

    assert scorecard(organisation_a, year=2023, today=TODAY).mark("certification") == Mark.YES
    card = scorecard(organisation_a, year=2024, today=TODAY)
    assert card.mark("certification") == Mark.NO
    assert "expired" in card.items()[4].explanation


def test_a_planned_certificate_counts_as_partly(organisation_a):
    Certification.objects.create(
        organisation=organisation_a,
        scheme="miljofyrtarn",
        status=Certification.Status.PLANNED,
        planned_by=datetime.date(2026, 5, 1),
    )

    card = scorecard(organisation_a, year=2025, today=TODAY)

    assert card.mark("certification") == Mark.PARTLY
    assert "planned" in card.items()[4].explanation


def test_a_self_assessment_of_some_commitments_counts_as_partly(organisation_a):
    first, second, *_ = Commitment.objects.filter(is_active=True)
    for commitment in (first, second):
        CommitmentStatus.objects.create(
            organisation=organisation_a, commitment=commitment, year=2024
        )

    card = scorecard(organisation_a, year=2024, today=TODAY)

    total = Commitment.objects.filter(is_active=True).count()
    assert (card.commitments_reported, card.commitments_total) == (2, total)
    assert card.mark("self_assessment") == Mark.PARTLY
    assert card.items()[6].explanation == f"2 of {total} commitments are assessed for 2024."
    assert scorecard(organisation_a, year=2025, today=TODAY).mark("self_assessment") == Mark.NO


# --- Many at once ----------------------------------------------------------------------------


def busy_partner(n):
    organisation = make_organisation(name=f"Partner {n:02d} AS")
    make_membership(organisation)
    diesel_accounts(organisation, {2022: 1000, 2024: 600 + 100 * (n % 4)})
    halve_direct_emissions(organisation)
    _, measure = plan_with_measure(organisation)
    report(measure, datetime.date(2024, 5, 1))
    Certification.objects.create(
        organisation=organisation, scheme="miljofyrtarn", valid_until=datetime.date(2027, 1, 1)
    )
    assess_every_commitment(organisation, 2024)
    return organisation


def queries_for(organisations):
    with CaptureQueriesContext(connection) as queries:
        cards = scorecards(organisations, year=2024, today=TODAY)
    assert len(cards) == len(organisations)
    return len(queries)


def test_scorecards_of_many_partners_take_the_same_queries_as_of_two():
    two = [busy_partner(n) for n in range(2)]
    with_two = queries_for(two)

    eight = two + [busy_partner(n) for n in range(2, 8)]
    with_eight = queries_for(eight)

    assert with_eight == with_two == 8


def test_network_totals_count_targets_alignment_and_progress():
    partners = [busy_partner(n) for n in range(4)]  # 2024 at 60, 70, 80 and 90 % of 2022
    idle = make_organisation(name="Uten mål AS")

    cards = scorecards([*partners, idle], year=2024, today=TODAY).values()
    totals = network_totals(cards)

    assert totals.partners == 5
    assert totals.with_target == totals.aligned == 4
    assert (totals.on_track, totals.behind, totals.no_data) == (3, 1, 0)
