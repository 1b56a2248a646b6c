"""The action plan (tiltaksplan) in the partner area: the measures with their totals and what
the plan lacks; adding a measure by hand or from a template computed from the climate account;
a measure's page with its status reports; the plan's settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from klimanett.accounting.factor_library import get_factor_set, latest_version
from klimanett.climateplans import actuals, plan_overview, services, suggestions
from klimanett.climateplans.access import get_measure_for_user
from klimanett.climateplans.budget import has_budget
from klimanett.climateplans.measure_templates import BY_KEY
from klimanett.climateplans.models import Measure, Target
from klimanett.climateplans.plan_forms import (
    MeasureForm,
    PlanSettingsForm,
    StatusReportForm,
    TemplateShareForm,
)
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners.access import get_organisation_for_user


def _refused(request: AuthenticatedHttpRequest, form: Any, error: ValidationError) -> None:
    """A rule the service refused (after the form's checks): each message at its field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
    messages.error(request, _("Nothing was saved. Correct the fields marked below."))


@login_required
def action_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    overview = plan_overview.plan_overview(organisation, today=timezone.localdate())
    budget_links = [
        (target.title, reverse("climateplans:climate_budget", args=[target.pk]))
        for target in Target.objects.filter(organisation=organisation, status=Target.Status.ACTIVE)
        if has_budget(target)
    ]
    context = {
        "organisation": organisation,
        "overview": overview,
        "targets_url": reverse("climateplans:target_list", args=[organisation.pk]),
        "budget_links": budget_links,
    }
    return render(request, "climateplans/action_plan.html", context)


@login_required
def plan_settings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    plan = plan_overview.plan_of(organisation)
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_plan_settings(
                    organisation=organisation,
                    report_cadence=form.cleaned_data["report_cadence"],
                    reference_growth_percent=form.cleaned_data["reference_growth_percent"],
                    publish_done_measures=form.cleaned_data["publish_done_measures"],
                    by=request.user,
                )
            except ValidationError as error:
                _refused(request, form, error)
            else:
                messages.success(request, _("The plan's settings are saved."))
                return redirect("climateplans:action_plan", organisation.pk)
        else:
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request, "climateplans/plan_settings.html", {"organisation": organisation, "form": form}
    )


def _save_new_measure(
    request: AuthenticatedHttpRequest, form: MeasureForm, *, organisation: Any, template_key: str
) -> Measure | None:
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        return None
    try:
        measure = services.add_measure(
            organisation=organisation,
            values={**form.values(), "template_key": template_key},
            by=request.user,
        )
    except ValidationError as error:
        _refused(request, form, error)
        return None
    messages.success(request, _("The measure is added to the action plan."))
    return measure


@login_required
def measure_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    initial = {"start_year": timezone.localdate().year + 1, "status": Measure.Status.PLANNED}
    form = MeasureForm(request.POST or None, initial=initial)
    if request.method == "POST":
        measure = _save_new_measure(request, form, organisation=organisation, template_key="")
        if measure is not None:
            return redirect("climateplans:measure_detail", measure.pk)
    return render(
        request,
        "climateplans/measure_form.html",
        {"organisation": organisation, "form": form, "measure": None, "suggestion": None},
    )


@login_required
def measure_templates(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The template library, each template computed from the latest account."""
    organisation = get_organisation_for_user(request, pk)
    found = suggestions.all_suggestions(actuals.figures_of(organisation.pk))
    applicable = sorted(
        (s for s in found if s.applicable), key=lambda s: s.reduction_t, reverse=True
    )
    context = {
        "organisation": organisation,
        "applicable": applicable,
        "not_applicable": [s for s in found if not s.applicable],
        "account_year": next((s.account_year for s in found), None),
    }
    return render(request, "climateplans/measure_templates.html", context)


@login_required
def measure_add_from_template(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    """A template computed from the account with the share the user chose, and the measure
    it makes, prefilled, to adjust and save."""
    organisation = get_organisation_for_user(request, pk)
    template = BY_KEY.get(key)
    if template is None:
        raise Http404
    share_form = TemplateShareForm(
        request.GET if "share" in request.GET else None,
        initial={"share": round(template.default_share * 100)},
        label=gettext(template.share_label),
    )
    share = share_form.cleaned_data["share"] / 100 if share_form.is_valid() else None
    suggestion = suggestions.suggestion_for(actuals.figures_of(organisation.pk), key, share=share)
    assert suggestion is not None
    start_year = timezone.localdate().year + 1
    initial = {
        **suggestion.measure_values(start_year=start_year),
        "status": Measure.Status.PLANNED,
    }
    form = MeasureForm(request.POST or None, initial=initial)
    if request.method == "POST":
        measure = _save_new_measure(request, form, organisation=organisation, template_key=key)
        if measure is not None:
            return redirect("climateplans:measure_detail", measure.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "measure": None,
        "suggestion": suggestion,
        "share_form": share_form,
    }
    return render(request, "climateplans/measure_form.html", context)


def _render_measure(
    request: AuthenticatedHttpRequest, measure: Measure, report_form: StatusReportForm
) -> HttpResponse:
    row = plan_overview.measure_row(measure, today=timezone.localdate())
    names = suggestions.activity_names(get_factor_set(latest_version()))
    context = {
        "organisation": measure.plan.organisation,
        "measure": measure,
        "row": row,
        "done_rows": [row] if measure.status == Measure.Status.DONE else [],
        "activity_names": [names.get(key, key) for key in measure.activity_keys or []],
        "reports": measure.reports.select_related("reported_by"),
        "report_form": report_form,
        "template": BY_KEY.get(measure.template_key),
    }
    return render(request, "climateplans/measure_detail.html", context)


@login_required
def measure_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk)
    report_form = StatusReportForm(
        initial={"reported_on": timezone.localdate(), "status": measure.status}
    )
    return _render_measure(request, measure, report_form)


@login_required
def measure_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_measure(measure=measure, values=form.values(), by=request.user)
            except ValidationError as error:
                _refused(request, form, error)
            else:
                messages.success(request, _("The measure is saved."))
                return redirect("climateplans:measure_detail", measure.pk)
        else:
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        # The form has written the refused values onto the instance: show the stored measure.
        measure.refresh_from_db()
    context = {
        "organisation": measure.plan.organisation,
        "form": form,
        "measure": measure,
        "suggestion": None,
    }
    return render(request, "climateplans/measure_form.html", context)


@login_required
def measure_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A status report on the measure (posted from its page)."""
    measure = get_measure_for_user(request, pk)
    if request.method != "POST":
        return redirect("climateplans:measure_detail", measure.pk)
    form = StatusReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_measure_status(
                measure=measure,
                reported_on=form.cleaned_data["reported_on"],
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                by=request.user,
            )
        except ValidationError as error:
            _refused(request, form, error)
        else:
            messages.success(request, _("Thank you! The status report is saved."))
            return redirect("climateplans:measure_detail", measure.pk)
    else:
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return _render_measure(request, measure, form)
