"""The calendar filter: type, theme and audience as GET parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from klimanett.core.rendering import StyledFormMixin
from klimanett.events.models import Event, EventQuerySet, Theme


class EventFilterForm(StyledFormMixin, forms.Form):
    type = forms.ChoiceField(
        label=_("Type of event"),
        required=False,
        choices=[("", _("All types")), *Event.Type.choices],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("All audiences")), *Event.Audience.choices],
    )

    def _valid_data(self) -> dict[str, Any]:
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def apply(self, events: EventQuerySet) -> EventQuerySet:
        """The events that match the valid fields; an invalid value filters nothing."""
        data = self._valid_data()
        if data.get("type"):
            events = events.filter(type=data["type"])
        if data.get("theme"):
            events = events.filter(themes=data["theme"])
        if data.get("audience"):
            events = events.filter(audience=data["audience"])
        return events

    def querystring(self) -> str:
        """The valid filters as a query string (without ``?``), for links that keep them."""
        data = self._valid_data()
        params = {name: data[name] for name in ("type", "audience") if data.get(name)}
        if data.get("theme"):
            params["theme"] = data["theme"].slug
        return urlencode(params)
