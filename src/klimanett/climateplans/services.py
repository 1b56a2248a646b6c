"""Writes to targets, action plans and measures: typed, keyword-only, transactional, and
audited ("every change to a target writes an audit entry")."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from klimanett.climateplans import actuals, baselines
from klimanett.climateplans.measure_templates import over_claims
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport, Target
from klimanett.climateplans.suggestions import Suggestion
from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.models import Organisation

# --- Targets ---------------------------------------------------------------------------------

STANDARD_COMMITMENT_YEAR = 2030
# The terms that define a target, recorded in its audit entries.
TARGET_TERMS = (
    "title",
    "kind",
    "metric",
    "scopes",
    "base_year",
    "base_value",
    "target_year",
    "reduction_percent",
    "target_share_percent",
    "is_standard_commitment",
    "status",
    "notes",
    "publish",
)


class StandardCommitmentExists(Exception):
    """The organisation has already taken the standard commitment (and not withdrawn it)."""


class NoAccountToBaseOn(Exception):
    """The organisation has no submitted or approved climate account to take a base year
    from."""


class TargetWithdrawn(Exception):
    """A withdrawn target is kept as it was: it is neither changed nor withdrawn again."""


def _terms(target: Target) -> dict[str, Any]:
    """The target's terms as JSON-ready values for the audit log."""
    values = {}
    for name in TARGET_TERMS:
        value = getattr(target, name)
        values[name] = str(value) if isinstance(value, Decimal) else value
    return values


def _normalised(
    *, kind: str, metric: str, scopes: str, reduction: Decimal | None, share: Decimal | None
) -> tuple[str, str, Decimal | None, Decimal | None]:
    """Only the terms that belong to the kind of target: scopes for emissions, a reduction
    for emissions and energy, a target share (of an absolute share) for a renewable share."""
    if kind == Target.Kind.RENEWABLE_SHARE:
        return Target.Metric.ABSOLUTE, Target.Scopes.SCOPES_1_2, None, share
    if kind == Target.Kind.ENERGY:
        scopes = Target.Scopes.SCOPES_1_2
    return metric, scopes, reduction, None


@transaction.atomic
def create_target(
    *,
    organisation: Organisation,
    title: str,
    kind: str,
    metric: str,
    scopes: str,
    base_year: int,
    target_year: int,
    reduction_percent: Decimal | None,
    target_share_percent: Decimal | None,
    notes: str = "",
    is_standard_commitment: bool = False,
    publish: bool = False,
    by: User | None,
    figures: Mapping[int, actuals.YearFigures] | None = None,
) -> Target:
    """A new active target; its base value is read from the base year's submitted or approved
    account (`figures` if the caller has them, else they are read). `publish` shows it on the
    organisation's public profile. Raises a ValidationError by field, and saves nothing, when
    the terms do not hold together."""
    if figures is None:
        figures = actuals.figures_of(organisation.pk)
    metric, scopes, reduction_percent, target_share_percent = _normalised(
        kind=kind,
        metric=metric,
        scopes=scopes,
        reduction=reduction_percent,
        share=target_share_percent,
    )
    base_value = baselines.validated_base_value(
        kind=kind,
        metric=metric,
        scopes=scopes,
        base_year=base_year,
        target_year=target_year,
        reduction_percent=reduction_percent,
        target_share_percent=target_share_percent,
        figures=figures,
        allow_zero_base=is_standard_commitment,
    )
    target = Target(
        organisation=organisation,
        title=title,
        kind=kind,
        metric=metric,
        scopes=scopes,
        base_year=base_year,
        base_value=base_value,
        target_year=target_year,
        reduction_percent=reduction_percent,
        target_share_percent=target_share_percent,
        is_standard_commitment=is_standard_commitment,
        notes=notes,
        publish=publish,
        created_by=by,
    )
    target.full_clean()
    target.save()
    audit.record(target, "target.created", by=by, data=_terms(target))
    return target


