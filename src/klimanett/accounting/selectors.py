"""Read-side: an account's results from the engine, with every line's factor and source."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    Calculator,
    ComputedLine,
    Denominators,
    Emissions,
    Intensities,
    ScopeTotals,
    intensities,
    scope_totals,
    totals_by_category,
)
from klimanett.accounting.ghg.factors import load_factor_set
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core import audit
from klimanett.partners.models import Organisation


@dataclass(frozen=True)
class ResultLine:
    line: AccountLine
    computed: ComputedLine
    name: str  # the activity's name in the reader's language


@dataclass(frozen=True)
class AccountResult:
    account: ClimateAccount
    lines: list[ResultLine]
    totals: ScopeTotals
    by_category: dict[str, Emissions]
    intensities: Intensities


def account_result(account: ClimateAccount) -> AccountResult:
    factor_set = load_factor_set(account.factor_set)
    calculator = Calculator(factor_set, year=account.year)
    english = (get_language() or "nb").startswith("en")
    names = {f.activity: f.name_en if english else f.name_nb for f in factor_set.factors}
    lines = [
        ResultLine(
            line=line,
            computed=calculator.compute(
                ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
            ),
            name=names.get(line.activity, line.activity),
        )
        for line in account.lines.all()
    ]
    computed = [r.computed for r in lines]
    totals = scope_totals(computed)
    denominators = Denominators(
        employees=account.employees,
        revenue_nok=float(account.revenue_nok) if account.revenue_nok is not None else None,
        heated_area_m2=float(account.heated_area_m2)
        if account.heated_area_m2 is not None
        else None,
    )
    return AccountResult(
        account=account,
        lines=lines,
        totals=totals,
        by_category=totals_by_category(computed),
        intensities=intensities(totals, denominators),
    )


def accounts_of(organisation: Organisation) -> QuerySet[ClimateAccount]:
    return ClimateAccount.objects.filter(organisation=organisation).order_by("-year")


def years_to_start(organisation: Organisation, *, this_year: int) -> list[int]:
    """Years without an account yet: last year first (the usual one to report), then earlier
    years, and this year last."""
    taken = set(
        ClimateAccount.objects.filter(organisation=organisation).values_list("year", flat=True)
    )
    candidates = [*range(this_year - 1, this_year - 8, -1), this_year]
    return [year for year in candidates if year not in taken]


@dataclass(frozen=True)
class HistoryStep:
    time: datetime.datetime
    who: str
    what: str
    reason: str


ACTION_LABELS = {
    "climate_account.created": _("Started"),
    "climate_account.updated": _("Activities or figures changed"),
    "climate_account.submitted": _("Submitted to the secretariat"),
    "climate_account.approved": _("Approved by the secretariat"),
    "climate_account.returned": _("Sent back to draft by the secretariat"),
}


def account_history(account: ClimateAccount) -> list[HistoryStep]:
    """Who did what to the account, and when (from the audit log)."""
    return [
        HistoryStep(
            time=entry.created_at,
            who=str(entry.actor) if entry.actor else "–",
            what=str(ACTION_LABELS.get(entry.action, entry.action)),
            reason=str(entry.data.get("reason", "")),
        )
        for entry in audit.entries_for(account)
    ]


def published_totals(organisation: Organisation) -> list[tuple[int, ScopeTotals]]:
    """The totals of the organisation's published accounts (approved, with its consent)."""
    accounts = (
        ClimateAccount.objects.published()
        .filter(organisation=organisation)
        .prefetch_related("lines")
        .order_by("year")
    )
    return [
        (
            account.year,
            Calculator(load_factor_set(account.factor_set), year=account.year).totals(
                ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
                for line in account.lines.all()
            ),
        )
        for account in accounts
    ]
