"""Builders for action plans and measures (the action plan's tests)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from klimanett.climateplans.models import ActionPlan, Measure, StatusReport
from klimanett.partners.models import Organisation


def make_plan(organisation: Organisation, **overrides: Any) -> ActionPlan:
    return ActionPlan.objects.create(organisation=organisation, **overrides)


def make_measure(
    plan: ActionPlan, *, added_on: datetime.date | None = None, **overrides: Any
) -> Measure:
    """A planned transport measure with costs and someone responsible; `added_on` sets the
    day it was added (for the follow-up's deadlines)."""
    fields: dict[str, Any] = {
        "plan": plan,
        "title": "Elektriske varebiler",
        "category": Measure.Category.TRANSPORT,
        "activity_keys": ["diesel"],
        "expected_reduction_t": Decimal("7.860"),
        "investment_nok": Decimal(600_000),
        "lifetime_years": 10,
        "yearly_cost_nok": Decimal(-20_000),
        "start_year": 2026,
        "status": Measure.Status.PLANNED,
        "responsible": "Driftsleder",
    }
    fields.update(overrides)
    measure = Measure.objects.create(**fields)
    if added_on is not None:
        moment = timezone.make_aware(datetime.datetime.combine(added_on, datetime.time(12)))
        Measure.objects.filter(pk=measure.pk).update(created_at=moment)
        measure.refresh_from_db()
    return measure


def make_report(measure: Measure, reported_on: datetime.date, **overrides: Any) -> StatusReport:
    fields: dict[str, Any] = {
        "measure": measure,
        "reported_on": reported_on,
        "status": measure.status,
        "progress": "Går etter planen.",
    }
    fields.update(overrides)
    return StatusReport.objects.create(**fields)
