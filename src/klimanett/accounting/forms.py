from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimanett.accounting import imports
from klimanett.accounting.factor_library import get_factor_set
from klimanett.accounting.ghg import numbers
from klimanett.accounting.ghg.calculate import Calculator
from klimanett.accounting.ghg.factors import FactorSet, UnknownActivity
from klimanett.accounting.ghg.units import UnitError, unit_symbols
from klimanett.accounting.models import AccountLine, ClimateAccount, ImportedFactorSet
from klimanett.core.rendering import StyledFormMixin

SCOPE_LABELS = {
    1: _("Scope 1: direct emissions (fuels, own vehicles)"),
    2: _("Scope 2: purchased electricity and heat"),
    3: _("Scope 3: travel, transport, waste and other indirect emissions"),
}


def activity_choices(factor_set: FactorSet) -> list[tuple[str, list[tuple[str, str]]]]:
    """The set's activities grouped by scope, named in the reader's language."""
    english = (get_language() or "nb").startswith("en")
    names: dict[int, dict[str, str]] = {}
    for factor in factor_set.factors:
        names.setdefault(factor.scope, {})[factor.activity] = (
            factor.name_en if english else factor.name_nb
        )
    return [
        (str(SCOPE_LABELS[scope]), sorted(activities.items(), key=lambda item: item[1]))
        for scope, activities in sorted(names.items())
    ]


class NorwegianDecimalField(forms.Field):
    """A non-negative quantity written the Norwegian way ("1 234,5") or with a point."""

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            number = numbers.parse_number(text)
        except numbers.InvalidNumber as error:
            raise forms.ValidationError(
                _("Write a number, for example 1 234,5."), code="invalid"
            ) from error
        if number < 0:
            raise forms.ValidationError(_("The quantity cannot be negative."), code="negative")
        return Decimal(str(number))


class AccountLineForm(StyledFormMixin, forms.ModelForm):
    quantity = NorwegianDecimalField(label=_("Quantity"))

    class Meta:
        model = AccountLine
        fields = ["activity", "quantity", "unit", "note"]
        widgets = {"note": forms.TextInput()}

    def __init__(self, *args: Any, calculator: Calculator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calculator = calculator
        self.fields["activity"] = forms.ChoiceField(
            label=_("Activity"), choices=[("", "–"), *activity_choices(calculator.factor_set)]
        )
        self.fields["unit"] = forms.ChoiceField(
            label=_("Unit"), choices=[("", "–"), *[(u, u) for u in unit_symbols()]]
        )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        activity, unit = cleaned.get("activity"), cleaned.get("unit")
        if activity and unit:
            try:
                self.calculator.resolve(activity, unit=unit)
            except (UnitError, UnknownActivity):
                self.add_error(
                    "unit",
                    forms.ValidationError(
                        _("%(unit)s cannot be used for this activity. Choose another unit."),
                        code="incompatible_unit",
                        params={"unit": unit},
                    ),
                )
        return cleaned


class AccountDetailsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ClimateAccount
        fields = ["employees", "revenue_nok", "heated_area_m2", "publish"]


LineFormSet = inlineformset_factory(
    ClimateAccount, AccountLine, form=AccountLineForm, extra=3, can_delete=True
)


def line_formset(account: ClimateAccount, data: Any = None) -> Any:
    calculator = Calculator(get_factor_set(account.factor_set), year=account.year)
    return LineFormSet(
        data, instance=account, prefix="lines", form_kwargs={"calculator": calculator}
    )


class StartAccountForm(StyledFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    copy_last_year = forms.BooleanField(
        label=_("Start from last year's lines"), required=False, initial=True
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(year, year) for year in years]


EXPLANATION_FIELD_PREFIX = "explanation-"
EXPLANATION_MAX_LENGTH = 2000


def explanations_from(data: Mapping[str, str]) -> dict[str, str]:
    """The explanations posted with a submission (fields ``explanation-<code>:<subject>``), by
    the finding's key, trimmed and cut at the textarea's limit."""
    return {
        name.removeprefix(EXPLANATION_FIELD_PREFIX): value.strip()[:EXPLANATION_MAX_LENGTH]
        for name, value in data.items()
        if name.startswith(EXPLANATION_FIELD_PREFIX)
    }


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel)"),
        help_text=_(
            "The first row names the columns activity, quantity, unit and optionally note."
            " At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    replace = forms.BooleanField(label=_("Replace the existing lines"), required=False)


class BaseYearForm(StyledFormMixin, forms.Form):
    year = forms.TypedChoiceField(
        label=_("Base year"),
        coerce=int,
        help_text=_(
            "The year you measure your progress from: a year whose account is submitted or "
            "approved."
        ),
        error_messages={
            "invalid_choice": _(
                "There is no submitted or approved climate account for that year. Choose one of "
                "the years whose account is submitted or approved."
            )
        },
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(year, year) for year in years]


class FactorSetImportForm(forms.Form):
    """The secretariat's import of a new factor set: the upload, then the confirmation of the
    checked file, whose text travels in `factors_csv`."""

    version = forms.CharField(
        label=_("Version"),
        max_length=40,
        validators=ImportedFactorSet._meta.get_field("version").validators,
        help_text=_("A new name, for example NO-2026.1."),
    )
    succeeds = forms.ChoiceField(
        label=_("Succeeds"), help_text=_("The set this one replaces for new accounts.")
    )
    notes = forms.CharField(
        label=_("What changed"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=_("Factors (CSV)"),
        required=False,
        help_text=_(
            "A CSV file (UTF-8) with the columns of the existing sets: download one from the "
            "list of sets and change it. At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
    factors_csv = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)

    def __init__(self, *args: Any, versions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        succeeds = self.fields["succeeds"]
        assert isinstance(succeeds, forms.ChoiceField)
        succeeds.choices = [(versions[-1], versions[-1])]  # only the newest is succeeded

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload:
            try:
                cleaned["factors_csv"] = imports.csv_text(
                    imports.read_upload(
                        upload, extensions=(".csv",), wrong_type=str(_("Choose a CSV file (.csv)."))
                    )
                )
            except imports.ImportFileError as error:
                self.add_error("file", str(error))
        elif not cleaned.get("factors_csv"):
            self.add_error("file", _("Choose the CSV file of the new set."))
        return cleaned
