"""The climate account in the partner area: start, enter, read, submit; approval by the
secretariat."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimanett.accounting import (
    benchmark,
    charts,
    exports,
    import_template,
    imports,
    pdf,
    restatement,
    selectors,
    services,
)
from klimanett.accounting.access import get_account_for_user
from klimanett.accounting.factor_library import factor_set_versions, get_factor_set
from klimanett.accounting.forms import (
    EXPLANATION_MAX_LENGTH,
    AccountDetailsForm,
    BaseYearForm,
    ImportForm,
    StartAccountForm,
    explanations_from,
    line_formset,
)
from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.models import ClimateAccount
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import is_secretariat
from klimanett.partners.access import get_organisation_for_user


@login_required
def account_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    years = selectors.years_to_start(organisation, this_year=timezone.localdate().year)
    form = StartAccountForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        started = services.start_account(
            organisation=organisation,
            year=form.cleaned_data["year"],
            copy_last_year=form.cleaned_data["copy_last_year"],
            by=request.user,
        )
        account = started.account
        messages.success(
            request, _("The climate account for %(year)s is started.") % {"year": account.year}
        )
        if started.skipped_activities:
            messages.warning(
                request,
                _(
                    "These activities of last year are not in the emission factor set %(version)s"
                    " and were not copied: %(activities)s. Enter them as other activities."
                )
                % {
                    "version": account.factor_set,
                    "activities": ", ".join(started.skipped_activities),
                },
            )
        return redirect("accounting:account_edit", account.pk)
    trend = selectors.yearly_totals(organisation)
    accounts = list(selectors.accounts_of(organisation))
    # A base year is a submitted or approved year: a draft's figures may still change.
    base_year_choices = [a.year for a in accounts if a.status != ClimateAccount.Status.DRAFT]
    base_year = restatement.base_year_status(organisation)
    context = {
        "organisation": organisation,
        "accounts": accounts,
        "form": form if years else None,
        "base_year": base_year,
        "base_year_form": BaseYearForm(
            years=base_year_choices,
            # Suggest the earliest year: the usual base year is the first one measured.
            initial={"year": base_year.year if base_year else min(base_year_choices, default=None)},
        ),
        "trend": trend,
        # Years not approved yet are marked with an asterisk under their bar.
        "trend_chart": charts.scope_trend_chart(
            [(str(row.year) if row.is_approved else f"{row.year}*", row.totals) for row in trend]
        )
        if trend
        else None,
    }
    return render(request, "accounting/account_list.html", context)


@login_required
def account_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request, pk)
    return _render_detail(request, account)


def _render_detail(
    request: AuthenticatedHttpRequest,
    account: ClimateAccount,
    *,
    explanations: dict[str, str] | None = None,
    missing: Collection[str] = (),
) -> HttpResponse:
    """The account page; after a refused submission with the explanations as typed and the
    missing ones marked."""
    result = selectors.account_result(account)
    versions = factor_set_versions()  # one query for the imported sets
    findings = selectors.account_findings(account, result=result)
    if explanations is not None:
        findings = [replace(f, explanation=explanations.get(f.key, "")) for f in findings]
    context = {
        "account": account,
        "result": result,
        "result_charts": selectors.result_charts(result),
        "findings": findings,
        "to_explain": [f for f in findings if f.finding is not None] if account.is_editable else [],
        "missing": set(missing),
        "explanation_max_length": EXPLANATION_MAX_LENGTH,
        "history": selectors.account_history(account),
        "vsme": selectors.account_vsme(result),
        # One query for the sector's peers (none without employees or revenue).
        "benchmark": benchmark.load(account, result.totals),
        "newer_versions": versions[versions.index(account.factor_set) + 1 :]
        if account.factor_set in versions
        else [],
        "against_base_year": restatement.against_base_year(
            account, lines=[item.line for item in result.lines], newest_version=versions[-1]
        ),
    }
    return render(request, "accounting/account_detail.html", context)


@login_required
def account_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request, pk)
    if not account.is_editable:
        messages.error(request, _("The account is submitted and can no longer be changed."))
        return redirect(account)
    details = AccountDetailsForm(request.POST or None, instance=account)
    lines = line_formset(account, request.POST or None)
    if request.method == "POST":
        if details.is_valid() and lines.is_valid():
            services.save_account(details=details, lines=lines, by=request.user)
            messages.success(request, _("The climate account is saved."))
            return redirect(account)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request,
        "accounting/account_edit.html",
        {"account": account, "details": details, "lines": lines},
    )


@login_required
@require_POST
def account_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request, pk)
    if not account.lines.exists():
        messages.error(request, _("Add at least one activity before you submit."))
        return redirect(account)
    explanations = explanations_from(request.POST)
    try:
        services.submit_account(account=account, by=request.user, explanations=explanations)
    except services.WrongStatus:
        messages.error(request, _("The account is already submitted."))
        return redirect(account)
    except services.ExplanationRequired as refused:
        messages.error(request, _("Explain each point before you submit."))
        return _render_detail(request, account, explanations=explanations, missing=refused.missing)
    messages.success(request, _("Thank you! The account is submitted to the secretariat."))
    return redirect(account)


@login_required
@require_POST
def account_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The secretariat approves a submitted account, or sends it back with a reason."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    account = get_account_for_user(request, pk)
    try:
        if request.POST.get("decision") == "approve":
            services.approve_account(account=account, by=request.user)
            messages.success(request, _("The account is approved."))
        else:
            reason = request.POST.get("reason", "").strip()
            services.return_account(account=account, reason=reason, by=request.user)
            messages.success(request, _("The account is sent back to the partner as a draft."))
    except services.WrongStatus:
        messages.error(request, _("That step does not fit the account's status."))
    return redirect(account)


@login_required
def account_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Import lines from a CSV or XLSX file: upload, a dry run listing every accepted and
    refused row, then the accepted rows are saved when the partner confirms."""
    account = get_account_for_user(request, pk)
    if not account.is_editable:
        messages.error(request, _("The account is submitted and can no longer be changed."))
        return redirect(account)
    calculator = Calculator(get_factor_set(account.factor_set), year=account.year)
    context: dict[str, object] = {"account": account}
    if request.method == "POST" and "confirm" in request.POST:
        replace_lines = request.POST.get("replace") == "on"
        preview = imports.check_rows(imports.rows_from_post(request.POST), calculator)
        if preview.refused or not preview.accepted:
            messages.error(request, _("Nothing was imported. Check the rows below."))
            context |= {"form": ImportForm(), "preview": preview, "replace": replace_lines}
            return render(request, "accounting/account_import.html", context)
        try:
            lines = services.import_lines(
                account=account, rows=preview.accepted, replace=replace_lines, by=request.user
            )
        except services.AccountLocked:
            messages.error(request, _("The account is submitted and can no longer be changed."))
            return redirect(account)
        messages.success(request, _("%(count)s lines are imported.") % {"count": len(lines)})
        return redirect(account)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = imports.read_rows(form.cleaned_data["file"])
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context["preview"] = imports.check_rows(rows, calculator)
            context["replace"] = form.cleaned_data["replace"]
    context["form"] = form
    return render(request, "accounting/account_import.html", context)


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CSV = "text/csv; charset=utf-8"
_EXPORT_FORMATS = {
    "xlsx": (exports.account_xlsx, _XLSX),
    "csv": (exports.account_csv, _CSV),
    "pdf": (pdf.account_pdf, "application/pdf"),
}


