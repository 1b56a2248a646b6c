"""What a target starts from: its base year and the base-year value read from the
organisation's climate accounts (never typed by the user), and the checks that make the terms
of a target hold together. Used by the target form, so that each problem is told at its field,
and by the services, which never save a target that fails them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from klimanett.accounting.models import BaseYear
from klimanett.climateplans.actuals import YearFigures, target_value
from klimanett.climateplans.models import Target

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DENOMINATORS = {
    Target.Metric.PER_EMPLOYEE: _("the number of employees"),
    Target.Metric.PER_MILLION_NOK: _("the revenue"),
    Target.Metric.PER_M2: _("the heated floor area"),
}


def default_base_year(organisation_id: int, figures: Mapping[int, YearFigures]) -> int | None:
    """The base year the organisation chose for its climate accounts, if that year's account is
    submitted or approved; else the year of its first submitted or approved account; None
    without any."""
    chosen = (
        BaseYear.objects.filter(organisation_id=organisation_id)
        .values_list("account__year", flat=True)
        .first()
    )
    if chosen is not None and chosen in figures:
        return chosen
    return min(figures, default=None)


def validated_base_value(
    *,
    kind: str,
    metric: str,
    scopes: str,
    base_year: int,
    target_year: int,
    reduction_percent: Decimal | None,
    target_share_percent: Decimal | None,
    figures: Mapping[int, YearFigures],
    allow_zero_base: bool = False,
) -> float:
    """The base-year value of a target with these terms, from the base year's submitted or
    approved account; a ValidationError by field when the terms do not hold together.

    A cut needs something to cut from, so a base value of zero is refused for emission and
    energy targets unless `allow_zero_base` (the standard commitment: staying fossil-free is a
    commitment too).
    """
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, message: StrOrPromise, code: str, **params: object) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code, params=params))

    if target_year <= base_year:
        refuse(
            "target_year",
            _("The target year must come after the base year (%(year)s)."),
            "target_year_not_after_base_year",
            year=base_year,
        )
    is_share = kind == Target.Kind.RENEWABLE_SHARE
    if is_share:
        if target_share_percent is None:
            refuse(
                "target_share_percent",
                _("Give the share of renewable energy you aim for, in percent."),
                "target_share_missing",
            )
        if metric != Target.Metric.ABSOLUTE:
            refuse(
                "metric",
                _("A renewable share is already a share: choose «Absolute (total)»."),
                "share_with_intensity",
            )
    elif reduction_percent is None:
        refuse(
            "reduction_percent",
            _("Give the reduction you aim for, in percent of the base year."),
            "reduction_missing",
        )
    elif reduction_percent <= 0:
        refuse(
            "reduction_percent",
            _("A reduction target must cut more than 0 %."),
            "reduction_not_positive",
        )

    year_figures = figures.get(base_year)
    if year_figures is None:
        refuse(
            "base_year",
            _(
                "There is no submitted or approved climate account for %(year)s. Choose a year "
                "you have submitted an account for."
            ),
            "no_account_for_base_year",
            year=base_year,
        )
        raise ValidationError(errors)

    value = target_value(kind=kind, metric=metric, scopes=scopes, figures=year_figures)
    if value is None and is_share:
        refuse(
            "kind",
            _(
                "The climate account for %(year)s has no energy use, so there is no renewable "
                "share to start from."
            ),
            "no_energy_use",
            year=base_year,
        )
    elif value is None:
        refuse(
            "metric",
            _(
                "The climate account for %(year)s does not give %(denominator)s. Choose an "
                "absolute target, or a base year whose account gives it."
            ),
            "missing_denominator",
            year=base_year,
            denominator=DENOMINATORS.get(Target.Metric(metric), ""),
        )
    elif not is_share and value <= 0 and not allow_zero_base:
        refuse(
            "scopes" if kind == Target.Kind.EMISSIONS else "kind",
            _(
                "The climate account for %(year)s has nothing to cut from here (the value is 0). "
                "Choose other scopes, another kind of target or another base year."
            ),
            "zero_base_value",
            year=base_year,
        )
    elif (
        is_share
        and value is not None
        and target_share_percent is not None
        and float(target_share_percent) <= value
    ):
        refuse(
            "target_share_percent",
            _("The renewable share was already %(share)s %% in %(year)s. Aim for a higher share."),
            "share_not_higher",
            share=formats.number_format(value, decimal_pos=1),
            year=base_year,
        )
    if errors or value is None:
        raise ValidationError(errors)
    return value
