from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin
from klimanett.partners.models import Commitment, CommitmentStatus, Organisation


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
