"""Read-side: an account's results from the engine, with every line's factor and source."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from klimanett.accounting import charts, peers
from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.ghg import checks
from klimanett.accounting.ghg.calculate import (
    ActivityLine,
    Calculator,
    Change,
    ComputedLine,
    Denominators,
    Emissions,
    Intensities,
    ScopeTotals,
    change,
    intensities,
    scope_totals,
    totals_by_category,
)
from klimanett.accounting.ghg.factors import FactorSet
from klimanett.accounting.ghg.vsme import VsmeB3, vsme_b3
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


def _activity_names(factor_set: FactorSet) -> dict[str, str]:
    """Each activity's name in the reader's language."""
    english = (get_language() or "nb").startswith("en")
    return {f.activity: f.name_en if english else f.name_nb for f in factor_set.factors}


def account_result(account: ClimateAccount) -> AccountResult:
    factor_set = get_factor_set(account.factor_set)
    calculator = Calculator(factor_set, year=account.year)
    names = _activity_names(factor_set)
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


def account_vsme(result: AccountResult) -> VsmeB3:
    """The account's VSME B3 disclosure: energy and greenhouse gases (see `ghg.vsme`), the
    activities left out of the energy named in the reader's language."""
    account = result.account
    report = vsme_b3(
        [line.computed for line in result.lines],
        factor_set=get_factor_set(account.factor_set),
        revenue_nok=float(account.revenue_nok) if account.revenue_nok is not None else None,
    )
    names = {line.line.activity: line.name for line in result.lines}
    return replace(report, unconverted=tuple(names[key] for key in report.unconverted))


def computed_lines(account: ClimateAccount) -> list[ComputedLine]:
    calculator = Calculator(get_factor_set(account.factor_set), year=account.year)
    return [
        calculator.compute(
            ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
        )
        for line in account.lines.all()
    ]


def previous_account(account: ClimateAccount) -> ClimateAccount | None:
    """Last year's account of the organisation, once submitted (a draft is not compared)."""
    return (
        ClimateAccount.objects.filter(
            organisation_id=account.organisation_id, year=account.year - 1
        )
        .exclude(status=ClimateAccount.Status.DRAFT)
        .first()
    )


def account_checks(
    account: ClimateAccount, *, current: list[ComputedLine] | None = None
) -> list[checks.Finding]:
    """What the account must explain before it is submitted: the checks of `ghg.checks` on its
    lines (`current` if already computed) against last year's submitted or approved account
    and against the other partners' figures of the same activities (`peers`)."""
    previous = previous_account(account)
    lines = computed_lines(account) if current is None else current
    return checks.run_checks(
        current=lines,
        previous=computed_lines(previous) if previous is not None else None,
        peers=peers.account_peer_medians(
            account, activities={line.line.activity for line in lines}
        ),
        employees=account.employees,
    )


@dataclass(frozen=True)
class FindingMessage:
    key: str  # code:subject, as the explanation is stored
    message: str  # in the reader's language
    explanation: str  # as stored with the account ("" while it is a draft)
    finding: checks.Finding | None  # None: explained at submission, no longer found


CATEGORY_NAMES = {
    "fuel_mobile": _("fuel for vehicles and machines"),
    "fuel_stationary": _("fuel for heating"),
    "electricity": _("electricity"),
    "district_heating": _("district heating"),
    "business_travel": _("business travel"),
    "waste": _("waste"),
    "water": _("water and wastewater"),
    "materials": _("materials"),
}


@dataclass(frozen=True)
class ResultCharts:
    breakdown: charts.CategoryBreakdown  # by category (and scope), largest first
    methods: charts.HorizontalBarChart  # location-based beside market-based, by scope


def result_charts(result: AccountResult) -> ResultCharts:
    """The charts of the account page, labelled in the reader's language: its location-based
    emissions by category, largest first, and its location- and market-based totals."""
    scopes = {row.computed.category: row.computed.scope for row in result.lines}
    return ResultCharts(
        breakdown=charts.category_breakdown(
            [
                (
                    capfirst(str(CATEGORY_NAMES.get(category, category))),
                    scopes[category],
                    emissions.kgco2e_location,
                )
                for category, emissions in result.by_category.items()
            ]
        ),
        methods=charts.method_chart(
            result.totals,
            labels=[gettext("Scope 1"), gettext("Scope 2"), gettext("Scope 3"), gettext("Total")],
        ),
    )


def account_findings(
    account: ClimateAccount, *, result: AccountResult | None = None
) -> list[FindingMessage]:
    """The account's findings, each with a message in the reader's language and the
    explanation stored at submission; then any stored explanation whose finding is gone (last
    year's account changed since)."""
    current = [line.computed for line in result.lines] if result is not None else None
    return finding_messages(account, account_checks(account, current=current))


def _number(value: float) -> str:
    return formats.number_format(round(value), decimal_pos=0, use_l10n=True, force_grouping=True)


