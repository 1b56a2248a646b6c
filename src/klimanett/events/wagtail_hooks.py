"""The events app's part of the Wagtail admin."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from klimanett.core.roles import is_secretariat
from klimanett.events.admin_views import event_admin_urls
from klimanett.events.feedback_admin import feedback_urls
from klimanett.events.models import Event, Theme
from klimanett.events.viewsets import EventsViewSetGroup, SecretariatPolicy

# Before the viewsets ask for a policy: the secretariat alone manages events and themes.
register_permission_policy(Event, SecretariatPolicy(Event))
register_permission_policy(Theme, SecretariatPolicy(Theme))


class SecretariatOnlyMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return is_secretariat(request.user)


# Feedback after events (item 6 of issue 5).
@hooks.register("register_admin_urls")
def register_event_feedback() -> list[URLPattern]:
    return feedback_urls()


@hooks.register("register_admin_menu_item")
def register_event_feedback_menu_item() -> MenuItem:
    return SecretariatOnlyMenuItem(
        _("Event feedback"), reverse("event_feedback_list"), icon_name="comment", order=182
    )


# The secretariat's events, participants, check-in and attendance (item 5 of issue 5).
@hooks.register("register_admin_viewset")
def register_event_viewsets() -> EventsViewSetGroup:
    return EventsViewSetGroup()


@hooks.register("register_admin_urls")
def register_event_admin_urls() -> list[URLPattern]:
    return event_admin_urls()


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item() -> MenuItem:
    return SecretariatOnlyMenuItem(
        _("Attendance at events"), reverse("events_attendance"), icon_name="table", order=181
    )
