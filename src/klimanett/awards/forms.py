"""Forms for the award: parsing only; the rules are in ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from klimanett.awards.models import CRITERIA, MAX_POINTS, MIN_POINTS
from klimanett.core.rendering import StyledFormMixin
from klimanett.partners.models import Organisation


class _OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations by name; the user's own are marked, since nominating them is allowed."""

    def __init__(self, *args: Any, own_ids: set[int] | None = None, **kwargs: Any) -> None:
        self.own_ids = own_ids or set()
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        if obj.pk in self.own_ids:
            return str(_("%(name)s (your own organisation)") % {"name": obj.name})
        return str(obj.name)


class NominationForm(StyledFormMixin, forms.Form):
    nominating_organisation = forms.ModelChoiceField(
        label=_("Nominate on behalf of"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    nominee = _OrganisationChoiceField(
        label=_("The organisation you nominate"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_(
            "Any active member of the network. Nominating your own organisation is "
            "allowed; the jury sees that it is a self-nomination."
        ),
        error_messages={
            "required": _("Choose the organisation you nominate."),
            "invalid_choice": _("Choose an active member of the network from the list."),
        },
    )
    reason = forms.CharField(
        label=_("Why should the organisation win?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Tell the jury about the organisation's direct cuts in emissions, its long-term "
            "transition, and what others can learn from it. At most 3000 characters."
        ),
        error_messages={"required": _("Tell the jury why you nominate the organisation.")},
    )

    def __init__(
        self,
        *args: Any,
        own_organisations: QuerySet[Organisation],
        nominees: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        own_ids = set(own_organisations.values_list("pk", flat=True))
        nominating = self.fields["nominating_organisation"]
        assert isinstance(nominating, forms.ModelChoiceField)
        nominating.queryset = own_organisations
        nominee_field = self.fields["nominee"]
        assert isinstance(nominee_field, _OrganisationChoiceField)
        nominee_field.queryset = nominees
        nominee_field.own_ids = own_ids
        if len(own_ids) == 1:
            self.fields["nominating_organisation"].widget = forms.HiddenInput()
            self.fields["nominating_organisation"].initial = next(iter(own_ids))


_POINT_CHOICES = [(n, str(n)) for n in range(MIN_POINTS, MAX_POINTS + 1)]


class ScoreForm(StyledFormMixin, forms.Form):
    """1 to 5 points on each of the three published criteria, and a comment for the jury."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For the jury and the secretariat; not published."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        points = {
            name: forms.TypedChoiceField(
                label=label,
                help_text=_("%(explanation)s 1 is weak, 5 is outstanding.")
                % {"explanation": explanation},
                choices=_POINT_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Give from 1 to 5 points.")},
            )
            for name, label, explanation in CRITERIA
        }
        self.fields = {**points, "comment": self.fields["comment"]}


class WinnerForm(forms.Form):
    """The secretariat's choice in the back office (Wagtail's own form styles)."""

    winner = forms.ModelChoiceField(
        label=_("Winner"), queryset=Organisation.objects.none(), empty_label=None
    )
    citation = forms.CharField(
        label=_("The jury's citation"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published with the winner on the award page."),
    )

    def __init__(self, *args: Any, nominees: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        winner = self.fields["winner"]
        assert isinstance(winner, forms.ModelChoiceField)
        winner.queryset = nominees
