from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import OrganisationKind, Sector


class DirectoryFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)  # declared above
        municipality.choices = [
            ("", _("All municipalities")),
            *Municipality.objects.values_list("number", "name"),
        ]

    def cleaned_filters(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "municipality": data["municipality"],
            "sector": data["sector"],
            "kind": data["kind"],
        }


class ExampleFilterForm(StyledFormMixin, forms.Form):
    """Filters of the good examples; the choices are what the live examples have."""

    category = forms.ChoiceField(label=_("Measure category"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(
        self,
        *args: object,
        categories: list[tuple[str, Any]],
        years: list[int],
        organisations: list[tuple[str, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, empty, choices in (
            ("category", _("All categories"), categories),
            ("year", _("All years"), [(str(year), str(year)) for year in years]),
            ("organisation", _("All organisations"), organisations),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # declared above
            field.choices = [("", empty), *choices]
