"""Read-side: what other partners report of each activity, for the peers' check at submission
(`ghg.checks.peer_scales`).

An organisation's figure for an activity is its quantity in the factor's unit, summed over the
lines of its latest submitted or approved account with that activity among the year compared
and the `PEER_YEARS - 1` years before. Earlier years count because few partners have submitted
the year itself early in the reporting season, and a quantity changes far less from one year to
the next than the 500 times the check looks for.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Sum

from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.ghg import checks
from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.models import AccountLine, ClimateAccount

PEER_YEARS = 3


@dataclass(frozen=True, slots=True)
class Figure:
    year: int
    quantity: float  # in the factor's unit
    employees: int | None  # of the account the figure is from


# (activity, factor unit) → organisation id → its figure
PeerFigures = dict[tuple[str, str], dict[int, Figure]]


def peer_figures(*, year: int, activities: Collection[str] | None = None) -> PeerFigures:
    """Every organisation's figure of each activity (of `activities` only, if given) for
    comparison with an account of `year`. One aggregate query, however many accounts."""
    rows = (
        AccountLine.objects.filter(account__year__range=(year - PEER_YEARS + 1, year))
        .exclude(account__status=ClimateAccount.Status.DRAFT)
        .values_list(
            "account__organisation_id",
            "account__year",
            "account__employees",
            "account__factor_set",
            "activity",
            "unit",
        )
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    if activities is not None:
        rows = rows.filter(activity__in=activities)
    calculators: dict[tuple[str, int], Calculator] = {}
    figures: PeerFigures = {}
    for organisation_id, account_year, employees, factor_set, activity, unit, total in rows:
        try:
            calculator = calculators.get((factor_set, account_year))
            if calculator is None:
                calculator = calculators[(factor_set, account_year)] = Calculator(
                    get_factor_set(factor_set), year=account_year
                )
            resolved = calculator.resolve(activity, unit=unit)
        except (LookupError, ValueError):
            continue  # a line the engine cannot compute has no figure to compare
        quantity = float(total) * resolved.factor_units_per_unit
        by_organisation = figures.setdefault((activity, resolved.location_factor.unit), {})
        known = by_organisation.get(organisation_id)
        if known is None or known.year < account_year:
            by_organisation[organisation_id] = Figure(account_year, quantity, employees)
        elif known.year == account_year:  # the same activity entered in another unit
            by_organisation[organisation_id] = Figure(
                account_year, known.quantity + quantity, employees
            )
    return figures


def peer_medians(
    figures: PeerFigures, *, organisation_id: int, employees: int | None
) -> dict[tuple[str, str], checks.PeerMedian]:
    """The median of each activity's figures of the organisations other than
    `organisation_id`: per employee, among those that give theirs, when `employees` is given
    (and not zero); of the plain quantities otherwise. Figures of zero are left out."""
    medians = {}
    for key, by_organisation in figures.items():
        values = [
            value
            for organisation, figure in by_organisation.items()
            if organisation != organisation_id
            and (value := _comparable(figure, per_employee=bool(employees))) is not None
        ]
        if values:
            medians[key] = checks.PeerMedian(median=statistics.median(values), peers=len(values))
    return medians


def _comparable(figure: Figure, *, per_employee: bool) -> float | None:
    """The figure per employee or plain; None for a zero quantity, or per employee when its
    account gives no employees."""
    if figure.quantity <= 0:
        return None
    if not per_employee:
        return figure.quantity
    return figure.quantity / figure.employees if figure.employees else None


def account_peer_medians(
    account: ClimateAccount, *, activities: Collection[str]
) -> dict[tuple[str, str], checks.PeerMedian]:
    """The peers' medians of the account's activities, for its year (no query without any)."""
    if not activities:
        return {}
    return peer_medians(
        peer_figures(year=account.year, activities=activities),
        organisation_id=account.organisation_id,
        employees=account.employees,
    )