# A quantity far off a reference: (message when larger, message when smaller) by check.
_SCALE_MESSAGES = {
    checks.QUANTITY_SCALE: (
        _(
            "The quantity of %(activity)s is about %(factor)s times last year's. "
            "Check the unit (kWh or MWh, kg or tonnes)."
        ),
        _(
            "The quantity of %(activity)s is about %(factor)s times smaller than last year's. "
            "Check the unit (kWh or MWh, kg or tonnes)."
        ),
    ),
    checks.PEER_SCALE: (
        _(
            "The quantity of %(activity)s is about %(factor)s times the median of comparable "
            "partners. Check the unit (kWh or MWh, kg or tonnes)."
        ),
        _(
            "The quantity of %(activity)s is about %(factor)s times smaller than the median of "
            "comparable partners. Check the unit (kWh or MWh, kg or tonnes)."
        ),
    ),
}


def _finding_message(finding: checks.Finding, activity_names: dict[str, str]) -> str:
    if finding.code == checks.CATEGORY_CHANGE:
        category = str(CATEGORY_NAMES.get(finding.subject, finding.subject))
        percent = finding.change_percent
        if percent is None:
            return gettext(
                "Emissions in the category %(category)s are new this year (none last year)."
            ) % {"category": category}
        return gettext(
            "Emissions in the category %(category)s changed by %(percent)s %% from last year."
        ) % {"category": category, "percent": ("+" if percent > 0 else "") + _number(percent)}
    if finding.code in _SCALE_MESSAGES:
        larger, smaller = _SCALE_MESSAGES[finding.code]
        activity = activity_names.get(finding.subject, finding.subject)
        ratio = finding.ratio or 0.0
        if ratio >= 1:
            return str(larger) % {"activity": activity, "factor": _number(ratio)}
        return str(smaller) % {
            "activity": activity,
            "factor": _number(1 / ratio) if ratio else "–",
        }
    if finding.code == checks.NO_ELECTRICITY:
        return gettext("No electricity is reported.")
    if finding.code == checks.MARKET_BELOW_LOCATION:
        return gettext(
            "Market-based emissions are lower than location-based without guarantees of origin."
        )
    return finding.key


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
    "climate_account.recalculated": _("Recalculated with a newer emission factor set"),
    "climate_account.restated": _("Restated with a newer emission factor set"),
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


@dataclass(frozen=True)
class YearTotals:
    year: int
    account: ClimateAccount
    totals: ScopeTotals
    change_location: Change | None  # of the location-based total against the year before

    @property
    def is_approved(self) -> bool:
        return self.account.status == ClimateAccount.Status.APPROVED


def yearly_totals(organisation: Organisation) -> list[YearTotals]:
    """The totals of all the organisation's accounts (any status), oldest year first, each
    with the change of its location-based total against the year before (None when that
    year has no account or a zero total).

    Two queries however many accounts: the accounts, and their lines in one prefetch.
    """
    accounts = (
        ClimateAccount.objects.filter(organisation=organisation)
        .prefetch_related("lines")
        .order_by("year")
    )
    return year_rows(
        (
            account,
            Calculator(get_factor_set(account.factor_set), year=account.year).totals(
                ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
                for line in account.lines.all()
            ),
        )
        for account in accounts
    )


def year_rows(accounts: Iterable[tuple[ClimateAccount, ScopeTotals]]) -> list[YearTotals]:
    """The rows of a trend from accounts with their totals, oldest year first: each with the
    change of its location-based total against the year before (None when that year is not
    among them or its total is zero). No query."""
    rows: list[YearTotals] = []
    by_year: dict[int, ScopeTotals] = {}
    for account, totals in sorted(accounts, key=lambda pair: pair[0].year):
        earlier = by_year.get(account.year - 1)
        rows.append(
            YearTotals(
                year=account.year,
                account=account,
                totals=totals,
                change_location=change(
                    current_kg=totals.total_location_kg,
                    earlier_kg=earlier.total_location_kg,
                )
                if earlier is not None
                else None,
            )
        )
        by_year[account.year] = totals
    return rows


def finding_messages(
    account: ClimateAccount, findings: list[checks.Finding]
) -> list[FindingMessage]:
    """As `account_findings`, for findings already run."""
    names = _activity_names(get_factor_set(account.factor_set))
    stored: dict[str, str] = account.explanations or {}
    messages = [
        FindingMessage(
            key=finding.key,
            message=_finding_message(finding, names),
            explanation=str(stored.get(finding.key, "")),
            finding=finding,
        )
        for finding in findings
    ]
    found = {finding.key for finding in findings}
    messages += [
        FindingMessage(
            key=key,
            message=gettext("Checked at submission: %(point)s") % {"point": key},
            explanation=str(explanation),
            finding=None,
        )
        for key, explanation in stored.items()
        if key not in found
    ]
    return messages
