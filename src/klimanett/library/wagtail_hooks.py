"""The knowledge library in the Wagtail admin: one "Knowledge library" menu group, for the
secretariat alone. Further library viewsets join the group by being added to ``items``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from klimanett.events.viewsets import SecretariatPolicy
from klimanett.library.feed_admin import DeadLinksViewSet, FeedViewSet, ReviewQueueViewSet
from klimanett.library.models import Feed, Resource, Sector
from klimanett.library.resource_admin import ResourceViewSet, SectorViewSet, SuggestionViewSet

# Before the viewsets ask for a policy: the secretariat alone manages the library.
for model in (Resource, Sector, Feed):
    register_permission_policy(model, SecretariatPolicy(model))


class LibraryViewSetGroup(ViewSetGroup):
    menu_label = _("Knowledge library")
    menu_icon = "folder-open-inverse"
    menu_order = 160
    items = (
        ResourceViewSet,
        SuggestionViewSet,
        ReviewQueueViewSet,
        FeedViewSet,
        DeadLinksViewSet,
        SectorViewSet,
    )


@hooks.register("register_admin_viewset")
def register_library_viewsets() -> LibraryViewSetGroup:
    return LibraryViewSetGroup()
