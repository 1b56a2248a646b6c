"""The secretariat's summary of event feedback in the Wagtail admin: every past event with its
number of answers and average, and per event the distribution and the comments (without
names)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from klimanett.core.roles import SecretariatOnlyMixin
from klimanett.events.feedback import events_with_feedback_figures, feedback_summary
from klimanett.events.models import Event


class FeedbackListView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    page_title = _("Event feedback")
    header_icon = "comment"
    template_name = "events/admin/feedback_list.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_to_response(self.get_context_data(events=events_with_feedback_figures()))


class FeedbackSummaryView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    header_icon = "comment"
    template_name = "events/admin/feedback_summary.html"

    def get_page_title(self) -> str:
        return str(_("Feedback: %(event)s") % {"event": self.event.title})

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("event_feedback_list"), "label": _("Event feedback")},
            {"url": "", "label": self.event.title},
        ]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.event = get_object_or_404(Event, pk=pk)
        return self.render_to_response(self.get_context_data(summary=feedback_summary(self.event)))


def feedback_urls() -> list[URLPattern]:
    return [
        path(
            "arrangement-tilbakemeldinger/",
            FeedbackListView.as_view(),
            name="event_feedback_list",
        ),
        path(
            "arrangement-tilbakemeldinger/<int:pk>/",
            FeedbackSummaryView.as_view(),
            name="event_feedback_summary",
        ),
    ]
