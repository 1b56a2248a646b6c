"""Writes to climate accounts: transactional, audited, and only in the states that allow them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from klimanett.accounting import factor_library, restatement, selectors
from klimanett.accounting.forms import AccountDetailsForm
from klimanett.accounting.ghg.units import UnitError
from klimanett.accounting.imports import RowResult
from klimanett.accounting.models import AccountLine, BaseYear, ClimateAccount
from klimanett.core import audit
from klimanett.core.models import User
from klimanett.core.roles import is_secretariat
from klimanett.partners.models import Organisation


class AccountLocked(Exception):
    """The account is not a draft, so its lines and figures cannot change."""


class WrongStatus(Exception):
    """The step does not fit the account's status."""


@dataclass(frozen=True)
class StartedAccount:
    account: ClimateAccount
    # Last year's activities the newest factor set cannot calculate, left out of the copy.
    skipped_activities: list[str]


@transaction.atomic
def start_account(
    *, organisation: Organisation, year: int, copy_last_year: bool, by: User
) -> StartedAccount:
    """A new draft for the year, calculated with the newest factor set; optionally with the
    lines of the latest earlier account that the set can calculate."""
    account = ClimateAccount(
        organisation=organisation, year=year, factor_set=factor_library.latest_version()
    )
    account.full_clean()
    account.save()
    copied: list[AccountLine] = []
    skipped: list[str] = []
    if copy_last_year:
        previous = (
            ClimateAccount.objects.filter(organisation=organisation, year__lt=year)
            .order_by("-year")
            .first()
        )
        if previous is not None:
            calculator = factor_library.calculator(account.factor_set, year)
            for line in previous.lines.all():
                try:
                    calculator.resolve(line.activity, unit=line.unit)
                except (LookupError, UnitError):
                    skipped.append(line.activity)
                    continue
                copied.append(
                    AccountLine(
                        account=account,
                        activity=line.activity,
                        quantity=line.quantity,
                        unit=line.unit,
                        note=line.note,
                        order=line.order,
                    )
                )
            AccountLine.objects.bulk_create(copied)
            account.employees = previous.employees
            account.heated_area_m2 = previous.heated_area_m2
            account.save(update_fields=["employees", "heated_area_m2"])
    audit.record(
        account,
        "climate_account.created",
        by=by,
        data={"copied_lines": len(copied), "skipped_activities": skipped},
    )
    return StartedAccount(account=account, skipped_activities=sorted(set(skipped)))


@transaction.atomic
def save_account(*, details: AccountDetailsForm, lines: Any, by: User) -> ClimateAccount:
    """Save the account's figures and lines from valid forms; all or nothing."""
    account: ClimateAccount = details.instance
    if not account.is_editable:
        raise AccountLocked
    details.save()
    lines.save()
    audit.record(
        account,
        "climate_account.updated",
        by=by,
        data={
            "changed": audit.changed_values(details, account),
            "lines": account.lines.count(),
        },
    )
    return account


