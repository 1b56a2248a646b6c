"""Writes to climate accounts: transactional, audited, and only in the states that allow them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from klimanett.accounting import selectors
from klimanett.accounting.factor_library import latest_version
from klimanett.accounting.forms import AccountDetailsForm
from klimanett.accounting.imports import RowResult
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.models import Organisation


class AccountLocked(Exception):
    """The account is not a draft, so its lines and figures cannot change."""


class WrongStatus(Exception):
    """The step does not fit the account's status."""


@transaction.atomic
def start_account(
    *, organisation: Organisation, year: int, copy_last_year: bool, by: User
) -> ClimateAccount:
    """A new draft for the year, calculated with the newest factor set; optionally with the
    lines of the latest earlier account."""
    account = ClimateAccount(organisation=organisation, year=year, factor_set=latest_version())
    account.full_clean()
    account.save()
    copied = 0
    if copy_last_year:
        previous = (
            ClimateAccount.objects.filter(organisation=organisation, year__lt=year)
            .order_by("-year")
            .first()
        )
        if previous is not None:
            lines = [
                AccountLine(
                    account=account,
                    activity=line.activity,
                    quantity=line.quantity,
                    unit=line.unit,
                    note=line.note,
                    order=line.order,
                )
                for line in previous.lines.all()
            ]
            AccountLine.objects.bulk_create(lines)
            copied = len(lines)
            account.employees = previous.employees
            account.heated_area_m2 = previous.heated_area_m2
            account.save(update_fields=["employees", "heated_area_m2"])
    audit.record(account, "climate_account.created", by=by, data={"copied_lines": copied})
    return account


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
