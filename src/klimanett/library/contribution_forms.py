"""The form a partner's contact person suggests a resource with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin
from klimanett.events.models import Theme
from klimanett.library.models import Resource
from klimanett.library.validators import resource_max_bytes

ACCEPTED_FILES = (
    ".pdf,.docx,.xlsx,.pptx,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
    "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)


class SuggestionForm(StyledFormMixin, forms.ModelForm):
    """Title, a link or a file, the facts, themes and why it is useful. The file is checked by
    the model's validator (type, content and size) before anything is saved."""

    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("The address where the resource can be read."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "url",
            "file",
            "publisher",
            "year",
            "language",
            "kind",
            "audience",
            "themes",
            "summary",
        ]
        labels = {
            "title": _("Title"),
            "file": _("Or upload a file"),
            "publisher": _("Publisher"),
            "year": _("Year"),
            "language": _("Language"),
            "kind": _("Type"),
            "audience": _("Suits"),
            "summary": _("Why is it useful?"),
        }
        help_texts = {
            "summary": _(
                "What it is and why other partners would find it useful. The secretariat may "
                "edit the text before it is published."
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "file": forms.FileInput(attrs={"accept": ACCEPTED_FILES}),  # new: nothing to clear
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx), at most %(limit)s MB. "
            "Give a link or a file."
        ) % {"limit": resource_max_bytes() // (1024 * 1024)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("url") and not data.get("file") and "file" not in self.errors:
            self.add_error("url", gettext("Give a link or upload a file."))
        return data

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        # The model's "link or file" constraint repeats what ``clean`` or the file check said.
        if self.has_error("url") or self.has_error("file"):
            errors = self.errors.get(NON_FIELD_ERRORS)
            if errors is not None:
                repeated = gettext("Give a link or upload a file.")
                kept = [str(e) for e in errors if str(e) != repeated]
                if kept:
                    self.errors[NON_FIELD_ERRORS] = self.error_class(
                        kept, error_class="nonfield", renderer=self.renderer
                    )
                else:
                    del self.errors[NON_FIELD_ERRORS]
