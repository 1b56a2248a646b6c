from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from klimanett.accounting.ghg import numbers
from klimanett.climateplans import baselines
from klimanett.climateplans.actuals import YearFigures
from klimanett.climateplans.models import YEAR_VALIDATORS, Target
from klimanett.core.rendering import StyledFormMixin

# --- Targets ---------------------------------------------------------------------------------

ONE_DECIMAL = Decimal("0.1")


LARGEST_NUMBER = Decimal("1e15")  # more than any field here holds (14 digits)


def check_size(number: Decimal) -> None:
    """Refuse a number too large for any field (and for Decimal's rounding to work on)."""
    if abs(number) >= LARGEST_NUMBER:
        raise ValidationError(_("The number is too large."), code="too_large")


class PercentField(forms.Field):
    """A percent written the Norwegian way ("42,5") or with a point, with at most one
    decimal; an optional % sign after it is allowed."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip().removesuffix("%").strip()
        if not text:
            return None
        try:
            number = Decimal(str(numbers.parse_number(text)))
        except numbers.InvalidNumber as error:
            raise ValidationError(
                _("Write a number, for example 60 or 42,5."), code="invalid"
            ) from error
        check_size(number)
        if number != number.quantize(ONE_DECIMAL):
            raise ValidationError(
                _("Write the percent with at most one decimal, for example 42,5."),
                code="decimals",
            )
        return number


class TargetForm(StyledFormMixin, forms.ModelForm):
    """A target's terms. The base value is never typed: it is read from the base year's
    account in `clean` (``baselines.validated_base_value``), and each problem is told at its
    field."""

    base_year = forms.TypedChoiceField(
        label=_("Base year"),
        coerce=int,
        help_text=_(
            "The year you measure from. Only years with a submitted or approved climate account "
            "can be chosen: the base value is read from that account."
        ),
        error_messages={
            "invalid_choice": _(
                "There is no submitted or approved climate account for that year. Choose one "
                "of the years listed."
            )
        },
    )
    target_year = forms.IntegerField(
        label=_("Target year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The year the target is to be reached, for example 2030."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    reduction_percent = PercentField(
        label=_("Reduction (%)"),
        required=False,
        help_text=_(
            "For emissions and energy use: how much lower than in the base year, for example 60."
        ),
    )
    target_share_percent = PercentField(
        label=_("Target share of renewable energy (%)"),
        required=False,
        help_text=_("For a renewable share target: the share to reach, for example 90."),
    )

    class Meta:
        model = Target
        fields = [
            "title",
            "kind",
            "metric",
            "scopes",
            "base_year",
            "target_year",
            "reduction_percent",
            "target_share_percent",
            "notes",
            "publish",
        ]
        labels = {
            "publish": _("Show the target on our public profile"),
            "kind": _("What the target is about"),
            "metric": _("Absolute or intensity"),
            "scopes": _("Scopes covered"),
        }
        help_texts = {
            "title": _("A short name, for example «Halve our emissions by 2030»."),
            "metric": _(
                "An intensity target divides by the number of employees, the revenue or the "
                "heated floor area in the climate account of each year."
            ),
            "scopes": _(
                "For emission targets. Scope 1 is your own fuels and vehicles, scope 2 "
                "purchased electricity and heat, scope 3 travel, transport, waste and other "
                "indirect emissions."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "metric": forms.RadioSelect,
            "scopes": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "publish": forms.CheckboxInput,
        }

    def __init__(
        self,
        *args: Any,
        figures: Mapping[int, YearFigures],
        default_base_year: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.figures = figures
        self.base_value: float | None = None
        base_year = self.fields["base_year"]
        assert isinstance(base_year, forms.TypedChoiceField)
        base_year.choices = [
            (year, f"{year} ({year_figures.account.get_status_display().lower()})")
            for year, year_figures in sorted(figures.items(), reverse=True)
        ]
        if not self.instance.pk:
            self.initial.setdefault("base_year", default_base_year)
            self.initial.setdefault("target_year", 2030)

    def clean_reduction_percent(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("reduction_percent")
        if value is not None and value < 0:
            raise ValidationError(
                _("A reduction cannot be negative. Write how much lower, for example 60."),
                code="negative",
            )
        if value is not None and value > 100:
            raise ValidationError(
                _("A reduction cannot be more than %(max)s %%: that would be below zero."),
                code="over_100",
                params={"max": 100},
            )
        return value

    def clean_target_share_percent(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data.get("target_share_percent")
        if value is not None and not 0 <= value <= 100:
            raise ValidationError(
                _("A share is between 0 and %(max)s %%."), code="out_of_range", params={"max": 100}
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        terms = ("kind", "metric", "scopes", "base_year", "target_year")
        values = ("reduction_percent", "target_share_percent")
        # Only terms that are valid one by one are checked together, so that a field never
        # gets two messages for one mistake.
        if any(name not in cleaned for name in terms + values):
            return cleaned
        try:
            self.base_value = baselines.validated_base_value(
                kind=cleaned["kind"],
                metric=cleaned["metric"],
                scopes=cleaned["scopes"],
                base_year=cleaned["base_year"],
                target_year=cleaned["target_year"],
                reduction_percent=cleaned["reduction_percent"],
                target_share_percent=cleaned["target_share_percent"],
                figures=self.figures,
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def terms(self) -> dict[str, Any]:
        """The cleaned terms, as the keyword arguments of ``services.create_target`` and
        ``services.update_target``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
