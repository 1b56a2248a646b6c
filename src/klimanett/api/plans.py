"""An organisation's own climate targets and action-plan measures: read and write, with a
personal API token or the logged-in session (``tokens.OWN_DATA_AUTH``).

Only the organisations of ``tokens.own_organisations`` are reached; anything else is 404 (never
403), whether it exists or not. Writes go through the web pages' forms (``TargetForm``,
``MeasureForm``: the same rules and messages) and services (``services.create_target``,
``update_target``, ``withdraw_target``, ``add_measure``, ``update_measure``: transactional and
audited), so the API can do no more than the partner area can.
"""

from copy import copy
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from klimanett.api.conventions import Pages, form_errors, refused, service_errors
from klimanett.api.schemas import Error
from klimanett.api.tokens import OWN_DATA_AUTH, get_own
from klimanett.climateplans import actuals, evaluation, services
from klimanett.climateplans.evaluation import TargetEvaluation
from klimanett.climateplans.forms import TargetForm
from klimanett.climateplans.models import Measure, Target
from klimanett.climateplans.plan_forms import MEASURE_FORM_FIELDS, MeasureForm
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners.models import Organisation

router = Router(auth=OWN_DATA_AUTH)

# Plain names, so that ninja resolves the query parameters' types (postponed annotations).
TargetStatus = Target.Status
MeasureStatus = Measure.Status

TARGETS = ["targets"]
MEASURES = ["measures"]

# --- Schemas -----------------------------------------------------------------------------------


class TargetEvaluationOut(Schema):
    """How the target measures up, as on its page in the partner area. Values are in `unit`
    (t CO2e for an absolute emission target, kWh, kg CO2e per employee, % renewable …)."""

    unit: str
    base_value: float | None
    base_value_recorded: float | None
    base_value_from_account: bool
    target_value: float | None
    latest_year: int | None
    latest_value: float | None
    latest_path_value: float | None
    on_track: bool | None
    on_track_note: str
    linear_rate_percent: float | None
    aligned_1_5c: bool | None
    alignment_note: str
    keeps_county_pace: bool | None
    county_note: str
    problem: str


class TargetOut(Schema):
    id: int
    organisation: int
    title: str
    kind: str
    metric: str
    scopes: str
    base_year: int
    base_value: float
    target_year: int
    reduction_percent: Decimal | None
    target_share_percent: Decimal | None
    is_standard_commitment: bool
    status: str
    notes: str
    publish: bool
    created_at: datetime
    updated_at: datetime
    evaluation: TargetEvaluationOut | None


class TargetIn(Schema):
    """A new target. The base value is never sent: it is read from the base year's submitted
    or approved climate account."""

    model_config = ConfigDict(extra="forbid")

    title: str
    kind: str = Target.Kind.EMISSIONS
    metric: str = Target.Metric.ABSOLUTE
    scopes: str = Target.Scopes.SCOPES_1_2
    base_year: int
    target_year: int
    reduction_percent: Decimal | None = None
    target_share_percent: Decimal | None = None
    notes: str = ""
    publish: bool = False


class TargetPatch(Schema):
    """Only the fields to change; the others keep their values."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    kind: str | None = None
    metric: str | None = None
    scopes: str | None = None
    base_year: int | None = None
    target_year: int | None = None
    reduction_percent: Decimal | None = None
    target_share_percent: Decimal | None = None
    notes: str | None = None
    publish: bool | None = None


class WithdrawIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field("", max_length=services.WITHDRAW_REASON_MAX_LENGTH)


class MeasureOut(Schema):
    id: int
    organisation: int
    title: str
    description: str
    category: str
    activity_keys: list[str]
    template_key: str
    expected_reduction_t: Decimal
    expected_energy_kwh: Decimal | None
    investment_nok: Decimal
    lifetime_years: int
    yearly_cost_nok: Decimal
    start_year: int
    status: str
    responsible: str
    created_at: datetime
    updated_at: datetime


class MeasureIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str
    description: str = ""
    category: str
    activity_keys: list[str] = []
    expected_reduction_t: Decimal
    expected_energy_kwh: Decimal | None = None
    investment_nok: Decimal = Decimal(0)
    lifetime_years: int = 10
    yearly_cost_nok: Decimal = Decimal(0)
    start_year: int
    status: str = Measure.Status.PLANNED
    responsible: str = ""


class MeasurePatch(Schema):
    """Only the fields to change; the others keep their values."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    category: str | None = None
    activity_keys: list[str] | None = None
    expected_reduction_t: Decimal | None = None
    expected_energy_kwh: Decimal | None = None
    investment_nok: Decimal | None = None
    lifetime_years: int | None = None
    yearly_cost_nok: Decimal | None = None
    start_year: int | None = None
    status: str | None = None
    responsible: str | None = None


