"""Forms of the action plan: a measure, a status report, the plan's settings, and the share a
template replaces. Numbers may be written the Norwegian way ("1 234,5"); each bad value gets
its own message at its field."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from klimanett.accounting.factor_library import get_factor_set, latest_version
from klimanett.accounting.ghg import numbers
from klimanett.climateplans.forms import check_size
from klimanett.climateplans.models import ActionPlan, Measure, StatusReport
from klimanett.climateplans.suggestions import activity_names
from klimanett.core.rendering import StyledFormMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MEASURE_FORM_FIELDS = [
    "title",
    "description",
    "category",
    "activity_keys",
    "expected_reduction_t",
    "expected_energy_kwh",
    "investment_nok",
    "lifetime_years",
    "yearly_cost_nok",
    "start_year",
    "status",
    "responsible",
]


class NumberField(forms.Field):
    """A number written the Norwegian way ("1 234,5") or with a point, as a Decimal rounded to
    `decimals` (or refused with `decimals_message` when it has more); below `minimum` it is
    refused with `below_message`."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(
        self,
        *,
        decimals: int,
        minimum: Decimal | None = None,
        below_message: StrOrPromise = "",
        decimals_message: StrOrPromise = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.decimals = decimals
        self.minimum = minimum
        self.below_message = below_message
        self.decimals_message = decimals_message

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return _plain(Decimal(str(value)))
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = Decimal(repr(numbers.parse_number(text)))
        except numbers.InvalidNumber as error:
            raise ValidationError(
                _("Write a number, for example 1 234,5."), code="invalid"
            ) from error
        check_size(number)
        step = Decimal(1).scaleb(-self.decimals)
        rounded = number.quantize(step, rounding=ROUND_HALF_UP)
        if self.decimals_message and rounded != number:
            raise ValidationError(self.decimals_message, code="decimals")
        if self.minimum is not None and rounded < self.minimum:
            raise ValidationError(self.below_message, code="below_minimum")
        return rounded


def _plain(value: Decimal) -> str:
    """A stored number as the form shows it back: without trailing zeros or grouping, with
    the reader's decimal sign (7,86 in bokmål)."""
    return formats.number_format(Decimal(format(value.normalize(), "f")), use_l10n=True)


class MeasureForm(StyledFormMixin, forms.ModelForm):
    expected_reduction_t = NumberField(
        label=_("Expected yearly reduction (t CO2e)"),
        decimals=3,
        minimum=Decimal(0),
        below_message=_(
            "The expected reduction cannot be below 0. Write 0 if you do not know it yet."
        ),
        help_text=_("Tonnes of CO2e a year once the measure is in place, for example 7,86."),
    )
    expected_energy_kwh = NumberField(
        label=_("Expected yearly energy saving (kWh)"),
        decimals=0,
        minimum=Decimal(0),
        below_message=_("The energy saving cannot be below 0."),
        required=False,
        help_text=_("Where the measure saves energy. Leave it empty if it does not."),
    )
    investment_nok = NumberField(
        label=_("Investment (NOK)"),
        decimals=0,
        minimum=Decimal(0),
        below_message=_(
            "The investment cannot be negative. Write 0 if there is none, and write a saving "
            "as a negative yearly cost."
        ),
        decimals_message=_("Write whole kroner."),
        help_text=_("The one-off cost. Write 0 if there is none."),
    )
    yearly_cost_nok = NumberField(
        label=_("Yearly cost or saving (NOK)"),
        decimals=0,
        decimals_message=_("Write whole kroner."),
        help_text=_(
            "Running cost each year; write a saving with a minus sign, for example -12 000."
        ),
    )
    start_year = forms.IntegerField(
        label=_("Start year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": _("Write a start year between 2000 and 2100."),
            "max_value": _("Write a start year between 2000 and 2100."),
            "invalid": _("Write a start year between 2000 and 2100."),
        },
    )
    lifetime_years = forms.IntegerField(
        label=_("Lifetime (years)"),
        initial=10,
        min_value=1,
        max_value=60,
        error_messages={
            "min_value": _("The lifetime is between 1 and 60 years."),
            "max_value": _("The lifetime is between 1 and 60 years."),
        },
        help_text=_("Over how many years the investment is spread in the cost per tonne."),
    )
    activity_keys = forms.MultipleChoiceField(
        label=_("Activities of the climate account it acts on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Used to compare the expected effect with the accounts of the years after the measure."
        ),
    )

    class Meta:
        model = Measure
        fields = MEASURE_FORM_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = activity_names(get_factor_set(latest_version()))
        chosen = list(self.initial.get("activity_keys") or [])
        for key in chosen:
            names.setdefault(key, key)
        keys_field = self.fields["activity_keys"]
        assert isinstance(keys_field, forms.MultipleChoiceField)
        keys_field.choices = sorted(names.items(), key=lambda item: str(item[1]).lower())

    def values(self) -> dict[str, Any]:
        """The cleaned values by the measure's field names (``services.add_measure``)."""
        return {name: self.cleaned_data[name] for name in MEASURE_FORM_FIELDS}


class StatusReportForm(StyledFormMixin, forms.ModelForm):
    reported_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write a date, for example 30.04.2026.")},
    )

    class Meta:
        model = StatusReport
        fields = ["reported_on", "status", "progress"]
        widgets = {"progress": forms.Textarea(attrs={"rows": 4})}
        labels = {"status": _("Status now")}

    def clean_reported_on(self) -> datetime.date:
        reported_on: datetime.date = self.cleaned_data["reported_on"]
        if reported_on > timezone.localdate():
            raise ValidationError(_("A status report cannot be dated in the future."))
        if reported_on.year < 2000:
            raise ValidationError(_("Write a date from 2000 on."))
        return reported_on


class PlanSettingsForm(StyledFormMixin, forms.ModelForm):
    reference_growth_percent = NumberField(
        label=_("Yearly change without new measures (%)"),
        decimals=1,
        decimals_message=_("Write the percent with at most one decimal, for example 1,5."),
        help_text=ActionPlan._meta.get_field("reference_growth_percent").help_text,
    )

    class Meta:
        model = ActionPlan
        fields = ["report_cadence", "reference_growth_percent", "publish_done_measures"]
        widgets = {"report_cadence": forms.RadioSelect}
        labels = {"publish_done_measures": _("Show the done measures on our public profile")}
        help_texts = {
            "report_cadence": _(
                "Once a year: a status report on each measure by 31 December. Three times a "
                "year: by 30 April, 31 August and 31 December."
            )
        }

    def clean_reference_growth_percent(self) -> Decimal:
        value: Decimal = self.cleaned_data["reference_growth_percent"]
        if not Decimal(-20) <= value <= Decimal(20):
            raise ValidationError(_("Write a yearly change between -20 and 20 %."))
        return value


class TemplateShareForm(forms.Form):
    """The share of the activities a template replaces, in percent."""

    share = forms.IntegerField(
        min_value=1,
        max_value=100,
        error_messages={
            "min_value": _("Write a share from 1 to 100 per cent."),
            "max_value": _("Write a share from 1 to 100 per cent."),
            "invalid": _("Write a share from 1 to 100 per cent."),
        },
        widget=forms.NumberInput(attrs={"class": "ds-input", "min": 1, "max": 100}),
    )

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["share"].label = label
