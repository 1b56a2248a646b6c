"""The registration form: parsing only; the rules are in ``services.register``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin


class RegistrationForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and a link to cancel here."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        max_length=300,
        required=False,
        help_text=_("For example allergies, vegetarian or vegan food."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=300,
        required=False,
        help_text=_("For example step-free access, hearing loop or interpretation."),
    )
    consent = forms.BooleanField(
        label=_("I consent to the privacy terms for registrations"),
        required=True,
        help_text=_(
            "We use your details only to run this event: the participant list, name badges "
            "and messages about the event. They are anonymised some months after the event."
        ),
        error_messages={"required": _("You must consent to the privacy terms to register.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()