@login_required
def account_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The account's lines and totals as a spreadsheet (XLSX or CSV) or a PDF report."""
    if fmt not in _EXPORT_FORMATS:
        raise Http404
    account = get_account_for_user(request, pk)
    build, content_type = _EXPORT_FORMATS[fmt]
    return _attachment(
        build(selectors.account_result(account)),
        content_type=content_type,
        filename=f"klimaregnskap-{account.organisation.slug}-{account.year}.{fmt}",
    )


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_VSME_FORMATS = {"xlsx": (exports.vsme_xlsx, _XLSX), "csv": (exports.vsme_csv, _CSV)}


@login_required
def account_export_vsme(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The account's VSME B3 disclosure (energy and greenhouse gases) as XLSX or CSV."""
    if fmt not in _VSME_FORMATS:
        raise Http404
    account = get_account_for_user(request, pk)
    build, content_type = _VSME_FORMATS[fmt]
    return _attachment(
        build(selectors.account_vsme(selectors.account_result(account))),
        content_type=content_type,
        filename=f"vsme-b3-{account.organisation.slug}-{account.year}.{fmt}",
    )


@login_required
def account_import_template(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An Excel workbook to fill in and import, with the account's activities and units."""
    account = get_account_for_user(request, pk)
    return _attachment(
        import_template.import_template_xlsx(get_factor_set(account.factor_set), year=account.year),
        content_type=_XLSX,
        filename=f"klimaregnskap-importmal-{account.year}.xlsx",
    )