# --- Helpers -------------------------------------------------------------------------------------


def _organisation(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    return get_own(request, Organisation.objects.all(), pk, via="pk")


def _target(request: AuthenticatedHttpRequest, pk: int) -> Target:
    return get_own(request, Target.objects.all(), pk, via="organisation")


def _measure(request: AuthenticatedHttpRequest, pk: int) -> Measure:
    return get_own(request, Measure.objects.select_related("plan"), pk, via="plan__organisation")


def _form_value(value: Any) -> Any:
    """A value as a form field reads it from a POST: numbers as plain text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _evaluation_out(result: TargetEvaluation) -> TargetEvaluationOut:
    latest = result.latest
    return TargetEvaluationOut(
        unit=str(result.unit.label),
        base_value=result.shown_base,
        base_value_recorded=result.shown_recorded_base,
        base_value_from_account=result.base.from_account,
        target_value=result.shown_target,
        latest_year=latest.year if latest else None,
        latest_value=latest.shown_actual if latest else None,
        latest_path_value=latest.shown_path if latest else None,
        on_track=result.on_track,
        on_track_note=result.on_track_note,
        linear_rate_percent=result.linear_rate_percent,
        aligned_1_5c=result.aligned_1_5c,
        alignment_note=result.alignment_note,
        keeps_county_pace=result.keeps_county_pace,
        county_note=result.county_note,
        problem=result.problem,
    )


def _target_out(target: Target, figures: dict[int, actuals.YearFigures]) -> TargetOut:
    """The target with its evaluation (none for a withdrawn target, which is no longer
    followed up). No query."""
    measured = (
        None
        if target.status == Target.Status.WITHDRAWN
        else _evaluation_out(evaluation.evaluate_target(target, figures))
    )
    return TargetOut(
        id=target.pk,
        organisation=target.organisation_id,
        title=target.title,
        kind=target.kind,
        metric=target.metric,
        scopes=target.scopes,
        base_year=target.base_year,
        base_value=target.base_value,
        target_year=target.target_year,
        reduction_percent=target.reduction_percent,
        target_share_percent=target.target_share_percent,
        is_standard_commitment=target.is_standard_commitment,
        status=target.status,
        notes=target.notes,
        publish=target.publish,
        created_at=target.created_at,
        updated_at=target.updated_at,
        evaluation=measured,
    )


def _measure_out(measure: Measure) -> MeasureOut:
    return MeasureOut(
        id=measure.pk,
        organisation=measure.plan.organisation_id,
        title=measure.title,
        description=measure.description,
        category=measure.category,
        activity_keys=list(measure.activity_keys or []),
        template_key=measure.template_key,
        expected_reduction_t=measure.expected_reduction_t,
        expected_energy_kwh=measure.expected_energy_kwh,
        investment_nok=measure.investment_nok,
        lifetime_years=measure.lifetime_years,
        yearly_cost_nok=measure.yearly_cost_nok,
        start_year=measure.start_year,
        status=measure.status,
        responsible=measure.responsible,
        created_at=measure.created_at,
        updated_at=measure.updated_at,
    )


WRITE_ERRORS: dict[int, type[Error]] = {401: Error, 403: Error, 404: Error, 422: Error}

# --- Targets -----------------------------------------------------------------------------------


@router.get(
    "/organisations/{pk}/targets",
    response={200: list[TargetOut], 401: Error, 404: Error, 422: Error},
    tags=TARGETS,
    summary="Your organisation's targets, each measured up",
    description=(
        "Every target of the organisation (filter with status: active, achieved, withdrawn), "
        "each with its evaluation against the submitted and approved climate accounts: the "
        "base value, the target value, the latest year's value and whether it is on track, "
        "in `evaluation.unit`. A withdrawn target has no evaluation. 404 unless the "
        "organisation is one of yours."
    ),
)
@paginate(Pages)
def list_targets(
    request: AuthenticatedHttpRequest, pk: int, status: TargetStatus | None = None
) -> list[TargetOut]:
    organisation = _organisation(request, pk)
    targets = Target.objects.filter(organisation=organisation).order_by("target_year", "pk")
    if status is not None:
        targets = targets.filter(status=status)
    figures = actuals.figures_of(organisation.pk)
    return [_target_out(target, figures) for target in targets]


@router.post(
    "/organisations/{pk}/targets",
    response={201: TargetOut, **WRITE_ERRORS},
    tags=TARGETS,
    summary="Set a target",
    description=(
        "As in the partner area: the base year must have a submitted or approved climate "
        "account, whose value becomes the base value (never sent). An emissions or energy "
        "target takes reduction_percent, a renewable share target target_share_percent. "
        "Invalid terms give 422 with the errors per field, and nothing is saved. Audited."
    ),
)
def create_target(request: AuthenticatedHttpRequest, pk: int, payload: TargetIn) -> Status:
    organisation = _organisation(request, pk)
    with transaction.atomic():
        figures = actuals.figures_of(organisation.pk)
        data = {name: _form_value(value) for name, value in payload.dict().items()}
        form = TargetForm(data=data, figures=figures)
        if not form.is_valid():
            return refused(form_errors(form))
        try:
            target = services.create_target(
                organisation=organisation, by=request.user, figures=figures, **form.terms()
            )
        except ValidationError as error:
            return refused(service_errors(error))
    return Status(201, _target_out(target, figures))


@router.get(
    "/targets/{target_id}",
    response={200: TargetOut, 401: Error, 404: Error},
    tags=TARGETS,
    summary="One of your targets, measured up",
)
def get_target(request: AuthenticatedHttpRequest, target_id: int) -> Status:
    target = _target(request, target_id)
    return Status(200, _target_out(target, actuals.figures_of(target.organisation_id)))


@router.patch(
    "/targets/{target_id}",
    response={200: TargetOut, 409: Error, **WRITE_ERRORS},
    tags=TARGETS,
    summary="Change a target",
    description=(
        "Send only the terms to change (those a contact can change in the partner area); the "
        "base value is read again from the base year's account. Invalid terms give 422 with "
        "the errors per field, and nothing is saved; a withdrawn target cannot be changed "
        "(409). The audit log keeps each changed term before and after."
    ),
)
def patch_target(request: AuthenticatedHttpRequest, target_id: int, payload: TargetPatch) -> Status:
    target = _target(request, target_id)
    if target.status == Target.Status.WITHDRAWN:
        return Status(409, Error(detail=_("The target is withdrawn and can no longer be changed.")))
    with transaction.atomic():
        figures = actuals.figures_of(target.organisation_id)
        data = {name: _form_value(getattr(target, name)) for name in TargetForm.Meta.fields}
        data.update(
            {name: _form_value(value) for name, value in payload.dict(exclude_unset=True).items()}
        )
        # The form works on a copy: a refusal leaves the target as it was.
        form = TargetForm(data=data, instance=copy(target), figures=figures)
        if not form.is_valid():
            return refused(form_errors(form))
        try:
            target = services.update_target(
                target=target, by=request.user, figures=figures, **form.terms()
            )
        except ValidationError as error:
            return refused(service_errors(error))
        except services.TargetWithdrawn:
            return Status(
                409, Error(detail=_("The target is withdrawn and can no longer be changed."))
            )
    return Status(200, _target_out(target, figures))


@router.post(
    "/targets/{target_id}/withdraw",
    response={200: TargetOut, 409: Error, **WRITE_ERRORS},
    tags=TARGETS,
    summary="Withdraw a target",
    description=(
        "As in the partner area, a target is withdrawn rather than deleted: it is kept with "
        "its history (status `withdrawn`) but no longer followed up, shown or changed. An "
        "optional reason (at most 500 characters) goes to the audit log. 409 if it is "
        "withdrawn already."
    ),
)
@transaction.atomic
def withdraw_target(
    request: AuthenticatedHttpRequest, target_id: int, payload: WithdrawIn
) -> Status:
    target = _target(request, target_id)
    try:
        target = services.withdraw_target(target=target, reason=payload.reason, by=request.user)
    except services.TargetWithdrawn:
        return Status(409, Error(detail=_("The target is already withdrawn.")))
    return Status(200, _target_out(target, {}))


# --- Measures ----------------------------------------------------------------------------------


@router.get(
    "/organisations/{pk}/measures",
    response={200: list[MeasureOut], 401: Error, 404: Error, 422: Error},
    tags=MEASURES,
    summary="Your organisation's action plan measures",
    description=(
        "The measures of the organisation's action plan by start year (filter with status: "
        "idea, planned, in_progress, done, dropped). Money in whole NOK, reductions in tonnes "
        "CO2e a year, as decimal strings. 404 unless the organisation is one of yours."
    ),
)
@paginate(Pages)
def list_measures(
    request: AuthenticatedHttpRequest, pk: int, status: MeasureStatus | None = None
) -> list[MeasureOut]:
    organisation = _organisation(request, pk)
    measures = Measure.objects.filter(plan__organisation=organisation).select_related("plan")
    if status is not None:
        measures = measures.filter(status=status)
    return [_measure_out(measure) for measure in measures.order_by("start_year", "pk")]


@router.post(
    "/organisations/{pk}/measures",
    response={201: MeasureOut, **WRITE_ERRORS},
    tags=MEASURES,
    summary="Add a measure to the action plan",
    description=(
        "As in the partner area (the action plan is made on first use). activity_keys are "
        "activity keys of the climate account's factor set. Invalid values give 422 with the "
        "errors per field, and nothing is saved. Audited."
    ),
)
@transaction.atomic
def create_measure(request: AuthenticatedHttpRequest, pk: int, payload: MeasureIn) -> Status:
    organisation = _organisation(request, pk)
    data = {name: _form_value(value) for name, value in payload.dict().items()}
    form = MeasureForm(data=data)
    if not form.is_valid():
        return refused(form_errors(form))
    try:
        measure = services.add_measure(
            organisation=organisation,
            values={**form.values(), "template_key": ""},
            by=request.user,
        )
    except ValidationError as error:
        return refused(service_errors(error))
    return Status(201, _measure_out(measure))


@router.get(
    "/measures/{measure_id}",
    response={200: MeasureOut, 401: Error, 404: Error},
    tags=MEASURES,
    summary="One of your measures",
)
def get_measure(request: AuthenticatedHttpRequest, measure_id: int) -> Status:
    return Status(200, _measure_out(_measure(request, measure_id)))


@router.patch(
    "/measures/{measure_id}",
    response={200: MeasureOut, **WRITE_ERRORS},
    tags=MEASURES,
    summary="Change a measure",
    description=(
        "Send only the fields to change (status, expected_reduction_t, start_year, "
        "investment_nok, yearly_cost_nok …). Invalid values give 422 with the errors per "
        "field, and nothing is saved. The audit log keeps each changed field before and after."
    ),
)
@transaction.atomic
def patch_measure(
    request: AuthenticatedHttpRequest, measure_id: int, payload: MeasurePatch
) -> Status:
    measure = _measure(request, measure_id)
    data = {name: _form_value(getattr(measure, name)) for name in MEASURE_FORM_FIELDS}
    data.update(
        {name: _form_value(value) for name, value in payload.dict(exclude_unset=True).items()}
    )
    # The form works on a copy: a refusal leaves the measure as it was.
    form = MeasureForm(data=data, instance=copy(measure))
    if not form.is_valid():
        return refused(form_errors(form))
    try:
        measure = services.update_measure(measure=measure, values=form.values(), by=request.user)
    except ValidationError as error:
        return refused(service_errors(error))
    return Status(200, _measure_out(measure))
