"""Forms render as Designsystemet fields: one field template for the whole site."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


class StyledFormMixin(forms.BaseForm):
    """Give every text-like widget Designsystemet's input class.

    Put it before the form class: ``class MyForm(StyledFormMixin, forms.Form)``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")
