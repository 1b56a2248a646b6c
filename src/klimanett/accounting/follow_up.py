"""The secretariat's follow-up of a year's climate accounts: who is late, which submitted
accounts have findings to explain, and which categories each account covers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from klimanett.accounting import peers
from klimanett.accounting.factor_library import get_factor_set, latest_version
from klimanett.accounting.ghg import checks
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.accounting.selectors import FindingMessage, computed_lines, finding_messages
from klimanett.partners.models import Membership, Organisation


def late_partners(year: int) -> QuerySet[Organisation]:
    """Active partners without a submitted or approved climate account for the year."""
    reported = ClimateAccount.objects.filter(
        organisation=OuterRef("pk"),
        year=year,
        status__in=[ClimateAccount.Status.SUBMITTED, ClimateAccount.Status.APPROVED],
    )
    return (
        Organisation.objects.filter(Exists(_active_partnership()))
        .exclude(Exists(reported))
        .select_related("municipality")
    )


def _active_partnership() -> QuerySet[Membership]:
    return Membership.objects.filter(
        organisation=OuterRef("pk"),
        status=Membership.Status.ACTIVE,
        type=Membership.Type.PARTNER,
    )


@dataclass(frozen=True)
class FlaggedAccount:
    account: ClimateAccount
    findings: list[FindingMessage]


def flagged_accounts(year: int) -> list[FlaggedAccount]:
    """The submitted and approved accounts of the year with findings, by organisation, each
    finding with its message in the reader's language and the partner's explanation.

    Three queries however many accounts: the submitted and approved accounts of the year and
    the year before (to compare with, as at submission), all their lines, and the other
    partners' figures of each activity (`peers`); the checks are pure.
    """
    accounts = list(
        ClimateAccount.objects.filter(year__in=(year - 1, year))
        .exclude(status=ClimateAccount.Status.DRAFT)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=AccountLine.objects.only("account_id", "activity", "quantity", "unit"),
            )
        )
    )
    previous = {a.organisation_id: a for a in accounts if a.year == year - 1}
    figures = peers.peer_figures(year=year)
    flagged = []
    for account in accounts:
        if account.year != year:
            continue
        earlier = previous.get(account.organisation_id)
        try:
            findings = checks.run_checks(
                current=computed_lines(account),
                previous=computed_lines(earlier) if earlier is not None else None,
                peers=peers.peer_medians(
                    figures, organisation_id=account.organisation_id, employees=account.employees
                ),
                employees=account.employees,
            )
        except (LookupError, ValueError):
            messages = [
                FindingMessage(
                    key="calculation",
                    message=gettext(
                        "The account cannot be calculated with its emission factor set."
                    ),
                    explanation="",
                    finding=None,
                )
            ]
        else:
            messages = finding_messages(account, findings)
        if messages:
            flagged.append(FlaggedAccount(account=account, findings=messages))
    return flagged


def account_categories(factor_set: str | None = None) -> list[tuple[int, str]]:
    """The (scope, category) pairs of a factor set (the default set if None), scope by scope."""
    factors = get_factor_set(factor_set or latest_version())
    return sorted({(factor.scope, factor.category) for factor in factors.factors})


@dataclass(frozen=True)
class CompletenessRow:
    organisation: Organisation
    account: ClimateAccount | None  # the account of the year, in any status
    covered: frozenset[str]  # the categories with at least one line


def completeness(year: int) -> list[CompletenessRow]:
    """Which categories each organisation's account of the year covers: every active partner,
    and any other organisation with an account of the year, by name.

    Three queries however many organisations: the organisations, their accounts of the year,
    and those accounts' lines.
    """
    accounts = ClimateAccount.objects.filter(year=year).prefetch_related(
        Prefetch("lines", queryset=AccountLine.objects.only("account_id", "activity"))
    )
    has_account = ClimateAccount.objects.filter(organisation=OuterRef("pk"), year=year)
    organisations = (
        Organisation.objects.filter(Q(Exists(_active_partnership())) | Q(Exists(has_account)))
        .prefetch_related(
            Prefetch("climate_accounts", queryset=accounts, to_attr="accounts_of_year")
        )
        .order_by("name", "pk")
    )
    rows = []
    for organisation in organisations:
        found: list[ClimateAccount] = organisation.accounts_of_year
        account = found[0] if found else None
        covered: frozenset[str] = frozenset()
        if account is not None:
            category_of = _activity_categories(account.factor_set)
            covered = frozenset(
                category_of[line.activity]
                for line in account.lines.all()
                if line.activity in category_of
            )
        rows.append(CompletenessRow(organisation=organisation, account=account, covered=covered))
    return rows


def _activity_categories(factor_set: str) -> dict[str, str]:
    try:
        factors = get_factor_set(factor_set).factors
    except LookupError:
        return {}
    return {factor.activity: factor.category for factor in factors}
