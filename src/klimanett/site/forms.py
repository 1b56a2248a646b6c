from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from klimanett.climateplans.models import Measure
from klimanett.core.rendering import StyledFormMixin
from klimanett.library.models import Resource
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import Organisation, OrganisationKind, Sector


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


class MeasureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.organisation.name}: {obj.title}"


class ExamplePageForm(WagtailAdminPageForm):
    """The good-example editor offers only what is public: partners in the directory, the done
    measures of plans whose partner publishes them and published library resources (and what
    the page already has), so editors and writers never see an organisation's private plans or
    unpublished suggestions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        page = self.instance
        linked = [organisation.pk for organisation in page.organisations.all()] if page.pk else []
        organisations = self.fields["organisations"]
        assert isinstance(organisations, forms.ModelMultipleChoiceField)
        organisations.queryset = Organisation.objects.filter(
            Q(pk__in=Organisation.objects.in_directory().values("pk")) | Q(pk__in=linked)
        ).order_by("name")
        resources = self.fields["resources"]
        assert isinstance(resources, forms.ModelMultipleChoiceField)
        linked_resources = [resource.pk for resource in page.resources.all()] if page.pk else []
        resources.queryset = Resource.objects.filter(
            Q(status=Resource.Status.PUBLISHED) | Q(pk__in=linked_resources)
        ).order_by("title")
        measure = self.fields["measure"]
        self.fields["measure"] = MeasureChoiceField(
            queryset=Measure.objects.filter(
                Q(
                    status=Measure.Status.DONE,
                    plan__publish_done_measures=True,
                    plan__organisation__in=Organisation.objects.in_directory(),
                )
                | Q(pk=page.measure_id)
            )
            .select_related("plan__organisation")
            .order_by("plan__organisation__name", "title"),
            required=False,
            label=measure.label,
            help_text=measure.help_text,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        measure = cleaned.get("measure")
        organisations = cleaned.get("organisations")
        if (
            measure is not None
            and organisations is not None
            and measure.plan.organisation not in list(organisations)
        ):
            self.add_error("measure", _("Choose a measure of one of the organisations involved."))
        return cleaned
