"""Recalculating with a newer factor set and the base year, in the partner area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from klimanett.accounting import restatement, selectors, services
from klimanett.accounting.access import get_account_for_user
from klimanett.accounting.forms import BaseYearForm
from klimanett.accounting.models import ClimateAccount
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners.access import get_organisation_for_user


def _not_newer_message(refused: restatement.NotNewerVersion) -> str:
    return _(
        "%(version)s is not a newer emission factor set than %(current)s. Nothing was changed."
    ) % {"version": refused.version or "–", "current": refused.current}


def _cannot_message(refused: restatement.CannotRecalculate) -> str:
    return _(
        "These activities cannot be calculated with %(version)s: %(activities)s. "
        "Nothing was changed."
    ) % {"version": refused.version, "activities": ", ".join(refused.activities)}


@login_required
def account_recalculate(request: AuthenticatedHttpRequest, pk: int, version: str) -> HttpResponse:
    """The account's lines and totals with its own set and with the newer `version`, and on
    confirmation (POST) the switch to it."""
    account = get_account_for_user(request, pk)
    try:
        if request.method == "POST":
            services.recalculate_account(account=account, version=version, by=request.user)
            messages.success(
                request,
                _("The account is now calculated with %(version)s.") % {"version": version},
            )
            return redirect(account)
        recalculation = restatement.recalculation(account, version)
    except restatement.NotNewerVersion as refused:
        messages.error(request, _not_newer_message(refused))
        return redirect(account)
    except restatement.CannotRecalculate as refused:
        messages.error(request, _cannot_message(refused))
        return redirect(account)
    return render(request, "accounting/account_recalculate.html", {"recalculation": recalculation})


@login_required
@require_POST
def base_year_choose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    years = [
        account.year
        for account in selectors.accounts_of(organisation).exclude(
            status=ClimateAccount.Status.DRAFT
        )
    ]
    form = BaseYearForm(request.POST, years=years)
    if form.is_valid():
        base_year = services.choose_base_year(
            organisation=organisation, year=form.cleaned_data["year"], by=request.user
        )
        messages.success(
            request, _("%(year)s is your base year.") % {"year": base_year.account.year}
        )
    else:
        messages.error(request, " ".join(str(error) for error in form.errors["year"]))
    return redirect("accounting:account_list", organisation.pk)


@login_required
def organisation_restatement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every year with its own set and with the newest, and on confirmation (POST) all of
    them restated with the newest set in one step."""
    organisation = get_organisation_for_user(request, pk)
    try:
        if request.method == "POST":
            restated = services.restate_past_years(
                organisation=organisation,
                version=request.POST.get("version", ""),
                by=request.user,
            )
            count = len(restated.accounts)
            messages.success(
                request,
                ngettext(
                    "%(count)s account is now calculated with %(version)s.",
                    "%(count)s accounts are now calculated with %(version)s.",
                    count,
                )
                % {"count": count, "version": restated.version},
            )
            if restated.base_year is not None:
                messages.success(
                    request,
                    _("The base year %(year)s is recorded anew with %(version)s.")
                    % {"year": restated.base_year.account.year, "version": restated.version},
                )
            return redirect("accounting:account_list", organisation.pk)
        restated_years = restatement.organisation_restatement(organisation)
    except restatement.NotNewerVersion as refused:
        messages.error(request, _not_newer_message(refused))
        return redirect("accounting:organisation_restatement", organisation.pk)
    except restatement.CannotRecalculate as refused:
        messages.error(request, _cannot_message(refused))
        return redirect("accounting:account_list", organisation.pk)
    return render(
        request,
        "accounting/restatement.html",
        {"organisation": organisation, "restatement": restated_years},
    )
