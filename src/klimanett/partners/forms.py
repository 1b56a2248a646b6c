from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin
from klimanett.partners.models import Certification, Commitment, CommitmentStatus, Organisation


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    """What a contact person may change about their own organisation."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "sector",
            "municipality",
            "employees",
            "website",
            "description",
            "logo",
            "public_profile",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }


class CommitmentStatusForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CommitmentStatus
        fields = ["status", "evidence"]
        widgets = {
            "status": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.fields["status"].label = _("Status")


def commitment_forms(
    rows: list[tuple[Commitment, CommitmentStatus | None]], data: Any = None
) -> list[CommitmentStatusForm]:
    """One form for each commitment, prefixed by its code so that they post side by side."""
    return [
        CommitmentStatusForm(data, instance=status, commitment=commitment, prefix=commitment.code)
        for commitment, status in rows
    ]


class CertificationForm(StyledFormMixin, forms.ModelForm):
    """An environmental certificate the organisation holds, or one it plans to get."""

    class Meta:
        model = Certification
        fields = ["scheme", "other_scheme", "status", "valid_until", "planned_by"]
        widgets = {
            "status": forms.RadioSelect,
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "other_scheme": _("Only when you choose “Other”."),
            "valid_until": _("The expiry date on the certificate."),
            "planned_by": _("For a planned certification: when you expect to be certified."),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
