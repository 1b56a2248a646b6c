from __future__ import annotations

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
