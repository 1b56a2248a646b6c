"""Targets in the partner area: the organisation's overview of its targets and action plan,
setting, changing and withdrawing a target, and the network's standard commitment in one
click."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from klimanett.accounting.selectors import HistoryStep
from klimanett.climateplans import actuals, baselines, evaluation, paths, services
from klimanett.climateplans.access import get_target_for_user
from klimanett.climateplans.forms import TargetForm
from klimanett.climateplans.models import Target
from klimanett.climateplans.reference_targets import COUNTY_OWNER, public_targets
from klimanett.core import audit
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners.access import get_organisation_for_user


@login_required
def target_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organisation's targets, each measured up in brief, the standard commitment, and
    the way to the action plan and climate budget."""
    organisation = get_organisation_for_user(request, pk)
    figures = actuals.figures_of(organisation.pk)
    targets = list(Target.objects.filter(organisation=organisation))
    current = [target for target in targets if target.status != Target.Status.WITHDRAWN]
    context = {
        "organisation": organisation,
        "evaluations": evaluation.evaluate_targets(current, {organisation.pk: figures}),
        "withdrawn": [target for target in targets if target.status == Target.Status.WITHDRAWN],
        "has_accounts": bool(figures),
        "standard_commitment": next((t for t in current if t.is_standard_commitment), None),
        "standard_base_year": baselines.default_base_year(organisation.pk, figures),
    }
    return render(request, "climateplans/target_list.html", context)


@login_required
def target_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    figures = actuals.figures_of(organisation.pk)
    form = TargetForm(
        request.POST or None,
        figures=figures,
        default_base_year=baselines.default_base_year(organisation.pk, figures),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                target = services.create_target(
                    organisation=organisation, by=request.user, figures=figures, **form.terms()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The target is saved."))
                return redirect("climateplans:target_detail", target.pk)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request,
        "climateplans/target_form.html",
        {"organisation": organisation, "form": form, "figures": _figure_rows(figures)},
    )


@login_required
def target_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = get_target_for_user(request, pk)
    figures = actuals.figures_of(target.organisation_id)
    context = {
        "target": target,
        "organisation": target.organisation,
        "evaluation": evaluation.evaluate_target(target, figures),
        "base_account": figures[target.base_year].account if target.base_year in figures else None,
        "history": _history(target),
        "sbti_rate": 100.0 * paths.SBTI_1_5C_LINEAR_RATE,
        "county": public_targets()[COUNTY_OWNER],
    }
    return render(request, "climateplans/target_detail.html", context)


@login_required
def target_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = get_target_for_user(request, pk)
    if target.status == Target.Status.WITHDRAWN:
        messages.error(request, _("The target is withdrawn and can no longer be changed."))
        return redirect("climateplans:target_detail", target.pk)
    figures = actuals.figures_of(target.organisation_id)
    # The form works on a copy, so that the page shows the saved title after a refusal.
    form = TargetForm(request.POST or None, instance=copy(target), figures=figures)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_target(
                    target=target, by=request.user, figures=figures, **form.terms()
                )
            except ValidationError as error:
                form.add_error(None, error)
            except services.TargetWithdrawn:
                messages.error(request, _("The target is withdrawn and can no longer be changed."))
                return redirect("climateplans:target_detail", target.pk)
            else:
                messages.success(request, _("The target is saved."))
                return redirect("climateplans:target_detail", target.pk)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request,
        "climateplans/target_form.html",
        {
            "organisation": target.organisation,
            "target": target,
            "form": form,
            "figures": _figure_rows(figures),
        },
    )


@login_required
@require_POST
def target_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = get_target_for_user(request, pk)
    try:
        services.withdraw_target(
            target=target,
            reason=request.POST.get("reason", "")[: services.WITHDRAW_REASON_MAX_LENGTH],
            by=request.user,
        )
    except services.TargetWithdrawn:
        messages.error(request, _("The target is already withdrawn."))
    else:
        messages.success(
            request,
            _("The target is withdrawn. It is kept with its history, but no longer followed up."),
        )
    return redirect("climateplans:target_list", target.organisation_id)


@login_required
@require_POST
def standard_commitment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The network's standard commitment in one click."""
    organisation = get_organisation_for_user(request, pk)
    try:
        target = services.take_standard_commitment(organisation=organisation, by=request.user)
    except services.StandardCommitmentExists:
        messages.info(request, _("You have already taken the standard commitment."))
    except services.NoAccountToBaseOn:
        messages.error(
            request,
            _(
                "The commitment is measured from your climate account. Submit a climate "
                "account first, then take the commitment."
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Thank you! You have committed to being fossil-free, with direct emissions cut, "
                "by 2030, measured from %(year)s."
            )
            % {"year": target.base_year},
        )
        return redirect("climateplans:target_detail", target.pk)
    return redirect("climateplans:target_list", organisation.pk)


ACTION_LABELS = {
    "target.created": gettext_lazy("Target set"),
    "target.created.standard": gettext_lazy("Standard commitment taken"),
    "target.updated": gettext_lazy("Target changed"),
    "target.withdrawn": gettext_lazy("Target withdrawn"),
}


def _history(target: Target) -> list[HistoryStep]:
    """Who did what to the target, and when (from the audit log); a change lists the terms it
    changed."""
    steps = []
    for entry in audit.entries_for(target):
        action = entry.action
        if action == "target.created" and entry.data.get("is_standard_commitment"):
            action = "target.created.standard"
        detail = entry.data.get("reason", "")
        if entry.action == "target.updated":
            detail = ", ".join(
                str(getattr(Target._meta.get_field(name), "verbose_name", name))
                for name in entry.data.get("changed", {})
            )
        steps.append(
            HistoryStep(
                time=entry.created_at,
                who=str(entry.actor) if entry.actor else "–",
                what=str(ACTION_LABELS.get(action, action)),
                reason=str(detail),
            )
        )
    return steps


def _figure_rows(figures: dict[int, actuals.YearFigures]) -> list[dict[str, object]]:
    """What each submitted or approved account gives a target to start from, newest first."""
    rows = []
    for year, item in sorted(figures.items(), reverse=True):
        totals = item.totals
        rows.append(
            {
                "year": year,
                "status": item.account.get_status_display(),
                "scope1_kg": totals.scope1_kg,
                "scopes12_kg": totals.scope1_kg + totals.scope2_location_kg,
                "scopes123_kg": totals.total_location_kg,
                "energy_kwh": item.energy_kwh,
                "renewable_percent": 100.0 * item.renewable_kwh / item.energy_kwh
                if item.energy_kwh
                else None,
                "employees": item.employees,
                "revenue_nok": item.revenue_nok,
                "heated_area_m2": item.heated_area_m2,
            }
        )
    return rows
