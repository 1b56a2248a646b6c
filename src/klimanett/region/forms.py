"""The secretariat's upload of the municipal emission statistics."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimanett.region.services import MAX_UPLOAD_BYTES


class EmissionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statistics file (CSV)"),
        help_text=_(
            "Miljødirektoratet's “Utslipp av klimagasser i kommuner” saved as CSV, with the "
            "columns Kommunenummer, År, Sektor, Undersektor and Utslipp. At most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not (upload.name or "").casefold().endswith(".csv"):
            raise forms.ValidationError(_("Choose a CSV file (.csv)."))
        return upload
