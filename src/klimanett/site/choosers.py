"""Choosers in the page editor for things that are not pages: events and partners."""

from __future__ import annotations

from django.db.models import QuerySet
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

    def get_object_list(self) -> QuerySet[Event]:
        """Published events only: drafts stay with the secretariat."""
        return Event.objects.published().order_by("-starts_at")


class OrganisationChooserViewSet(ChooserViewSet):
    model = Organisation
    icon = "group"
    choose_one_text = _("Choose a partner")
    choose_another_text = _("Choose another partner")
    edit_item_text = _("Edit this partner")

    def get_object_list(self) -> QuerySet[Organisation]:
        """Partners in the public directory only: editors never list the others."""
        # By primary key: the search backend filters only on indexed fields of the model.
        public = Organisation.objects.in_directory().values("pk")
        return Organisation.objects.filter(pk__in=public).order_by("name")


event_chooser_viewset = EventChooserViewSet("event_chooser")
organisation_chooser_viewset = OrganisationChooserViewSet("organisation_chooser")

EventChooserBlock = event_chooser_viewset.get_block_class(
    name="EventChooserBlock", module_path="klimanett.site.choosers"
)
OrganisationChooserBlock = organisation_chooser_viewset.get_block_class(
    name="OrganisationChooserBlock", module_path="klimanett.site.choosers"
)
