"""Choosers in the page editor for things that are not pages: events and partners."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from klimanett.events.models import Event
from klimanett.partners.models import Organisation


class EventChooserViewSet(ChooserViewSet):
    model = Event
    icon = "date"
    choose_one_text = _("Choose an event")
    choose_another_text = _("Choose another event")
    edit_item_text = _("Edit this event")


class OrganisationChooserViewSet(ChooserViewSet):
    model = Organisation
    icon = "group"
    choose_one_text = _("Choose a partner")
    choose_another_text = _("Choose another partner")
    edit_item_text = _("Edit this partner")


event_chooser_viewset = EventChooserViewSet("event_chooser")
organisation_chooser_viewset = OrganisationChooserViewSet("organisation_chooser")

EventChooserBlock = event_chooser_viewset.get_block_class(
    name="EventChooserBlock", module_path="klimanett.site.choosers"
)
OrganisationChooserBlock = organisation_chooser_viewset.get_block_class(
    name="OrganisationChooserBlock", module_path="klimanett.site.choosers"
)