@transaction.atomic
def update_target(
    *,
    target: Target,
    title: str,
    kind: str,
    metric: str,
    scopes: str,
    base_year: int,
    target_year: int,
    reduction_percent: Decimal | None,
    target_share_percent: Decimal | None,
    notes: str = "",
    publish: bool | None = None,
    by: User | None,
    figures: Mapping[int, actuals.YearFigures] | None = None,
) -> Target:
    """Change a target's terms, and whether it is shown on the public profile (`publish`; None
    leaves that as it is); the base value is read again from the base year's account.
    The audit entry keeps each changed term before and after. Raises a ValidationError by
    field, and saves nothing, when the terms do not hold together."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    if target.status == Target.Status.WITHDRAWN:
        raise TargetWithdrawn
    if figures is None:
        figures = actuals.figures_of(target.organisation_id)
    metric, scopes, reduction_percent, target_share_percent = _normalised(
        kind=kind,
        metric=metric,
        scopes=scopes,
        reduction=reduction_percent,
        share=target_share_percent,
    )
    before = _terms(target)
    target.base_value = baselines.validated_base_value(
        kind=kind,
        metric=metric,
        scopes=scopes,
        base_year=base_year,
        target_year=target_year,
        reduction_percent=reduction_percent,
        target_share_percent=target_share_percent,
        figures=figures,
        allow_zero_base=target.is_standard_commitment,
    )
    target.title = title
    target.kind = kind
    target.metric = metric
    target.scopes = scopes
    target.base_year = base_year
    target.target_year = target_year
    target.reduction_percent = reduction_percent
    target.target_share_percent = target_share_percent
    target.notes = notes
    if publish is not None:
        target.publish = publish
    # A changed standard commitment stays one only while it still asks for as much.
    target.is_standard_commitment = target.is_standard_commitment and meets_standard_commitment(
        target
    )
    target.full_clean()
    target.save()
    after = _terms(target)
    changed = {
        name: {"from": before[name], "to": after[name]}
        for name in TARGET_TERMS
        if before[name] != after[name]
    }
    audit.record(target, "target.updated", by=by, data={"changed": changed})
    return target


WITHDRAW_REASON_MAX_LENGTH = 500


@transaction.atomic
def withdraw_target(*, target: Target, reason: str = "", by: User | None) -> Target:
    """Withdraw a target: it stays, with its history, but is no longer followed up."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    if target.status == Target.Status.WITHDRAWN:
        raise TargetWithdrawn
    previous = target.status
    target.status = Target.Status.WITHDRAWN
    target.save(update_fields=["status", "updated_at"])
    audit.record(
        target,
        "target.withdrawn",
        by=by,
        data={"previous_status": previous, "reason": reason.strip()},
    )
    return target


def meets_standard_commitment(target: Target) -> bool:
    """Whether the target asks for at least the standard commitment: all direct emissions
    (scope 1, alone or with more scopes) cut, in absolute terms, by 2030 at the latest."""
    return (
        target.kind == Target.Kind.EMISSIONS
        and target.metric == Target.Metric.ABSOLUTE
        and target.reduction_percent is not None
        and target.reduction_percent >= 100
        and target.target_year <= STANDARD_COMMITMENT_YEAR
    )


def has_standard_commitment(organisation: Organisation) -> bool:
    return (
        Target.objects.filter(organisation=organisation, is_standard_commitment=True)
        .exclude(status=Target.Status.WITHDRAWN)
        .exists()
    )


@transaction.atomic
def take_standard_commitment(*, organisation: Organisation, by: User | None) -> Target:
    """The network's standard commitment in one step: fossil-free, with direct emissions
    (scope 1) cut by 100 % by 2030 against the base year (the base year chosen for the climate
    accounts, else the first submitted or approved account).

    Raises StandardCommitmentExists when it is taken already, NoAccountToBaseOn without an
    account, and a ValidationError when the base year is 2030 or later."""
    # One at a time per organisation, so that two clicks make one target.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if has_standard_commitment(organisation):
        raise StandardCommitmentExists
    figures = actuals.figures_of(organisation.pk)
    base_year = baselines.default_base_year(organisation.pk, figures)
    if base_year is None:
        raise NoAccountToBaseOn
    return create_target(
        organisation=organisation,
        title=_("Fossil-free, with direct emissions cut, by 2030"),
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.ABSOLUTE,
        scopes=Target.Scopes.SCOPE_1,
        base_year=base_year,
        target_year=STANDARD_COMMITMENT_YEAR,
        reduction_percent=Decimal(100),
        target_share_percent=None,
        is_standard_commitment=True,
        by=by,
        figures=figures,
    )


# --- Action plans and measures ---------------------------------------------------------------

