from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin


class SubscribeForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={"invalid": _("Enter a valid e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    @staticmethod
    def invalid_message() -> str:
        return gettext("Enter a valid e-mail address.")
