"""Write the demo partners' targets, action plans, measures and status reports (issue 4).

Run by ``build.build_demo`` after the climate accounts and base years. Keyed on the
organisation: a partner that has any target gets no demo targets, one that has an action plan
gets no demo plan, so a second run creates nothing and a demo that has been tried out keeps its
edits. The accounts are read once, for every partner still to build, through
``actuals.figures_by_organisation``; targets are made by ``services.create_target`` (base value
from the base year's account, validated, audited); plans, measures and reports in bulk, with
their dates set back to when they were planned.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from klimanett.climateplans import actuals, services
from klimanett.climateplans.measure_templates import BY_KEY, Estimate, best_set, estimate_all
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport, Target
from klimanett.climateplans.suggestions import account_lines
from klimanett.core.models import User
from klimanett.demo import climate_data as cd
from klimanett.demo.climate_plan import (
    ENERGY_STEPS,
    PlannedClimatePlan,
    PlannedMeasure,
    PlannedTarget,
    choose_reduction,
)
from klimanett.demo.plan import PlannedOrganisation, account_profile
from klimanett.partners.models import Organisation


def build_climate_plans(
    planned: list[PlannedOrganisation],
    climate_plans: Mapping[str, PlannedClimatePlan],
    organisations: dict[str, Organisation],
    users: dict[str, User],
) -> dict[str, int]:
    """Create the missing targets and plans; how many of each were created."""
    ids = [organisations[number].pk for number in climate_plans]
    with_targets = set(
        Target.objects.filter(organisation_id__in=ids).values_list("organisation_id", flat=True)
    )
    with_plans = set(
        ActionPlan.objects.filter(organisation_id__in=ids).values_list("organisation_id", flat=True)
    )
    todo = []
    for p in planned:
        climate = climate_plans.get(p.org_number)
        if climate is None:
            continue
        pk = organisations[p.org_number].pk
        wants_targets = bool(climate.targets) and pk not in with_targets
        wants_plan = bool(climate.cadence) and pk not in with_plans
        if wants_targets or wants_plan:
            todo.append((p, climate, wants_targets, wants_plan))
    created = {"targets": 0, "action plans": 0, "measures": 0, "status reports": 0}
    if not todo:
        return created

    figures = actuals.figures_by_organisation(organisations[p.org_number].pk for p, *_ in todo)
    plans: list[tuple[ActionPlan, PlannedClimatePlan]] = []
    measures: list[tuple[Measure, PlannedMeasure]] = []
    with translation.override("nb"):
        for p, climate, wants_targets, wants_plan in todo:
            organisation = organisations[p.org_number]
            organisation_figures = figures.get(organisation.pk, {})
            contact = users[p.contacts[0].email]
            if wants_targets:
                for planned_target in climate.targets:
                    made = _target(
                        organisation, planned_target, organisation_figures, contact, climate.publish
                    )
                    created["targets"] += made is not None
            if wants_plan:
                plan = ActionPlan(
                    organisation=organisation,
                    report_cadence=climate.cadence,
                    reference_growth_percent=climate.reference_growth_percent,
                    publish_done_measures=climate.publish,
                )
                plans.append((plan, climate))
                estimates = _estimates(organisation_figures, account_profile(p.spec))
                measures.extend(_measures(plan, climate.measures, estimates, organisation_figures))
    _save_plans(plans, measures, created)
    return created


def _target(
    organisation: Organisation,
    planned: PlannedTarget,
    figures: Mapping[int, actuals.YearFigures],
    by: User,
    publish: bool,
) -> Target | None:
    """The target, with a reduction that puts it where the plan says (None: left out, when no
    round reduction does for an energy target, or the terms do not hold)."""
    if planned.standard:
        if not _scope1_in_every_year(figures):
            return None
        return _create(
            organisation, planned, Decimal(100), cd.STANDARD_COMMITMENT_TITLE, by, figures, publish
        )
    values = {
        year: value
        for year, year_figures in figures.items()
        if (
            value := actuals.target_value(
                kind=planned.kind,
                metric=Target.Metric.ABSOLUTE,
                scopes=planned.scopes,
                figures=year_figures,
            )
        )
        is not None
    }
    is_energy = planned.kind == Target.Kind.ENERGY
    percent = choose_reduction(
        outcome=planned.outcome,
        values=values,
        base_year=planned.base_year,
        target_year=planned.target_year,
        **({"steps": ENERGY_STEPS} if is_energy else {}),
    )
    if percent is None:
        if is_energy:
            return None
        # Emissions that have not fallen cannot be on track with any cut; aim for the least.
        percent = 20 if planned.outcome == cd.ON_TRACK else 90
    title_scopes = Target.Scopes.SCOPES_1_2 if is_energy else planned.scopes
    title = cd.TARGET_TITLES[(planned.kind, title_scopes)].format(
        percent=percent, year=planned.target_year
    )
    return _create(organisation, planned, Decimal(percent), title, by, figures, publish)


def _scope1_in_every_year(figures: Mapping[int, actuals.YearFigures]) -> bool:
    return bool(figures) and all(f.totals.scope1_kg > 0 for f in figures.values())


def _create(
    organisation: Organisation,
    planned: PlannedTarget,
    percent: Decimal,
    title: str,
    by: User,
    figures: Mapping[int, actuals.YearFigures],
    publish: bool,
) -> Target | None:
    try:
        return services.create_target(
            organisation=organisation,
            title=title,
            kind=planned.kind,
            metric=Target.Metric.ABSOLUTE,
            scopes=planned.scopes,
            base_year=planned.base_year,
            target_year=planned.target_year,
            reduction_percent=percent,
            target_share_percent=None,
            notes=planned.notes,
            is_standard_commitment=planned.standard,
            publish=publish,
            by=by,
            figures=figures,
        )
    except ValidationError:
        return None


def _estimates(figures: Mapping[int, actuals.YearFigures], profile: str) -> list[Estimate]:
    """The templates that cut something in the latest account, the largest cut first: the
    library's best set that claims at most 100 % of an activity (one of the heating
    alternatives; electric vans and HVO share the diesel, half each), without those that do not
    suit the kind of partner."""
    if not figures:
        return []
    unsuited = cd.UNSUITED_TEMPLATES.get(profile, frozenset())
    return best_set(
        estimate
        for estimate in estimate_all(account_lines(figures[max(figures)]))
        if estimate.reduction_t >= 0.01 and estimate.template_key not in unsuited
    )


def _measures(
    plan: ActionPlan,
    planned: tuple[PlannedMeasure, ...],
    estimates: list[Estimate],
    figures: Mapping[int, actuals.YearFigures],
) -> list[tuple[Measure, PlannedMeasure]]:
    """The planned measures: the n-th largest template estimate for the organisation's latest
    account, and its own."""
    latest_kg = figures[max(figures)].totals.total_location_kg if figures else 0.0
    made = []
    for measure_plan in planned:
        if measure_plan.own is not None:
            own = measure_plan.own
            reduction = Decimal(repr(own.share_of_total * latest_kg / 1000.0))
            values: dict[str, Any] = {
                "title": own.title,
                "description": own.description,
                "category": own.category,
                "activity_keys": list(own.activity_keys),
                "expected_reduction_t": reduction.quantize(Decimal("0.1"), ROUND_HALF_UP),
                "investment_nok": Decimal(own.investment_nok),
                "lifetime_years": own.lifetime_years,
                "yearly_cost_nok": Decimal(own.yearly_cost_nok),
                "start_year": measure_plan.start_year,
            }
        else:
            rank = measure_plan.template_rank or 0
            if rank >= len(estimates):
                continue
            values = _from_template(estimates[rank], measure_plan.start_year)
        roles = cd.RESPONSIBLE[str(values["category"])]
        made.append(
            (
                Measure(
                    plan=plan,
                    status=measure_plan.status,
                    responsible=roles[measure_plan.responsible_pick % len(roles)],
                    **values,
                ),
                measure_plan,
            )
        )
    return made


def _from_template(estimate: Estimate, start_year: int) -> dict[str, Any]:
    """A measure's fields from a template's estimate (as ``Suggestion.measure_values`` makes
    them), with a title and description in bokmål and the invented costs."""
    title, description, cost = cd.TEMPLATE_MEASURES[estimate.template_key]
    energy = estimate.energy_kwh
    amount = (energy or 0.0) if cost.per_kwh else estimate.reduction_t
    return {
        "title": title,
        "description": description,
        "category": BY_KEY[estimate.template_key].category,
        "activity_keys": list(estimate.activities),
        "template_key": estimate.template_key,
        "expected_reduction_t": Decimal(repr(estimate.reduction_t)).quantize(
            Decimal("0.001"), ROUND_HALF_UP
        ),
        "expected_energy_kwh": None
        if energy is None
        else Decimal(repr(energy)).quantize(Decimal(1), ROUND_HALF_UP),
        "investment_nok": _nok(cost.investment * amount),
        "lifetime_years": cost.lifetime_years,
        "yearly_cost_nok": _nok(cost.yearly * amount),
        "start_year": start_year,
    }


def _nok(value: float) -> Decimal:
    """A sum as a budget gives it: to the thousand, or the hundred below ten thousand."""
    places = -2 if abs(value) < 10_000 else -3
    return Decimal(round(value, places)).quantize(Decimal(1))


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _save_plans(
    plans: list[tuple[ActionPlan, PlannedClimatePlan]],
    measures: list[tuple[Measure, PlannedMeasure]],
    created: dict[str, int],
) -> None:
    """Plans, measures and reports in bulk; the dates set back to when they were planned and
    last reported (none after today)."""
    today = timezone.localdate()
    ActionPlan.objects.bulk_create(plan for plan, _ in plans)
    for measure, _ in measures:
        measure.plan_id = measure.plan.pk
    Measure.objects.bulk_create(measure for measure, _ in measures)
    reports: list[StatusReport] = []
    first_added: dict[int, datetime.date] = {}
    for measure, measure_plan in measures:
        added = min(measure_plan.added_on, today)
        done = [r for r in measure_plan.reports if r.reported_on <= today]
        measure.created_at = _moment(added)
        measure.updated_at = _moment(max([added, *(r.reported_on for r in done)]))
        first_added[measure.plan_id] = min(first_added.get(measure.plan_id, added), added)
        reports.extend(
            StatusReport(
                measure=measure, reported_on=r.reported_on, status=r.status, progress=r.progress
            )
            for r in done
        )
    # One small update per pair of dates: a bulk update's CASE over every row is far slower.
    by_dates: dict[tuple[datetime.datetime, datetime.datetime], list[int]] = {}
    for measure, _ in measures:
        by_dates.setdefault((measure.created_at, measure.updated_at), []).append(measure.pk)
    for (created_at, updated_at), pks in by_dates.items():
        Measure.objects.filter(pk__in=pks).update(created_at=created_at, updated_at=updated_at)
    for plan, _ in plans:
        plan.updated_at = _moment(first_added.get(plan.pk, today))
    ActionPlan.objects.bulk_update([plan for plan, _ in plans], ["updated_at"])
    StatusReport.objects.bulk_create(reports)
    created["action plans"] = len(plans)
    created["measures"] = len(measures)
    created["status reports"] = len(reports)