PLAN_CREATED = "action_plan.created"
PLAN_SETTINGS_CHANGED = "action_plan.settings_changed"
MEASURE_CREATED = "measure.created"
MEASURE_UPDATED = "measure.updated"
MEASURE_STATUS_CHANGED = "measure.status_changed"
MEASURE_STATUS_REPORTED = "measure.status_reported"

# What a measure is, recorded in its audit entries; the fields `add_measure` and
# `update_measure` accept.
MEASURE_FIELDS = (
    "title",
    "description",
    "category",
    "activity_keys",
    "template_key",
    "expected_reduction_t",
    "expected_energy_kwh",
    "investment_nok",
    "lifetime_years",
    "yearly_cost_nok",
    "start_year",
    "status",
    "responsible",
)


def _json_ready(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _measure_values(measure: Measure) -> dict[str, Any]:
    return {name: _json_ready(getattr(measure, name)) for name in MEASURE_FIELDS}


def _checked_fields(values: Mapping[str, Any]) -> None:
    unknown = sorted(set(values) - set(MEASURE_FIELDS))
    if unknown:
        raise TypeError(f"not fields of a measure: {', '.join(unknown)}")


@transaction.atomic
def ensure_action_plan(*, organisation: Organisation, by: User | None) -> ActionPlan:
    """The organisation's action plan, made (and audited) on first use."""
    plan, created = ActionPlan.objects.get_or_create(organisation=organisation)
    if created:
        audit.record(
            plan,
            PLAN_CREATED,
            by=by,
            data={
                "report_cadence": plan.report_cadence,
                "reference_growth_percent": str(plan.reference_growth_percent),
            },
        )
    return plan


def _plan_settings(plan: ActionPlan) -> dict[str, Any]:
    return {
        "report_cadence": plan.report_cadence,
        "reference_growth_percent": str(plan.reference_growth_percent),
        "publish_done_measures": plan.publish_done_measures,
    }


@transaction.atomic
def update_plan_settings(
    *,
    organisation: Organisation,
    report_cadence: str,
    reference_growth_percent: Decimal,
    publish_done_measures: bool | None = None,
    by: User | None,
) -> ActionPlan:
    """Set how often the measures are reported on, the yearly change of emissions without
    new measures (the reference path), and whether the done measures are shown on the public
    profile (`publish_done_measures`; None leaves that as it is). Raises a ValidationError,
    and saves nothing, for values outside the model's bounds."""
    plan = ActionPlan.objects.select_for_update().get(
        pk=ensure_action_plan(organisation=organisation, by=by).pk
    )
    before = _plan_settings(plan)
    plan.report_cadence = report_cadence
    plan.reference_growth_percent = reference_growth_percent
    if publish_done_measures is not None:
        plan.publish_done_measures = publish_done_measures
    plan.full_clean()
    plan.save()
    after = _plan_settings(plan)
    changed = {
        name: {"from": before[name], "to": after[name]}
        for name in before
        if before[name] != after[name]
    }
    audit.record(plan, PLAN_SETTINGS_CHANGED, by=by, data={**after, "changed": changed})
    return plan


@transaction.atomic
def add_measure(
    *, organisation: Organisation, values: Mapping[str, Any], by: User | None
) -> Measure:
    """A new measure in the organisation's action plan (made if needed) from `values` by
    field name (``MEASURE_FIELDS``). Raises a ValidationError by field, and saves nothing (not
    even the plan), when the values break the model's rules: a negative investment or
    reduction, a start year outside 2000–2100."""
    _checked_fields(values)
    plan = ensure_action_plan(organisation=organisation, by=by)
    measure = Measure(plan=plan, **values)
    measure.full_clean()
    measure.save()
    audit.record(measure, MEASURE_CREATED, by=by, data=_measure_values(measure))
    return measure


@transaction.atomic
def update_measure(*, measure: Measure, values: Mapping[str, Any], by: User | None) -> Measure:
    """Change a measure's fields; the audit entry keeps each changed field before and after.
    Raises a ValidationError by field, and saves nothing, when the values break the model's
    rules."""
    _checked_fields(values)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    before = _measure_values(measure)
    for name, value in values.items():
        setattr(measure, name, value)
    measure.full_clean()
    measure.save()
    after = _measure_values(measure)
    changed = {
        name: {"from": before[name], "to": after[name]}
        for name in MEASURE_FIELDS
        if before[name] != after[name]
    }
    audit.record(measure, MEASURE_UPDATED, by=by, data={"changed": changed})
    return measure


@transaction.atomic
def change_measure_status(*, measure: Measure, status: str, by: User | None) -> Measure:
    """Move a measure to another status (idea, planned, in progress, done, dropped)."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    previous = measure.status
    if status == previous:
        return measure
    measure.status = status
    measure.full_clean()
    measure.save(update_fields=["status", "updated_at"])
    audit.record(measure, MEASURE_STATUS_CHANGED, by=by, data={"from": previous, "to": status})
    return measure


@transaction.atomic
def report_measure_status(
    *,
    measure: Measure,
    reported_on: datetime.date,
    status: str,
    progress: str,
    by: User | None,
) -> StatusReport:
    """A status report on a measure: where it stands on `reported_on` and what has happened.
    The measure takes the reported status. Raises a ValidationError, and saves nothing, for a
    date in the future or an unknown status."""
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("A status report cannot be dated in the future.")})
    report = StatusReport(
        measure=measure,
        reported_on=reported_on,
        status=status,
        progress=progress.strip(),
        reported_by=by,
    )
    report.full_clean()
    report.save()
    audit.record(
        measure,
        MEASURE_STATUS_REPORTED,
        by=by,
        data={
            "report": report.pk,
            "reported_on": reported_on.isoformat(),
            "status": status,
            "progress": report.progress,
        },
    )
    change_measure_status(measure=measure, status=status, by=by)
    measure.refresh_from_db(fields=["status", "updated_at"])
    return report


@transaction.atomic
def add_suggested_measures(
    *,
    organisation: Organisation,
    suggestions: Iterable[Suggestion],
    start_year: int,
    status: str = Measure.Status.PLANNED,
    by: User | None,
) -> list[Measure]:
    """One measure per suggestion (``suggestions.Suggestion``, as ``suggest_measures``
    gives them) with its computed reduction and kWh, from `start_year`: the draft action plan
    the target guide ends with."""
    return [
        add_measure(
            organisation=organisation,
            values={**suggestion.measure_values(start_year=start_year), "status": status},
            by=by,
        )
        for suggestion in suggestions
    ]


def _in_a_sentence(name: str) -> str:
    """A name with a small first letter, for the middle of a sentence (not an "LPG")."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _over_claim_messages(suggestions: list[Suggestion]) -> list[str]:
    """What is wrong with measures that together replace more than 100 % of an activity (none
    when they fit together; ``measure_templates.choice`` has the rule)."""
    by_key = {s.key: s for s in suggestions}
    names: dict[str, str] = {}
    for suggestion in suggestions:
        names.update(zip(suggestion.activity_keys, suggestion.activity_names, strict=True))
    return [
        _(
            "%(measures)s would together replace %(percent)s %% of the %(activity)s in your "
            "account, but no more than 100 %% of it can be replaced. Choose one of them."
        )
        % {
            "measures": get_text_list(
                [_("“%(title)s”") % {"title": by_key[key].title} for key in claim.template_keys],
                _("and"),
            ),
            "percent": round(claim.share * 100),
            "activity": _in_a_sentence(names.get(claim.activity, claim.activity)),
        }
        for claim in over_claims(s.estimate for s in suggestions)
    ]


@transaction.atomic
def complete_target_guide(
    *,
    organisation: Organisation,
    title: str,
    scopes: str,
    base_year: int,
    target_year: int,
    reduction_percent: Decimal,
    suggestions: Iterable[Suggestion],
    start_year: int,
    by: User | None,
    figures: Mapping[int, actuals.YearFigures] | None = None,
) -> tuple[Target, list[Measure]]:
    """The target guide's end: an absolute emissions target and a draft action plan of the
    chosen measures (planned from `start_year`), both or neither (a ValidationError by field
    from the target saves nothing). Measures that together replace more than 100 % of an
    activity (two of the heating alternatives) are refused on "measures"."""
    suggestions = list(suggestions)
    too_much = _over_claim_messages(suggestions)
    if too_much:
        raise ValidationError({"measures": too_much})
    target = create_target(
        organisation=organisation,
        title=title,
        kind=Target.Kind.EMISSIONS,
        metric=Target.Metric.ABSOLUTE,
        scopes=scopes,
        base_year=base_year,
        target_year=target_year,
        reduction_percent=reduction_percent,
        target_share_percent=None,
        by=by,
        figures=figures,
    )
    measures = add_suggested_measures(
        organisation=organisation, suggestions=suggestions, start_year=start_year, by=by
    )
    return target, measures