class ExplanationRequired(Exception):
    """Some findings of the checks have no explanation; `missing` holds their keys."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"explanation required for {', '.join(missing)}")
        self.missing = missing


@transaction.atomic
def submit_account(
    *, account: ClimateAccount, by: User, explanations: dict[str, str]
) -> ClimateAccount:
    """Submit a draft to the secretariat. Each finding of the checks needs a non-blank
    explanation in `explanations` (by the finding's key, ``code:subject``); the explanations of
    the findings are stored with the account and in the audit entry."""
    if account.status != ClimateAccount.Status.DRAFT:
        raise WrongStatus
    keys = [finding.key for finding in selectors.account_checks(account)]
    given = {key: explanations.get(key, "").strip() for key in keys}
    missing = [key for key, text in given.items() if not text]
    if missing:
        raise ExplanationRequired(missing)
    account.status = ClimateAccount.Status.SUBMITTED
    account.submitted_at = timezone.now()
    account.submitted_by = by
    account.explanations = given
    account.full_clean()
    account.save()
    audit.record(account, "climate_account.submitted", by=by, data={"explanations": given})
    return account


@transaction.atomic
def approve_account(*, account: ClimateAccount, by: User) -> ClimateAccount:
    if account.status != ClimateAccount.Status.SUBMITTED:
        raise WrongStatus
    account.status = ClimateAccount.Status.APPROVED
    account.approved_at = timezone.now()
    account.approved_by = by
    account.save()
    audit.record(account, "climate_account.approved", by=by)
    return account


@transaction.atomic
def return_account(*, account: ClimateAccount, reason: str, by: User) -> ClimateAccount:
    """Send a submitted or approved account back to draft, with the reason."""
    if account.status == ClimateAccount.Status.DRAFT:
        raise WrongStatus
    account.status = ClimateAccount.Status.DRAFT
    account.submitted_at = None
    account.approved_at = None
    account.approved_by = None
    account.save()
    audit.record(account, "climate_account.returned", by=by, data={"reason": reason})
    return account


@transaction.atomic
def import_lines(
    *, account: ClimateAccount, rows: list[RowResult], replace: bool, by: User
) -> list[AccountLine]:
    """Add the checked, accepted `rows` to a draft account as lines, after its existing lines
    or instead of them when `replace`; all or nothing."""
    account = ClimateAccount.objects.select_for_update().get(pk=account.pk)
    if not account.is_editable:
        raise AccountLocked
    quantities = [row.quantity for row in rows]
    if any(not row.accepted for row in rows) or None in quantities:
        raise ValueError("only accepted rows can be imported")
    removed = 0
    if replace:
        removed, _ = account.lines.all().delete()
    start = (account.lines.aggregate(Max("order"))["order__max"] or 0) + 1
    lines = [
        AccountLine(
            account=account,
            activity=row.activity,
            quantity=quantity,
            unit=row.unit,
            note=row.note,
            order=start + i,
        )
        for i, (row, quantity) in enumerate(zip(rows, quantities, strict=True))
        if quantity is not None
    ]
    for line in lines:
        line.full_clean(exclude=["account"])
    AccountLine.objects.bulk_create(lines)
    audit.record(
        account,
        "climate_account.imported",
        by=by,
        data={"imported_lines": len(lines), "replaced_lines": removed, "replace": replace},
    )
    return lines


# --- Recalculation with a newer factor set and the base year ---------------------------------
#
# Any user who may change the organisation's accounts (its contacts and the secretariat) may
# recalculate an account with a newer set, whatever its status: the activity data stay as they
# are, and the GHG Protocol asks for past years and the base year to be restated with better
# factors. Published figures change only with the secretariat's approval, though: an approved
# account restated by the partner goes back to the secretariat as submitted (its publication
# waits for the new approval); restated by the secretariat it stays approved. The audit entry
# keeps the old and the new set and totals: a draft is "recalculated", a submitted or approved
# account "restated".


class NoAccountForYear(Exception):
    """The organisation has no climate account for the year."""


def _switch_factor_set(
    *, account: ClimateAccount, version: str, by: User, together: bool = False
) -> None:
    """Calculate the locked account with `version` from now on (`NotNewerVersion`,
    `CannotRecalculate`), audited with the old and new totals."""
    recalculated = restatement.recalculation(account, version)
    status_before = account.status
    account.factor_set = version
    if account.status == ClimateAccount.Status.APPROVED and not is_secretariat(by):
        account.status = ClimateAccount.Status.SUBMITTED
        account.approved_at = None
        account.approved_by = None
    account.full_clean()
    account.save(update_fields=["factor_set", "status", "approved_at", "approved_by", "updated_at"])
    action = (
        "climate_account.recalculated"
        if account.status == ClimateAccount.Status.DRAFT
        else "climate_account.restated"
    )
    audit.record(
        account,
        action,
        by=by,
        data={
            "from": recalculated.old_version,
            "to": version,
            "status": status_before,
            "status_after": account.status,
            "old_totals": restatement.totals_data(recalculated.old_totals),
            "new_totals": restatement.totals_data(recalculated.new_totals),
            "past_years_restated_together": together,
        },
    )


def _record_base_year(*, account: ClimateAccount, by: User, action: str) -> BaseYear:
    """Record the account as its organisation's base year with its lines and set as they are."""
    base_year = BaseYear.objects.filter(organisation_id=account.organisation_id).first()
    if base_year is None:
        base_year = BaseYear(organisation_id=account.organisation_id)
    record = restatement.base_year_record(account)
    base_year.account = account
    base_year.factor_set = account.factor_set
    base_year.positions = record.positions
    base_year.total_location_kg = record.total_location_kg
    base_year.total_market_kg = record.total_market_kg
    base_year.recorded_at = timezone.now()
    base_year.recorded_by = by
    base_year.full_clean()
    base_year.save()
    audit.record(
        account.organisation,
        action,
        by=by,
        data={
            "year": account.year,
            "factor_set": base_year.factor_set,
            "total_location_kg": base_year.total_location_kg,
            "total_market_kg": base_year.total_market_kg,
        },
    )
    return base_year


@transaction.atomic
def choose_base_year(*, organisation: Organisation, year: int, by: User) -> BaseYear:
    """Make the year the organisation's base year, recording its emissions as they are now
    (again if it already is the base year)."""
    account = (
        ClimateAccount.objects.filter(organisation=organisation, year=year)
        .exclude(status=ClimateAccount.Status.DRAFT)
        .first()
    )
    if account is None:  # a draft's figures may still change: not a base to measure from
        raise NoAccountForYear(year)
    return _record_base_year(account=account, by=by, action="base_year.chosen")


@transaction.atomic
def recalculate_account(*, account: ClimateAccount, version: str, by: User) -> ClimateAccount:
    """Calculate the account with the newer set `version` from now on; the base year is
    recorded anew if this is it."""
    account = ClimateAccount.objects.select_for_update().get(pk=account.pk)
    _switch_factor_set(account=account, version=version, by=by)
    if BaseYear.objects.filter(account=account).exists():
        _record_base_year(account=account, by=by, action="base_year.recalculated")
    return account


@dataclass(frozen=True)
class Restated:
    version: str
    accounts: list[ClimateAccount]  # those that changed set
    base_year: BaseYear | None  # recorded anew


@transaction.atomic
def restate_past_years(*, organisation: Organisation, version: str, by: User) -> Restated:
    """Calculate every account of the organisation with `version` and record the base year
    anew with it; all or nothing (`NotNewerVersion` if an account has a newer set or the
    version is unknown, `CannotRecalculate`)."""
    accounts = list(
        ClimateAccount.objects.select_for_update()
        .filter(organisation=organisation)
        .order_by("year")
    )
    if version not in factor_library.factor_set_versions():
        current = accounts[0].factor_set if accounts else factor_library.latest_version()
        raise restatement.NotNewerVersion(version=version, current=current)
    to_restate = [account for account in accounts if account.factor_set != version]
    for account in to_restate:
        restatement.check_newer(current=account.factor_set, version=version)
    for account in to_restate:
        _switch_factor_set(account=account, version=version, by=by, together=True)
    base_year = BaseYear.objects.filter(organisation=organisation).first()
    if base_year is not None:
        account = next(a for a in accounts if a.pk == base_year.account_id)
        base_year = _record_base_year(account=account, by=by, action="base_year.recalculated")
    return Restated(version=version, accounts=to_restate, base_year=base_year)
