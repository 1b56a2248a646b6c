"""The target guide's two forms: the target's terms (step 2) and the measures chosen (step 3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from klimanett.climateplans.forms import PercentField
from klimanett.climateplans.models import Target
from klimanett.climateplans.suggestions import Suggestion
from klimanett.core.rendering import StyledFormMixin


class GuideTargetForm(StyledFormMixin, forms.Form):
    scopes = forms.ChoiceField(
        label=_("Which emissions the target covers"),
        choices=Target.Scopes.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Scope 1 is what you burn yourselves (fuel, oil, gas). Scope 2 is the electricity "
            "and district heating you buy. Scope 3 is the rest of your account, such as travel "
            "and waste. Scopes 1 and 2 are what your own measures move most."
        ),
    )
    target_year = forms.IntegerField(
        label=_("Target year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    reduction_percent = PercentField(
        label=_("Cut from the base year (%)"),
        help_text=_("How much lower than in the base year, for example 50."),
    )

    def __init__(self, *args: Any, base_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base_year = base_year

    def clean_target_year(self) -> int:
        year: int = self.cleaned_data["target_year"]
        if year <= self.base_year:
            raise forms.ValidationError(
                _("The target year must come after the base year %(year)s."),
                params={"year": self.base_year},
            )
        return year

    def clean_reduction_percent(self) -> Any:
        percent = self.cleaned_data["reduction_percent"]
        if percent is None:
            raise forms.ValidationError(_("Write how much to cut, for example 50."))
        if not 0 < percent <= 100:
            raise forms.ValidationError(_("A cut is more than 0 and at most 100 %."))
        return percent


class GuideMeasuresForm(forms.Form):
    measures = forms.MultipleChoiceField(
        label=_("Measures for your action plan"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, suggestions: list[Suggestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measures"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(s.key, s.title) for s in suggestions]
