"""An organisation's own climate accounts: list and start them, read one with its computed
results, replace its activity lines, submit it.

Every endpoint is scoped with ``own_organisations``: with a token, the organisations its owner
is a contact person of (never the secretariat's wider reach); another organisation's account
is a 404, never a 403. Emissions are in **kg CO2e** (floats, as the engine computes them; the
web page rounds them for display), each total both location- and market-based (they differ in
scope 2 only).

The writes go through the same services as the web pages (``accounting.services``), so they
are checked, transactional and audited the same way: lines are checked as the web import
checks them (``accounting.imports``) and replaced all or nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from klimanett.accounting import imports, selectors, services
from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.forms import EXPLANATION_MAX_LENGTH
from klimanett.accounting.ghg.calculate import Calculator, FactorUsed, ScopeTotals, scope_totals
from klimanett.accounting.models import ClimateAccount
from klimanett.api.conventions import Pages, Rows
from klimanett.api.schemas import Error
from klimanett.api.tokens import OWN_DATA_AUTH, get_own
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners.models import Organisation

router = Router(tags=["climate accounts"], auth=OWN_DATA_AUTH)

NOTE_MAX_LENGTH = 1000  # AccountLine.note


# --- Schemas ---------------------------------------------------------------------------------


class Totals(Schema):
    """kg CO2e by scope; scope 2 and the totals both location- and market-based."""

    scope1_kg: float
    scope2_location_kg: float
    scope2_market_kg: float
    scope3_kg: float
    total_location_kg: float
    total_market_kg: float
    biogenic_kgco2: float = Field(description="Biogenic CO2, reported outside the scopes.")


class AccountSummary(Schema):
    id: int
    organisation_id: int
    year: int
    status: str
    factor_set: str
    editable: bool = Field(description="Lines can be replaced (a draft, or one sent back).")
    submitted_at: str | None
    totals: Totals


class Factor(Schema):
    key: str
    value: float = Field(description="kg CO2e per unit")
    unit: str
    year: int
    set_version: str
    quality: str
    source_title: str
    source_url: str


class LineOut(Schema):
    id: int
    activity: str
    name: str
    quantity: str
    unit: str
    note: str
    scope: int
    category: str
    kgco2e_location: float
    kgco2e_market: float
    location_factor: Factor
    market_factor: Factor


class Check(Schema):
    key: str = Field(description="Explain it under this key when you submit.")
    message: str
    explanation: str


class AccountOut(AccountSummary):
    lines: list[LineOut]
    checks: list[Check] = Field(
        description="Points the secretariat asks you to explain before you submit."
    )


class StartIn(Schema):
    year: int
    copy_last_year: bool = False


class LineIn(Schema):
    activity: str = ""
    quantity: float | str | None = Field(
        None, description='A number, or text such as "1 234,5" as in the import files.'
    )
    unit: str = ""
    note: str = ""


Explanation = Annotated[str, StringConstraints(max_length=EXPLANATION_MAX_LENGTH)]


class SubmitIn(Schema):
    explanations: dict[str, Explanation] = Field(
        default_factory=dict, description="An explanation for each check's key."
    )


# --- Helpers ---------------------------------------------------------------------------------


def _totals(totals: ScopeTotals) -> Totals:
    return Totals(
        scope1_kg=totals.scope1_kg,
        scope2_location_kg=totals.scope2_location_kg,
        scope2_market_kg=totals.scope2_market_kg,
        scope3_kg=totals.scope3_kg,
        total_location_kg=totals.total_location_kg,
        total_market_kg=totals.total_market_kg,
        biogenic_kgco2=totals.biogenic_kgco2,
    )


def _summary_fields(account: ClimateAccount, totals: ScopeTotals) -> dict[str, Any]:
    return {
        "id": account.pk,
        "organisation_id": account.organisation_id,
        "year": account.year,
        "status": account.status,
        "factor_set": account.factor_set,
        "editable": account.is_editable,
        "submitted_at": account.submitted_at.isoformat() if account.submitted_at else None,
        "totals": _totals(totals),
    }


def _summary(account: ClimateAccount) -> AccountSummary:
    return AccountSummary(
        **_summary_fields(account, scope_totals(selectors.computed_lines(account)))
    )


def _factor(factor: FactorUsed) -> Factor:
    return Factor(
        key=factor.key,
        value=factor.value,
        unit=factor.unit,
        year=factor.year,
        set_version=factor.set_version,
        quality=factor.quality,
        source_title=factor.source_title,
        source_url=factor.source_url,
    )


def _account_out(account: ClimateAccount) -> AccountOut:
    """The account as the web page and the PDF show it (``selectors.account_result``)."""
    result = selectors.account_result(account)
    findings = selectors.account_findings(account, result=result)
    return AccountOut(
        **_summary_fields(account, result.totals),
        lines=[
            LineOut(
                id=row.line.pk,
                activity=row.line.activity,
                name=row.name,
                quantity=format(row.line.quantity.normalize(), "f"),
                unit=row.line.unit,
                note=row.line.note,
                scope=row.computed.scope,
                category=row.computed.category,
                kgco2e_location=row.computed.kgco2e_location,
                kgco2e_market=row.computed.kgco2e_market,
                location_factor=_factor(row.computed.location_factor),
                market_factor=_factor(row.computed.market_factor),
            )
            for row in result.lines
        ],
        checks=[
            Check(key=f.key, message=f.message, explanation=f.explanation)
            for f in findings
            if f.finding is not None
        ],
    )


def _own_organisation(request: HttpRequest, pk: int) -> Organisation:
    return get_own(request, Organisation.objects.all(), pk, via="pk")


def _own_account(request: HttpRequest, pk: int) -> ClimateAccount:
    accounts = ClimateAccount.objects.select_related("organisation")
    return get_own(request, accounts, pk, via="organisation")


def _locked() -> Status:
    return Status(
        409,
        Error(detail=_("The account is submitted and can no longer be changed.")),
    )


def _quantity_text(value: float | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return format(Decimal(repr(value)), "f")


def _checked_rows(
    account: ClimateAccount, lines: list[LineIn]
) -> tuple[list[imports.RowResult], dict[str, list[str]]]:
    """The lines as import rows, checked as the web import checks them; and the errors by
    ``<index>.<field>`` (index from 0, in the order sent)."""
    rows = []
    for index, line in enumerate(lines):
        rows.append(
            imports.make_row(
                row_number=index,
                activity=line.activity.strip(),
                quantity_text=_quantity_text(line.quantity),
                unit=line.unit.strip(),
                note=line.note.strip(),
            )
        )
    calculator = Calculator(get_factor_set(account.factor_set), year=account.year)
    imports.check_rows(rows, calculator)
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        for field, message in row.errors.items():
            errors.setdefault(f"{index}.{field}", []).append(message)
        if len(row.note) > NOTE_MAX_LENGTH:
            errors.setdefault(f"{index}.note", []).append(
                _("The note is longer than %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
            )
    return rows, errors


# --- Endpoints -------------------------------------------------------------------------------


@router.get(
    "/organisations/{pk}/accounts",
    response={200: list[AccountSummary], 401: Error, 404: Error},
    summary="Your organisation's climate accounts",
    description=(
        "Newest year first, each with its totals in kg CO2e by scope (location- and "
        "market-based). 404 unless the organisation is one of yours."
    ),
)
@paginate(Pages)
def list_accounts(request: AuthenticatedHttpRequest, pk: int) -> Any:
    organisation = _own_organisation(request, pk)
    # Summaries made for the page only, its lines read in one query (not one per account).
    return Rows(selectors.accounts_of(organisation).prefetch_related("lines"), _summary)


@router.post(
    "/organisations/{pk}/accounts",
    response={201: AccountSummary, 401: Error, 404: Error, 422: Error},
    summary="Start a climate account for a year",
    description=(
        "A new draft for `year`, calculated with the newest emission factor set; with "
        "`copy_last_year` it starts with the lines of the latest earlier account. The year "
        "must be one the partner area offers (the last seven years and this year) without an "
        "account: a year that has one gives 422."
    ),
)
def start_account(request: AuthenticatedHttpRequest, pk: int, payload: StartIn) -> Status:
    organisation = _own_organisation(request, pk)
    if ClimateAccount.objects.filter(organisation=organisation, year=payload.year).exists():
        return _year_refused(
            _("The organisation already has a climate account for %(year)s.")
            % {"year": payload.year}
        )
    years = selectors.years_to_start(organisation, this_year=timezone.localdate().year)
    if payload.year not in years:
        return _year_refused(
            _("An account can be started for these years: %(years)s.")
            % {"years": ", ".join(str(year) for year in sorted(years))}
        )
    try:
        started = services.start_account(
            organisation=organisation,
            year=payload.year,
            copy_last_year=payload.copy_last_year,
            by=request.user,
        )
    except DjangoValidationError:  # started in the meantime
        return _year_refused(
            _("The organisation already has a climate account for %(year)s.")
            % {"year": payload.year}
        )
    return Status(201, _summary(started.account))


def _year_refused(message: str) -> Status:
    return Status(422, Error(detail=_("No account was started."), errors={"year": [message]}))


@router.get(
    "/accounts/{pk}",
    response={200: AccountOut, 401: Error, 404: Error},
    summary="One of your climate accounts, with its results",
    description=(
        "The account's lines, each with its emissions (kg CO2e) and the factors and sources "
        "used, the totals by scope (location- and market-based), and the checks to explain "
        "before submitting: the figures of the account page and its PDF."
    ),
)
def get_account(request: AuthenticatedHttpRequest, pk: int) -> Status:
    return Status(200, _account_out(_own_account(request, pk)))


@router.put(
    "/accounts/{pk}/lines",
    response={200: AccountOut, 401: Error, 404: Error, 409: Error, 422: Error},
    summary="Replace the account's activity lines",
    description=(
        "Send the full list of lines, `[{activity, quantity, unit, note}]`, with the activity "
        "keys and units of the account's factor set (as in the import template). All lines "
        "are checked first: if any is refused, the answer is 422 with the errors keyed "
        '"<index>.<field>" (index from 0) and nothing is changed. An empty list removes all '
        "lines. A submitted or approved account cannot be changed (409). Audited as an "
        "import that replaces the lines."
    ),
)
def replace_lines(request: AuthenticatedHttpRequest, pk: int, lines: list[LineIn]) -> Status:
    account = _own_account(request, pk)
    if not account.is_editable:
        return _locked()
    if len(lines) > imports.MAX_ROWS:
        return Status(
            422,
            Error(
                detail=_("Nothing was saved. Send at most %(count)s lines.")
                % {"count": imports.MAX_ROWS}
            ),
        )
    rows, errors = _checked_rows(account, lines)
    if errors:
        return Status(
            422,
            Error(
                detail=_("Nothing was saved. Correct the lines named in errors."),
                errors=errors,
            ),
        )
    try:
        services.import_lines(account=account, rows=rows, replace=True, by=request.user)
    except services.AccountLocked:
        return _locked()
    account.refresh_from_db()
    return Status(200, _account_out(account))


@router.post(
    "/accounts/{pk}/submit",
    response={200: AccountOut, 401: Error, 404: Error, 409: Error, 422: Error},
    summary="Submit the account to the secretariat",
    description=(
        'The body is `{"explanations": {"<key>": "<text>"}}` (`{}` when there is nothing to '
        "explain). Each of the account's `checks` needs an explanation under its key in "
        "`explanations`; the missing ones give 422, keyed `explanations.<key>`. An account "
        "without lines gives 422, one already submitted 409."
    ),
)
def submit_account(request: AuthenticatedHttpRequest, pk: int, payload: SubmitIn) -> Status:
    account = _own_account(request, pk)
    if not account.is_editable:
        return Status(409, Error(detail=_("The account is already submitted.")))
    if not account.lines.exists():
        return Status(
            422,
            Error(
                detail=_("The account was not submitted."),
                errors={"lines": [_("Add at least one activity before you submit.")]},
            ),
        )
    explanations = {key: value.strip() for key, value in payload.explanations.items()}
    try:
        services.submit_account(account=account, by=request.user, explanations=explanations)
    except services.WrongStatus:
        return Status(409, Error(detail=_("The account is already submitted.")))
    except services.ExplanationRequired as refused:
        messages = {f.key: f.message for f in selectors.account_findings(account)}
        return Status(
            422,
            Error(
                detail=_("The account was not submitted. Explain each point named in errors."),
                errors={f"explanations.{key}": [messages.get(key, key)] for key in refused.missing},
            ),
        )
    account.refresh_from_db()
    return Status(200, _account_out(account))
