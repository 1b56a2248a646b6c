"""The secretariat's pages for an event in the Wagtail admin: the participant list with its
exports, name badges as PDF, check-in on the day, a message to everyone registered, and the
attendance per organisation over a year. For the secretariat alone (403 for anyone else)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from klimanett.core.roles import SecretariatOnlyMixin, is_secretariat
from klimanett.events import participants as service
from klimanett.events.attendance import (
    attendance_by_organisation,
    unmatched_attendance,
    year_bounds,
)
from klimanett.events.models import Event, Registration
from klimanett.partners.models import Organisation


class SecretariatEventView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    """A page about one event (`pk` in the URL), for the secretariat."""

    event: Event
    header_icon = "date"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_secretariat(request.user):
            raise PermissionDenied
        self.event = get_object_or_404(Event, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.event.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("event_admin:index"), "label": gettext("Events")},
            {"url": reverse("event_admin:edit", args=[self.event.pk]), "label": self.event.title},
            {"url": "", "label": self.get_page_title()},
        ]


# --- The participant list --------------------------------------------------------------------


class ParticipantListView(SecretariatEventView):
    page_title = _("Participants")
    template_name = "events/admin/participants.html"

    @property
    def header_buttons(self) -> list[HeaderButton]:
        pk = self.event.pk
        return [
            HeaderButton(
                gettext("Check-in"), url=reverse("event_check_in", args=[pk]), icon_name="tick"
            ),
            HeaderButton(
                gettext("Message to the registered"),
                url=reverse("event_message", args=[pk]),
                icon_name="mail",
            ),
            HeaderButton(
                gettext("Name badges (PDF)"),
                url=reverse("event_badges", args=[pk]),
                icon_name="doc-full",
            ),
            HeaderButton(
                gettext("Download CSV"),
                url=reverse("event_participants_export", args=[pk, "csv"]),
                icon_name="download",
            ),
            HeaderButton(
                gettext("Download XLSX"),
                url=reverse("event_participants_export", args=[pk, "xlsx"]),
                icon_name="download",
            ),
        ]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        registrations = list(service.participants(self.event))
        groups = [
            (
                Registration.Status.CONFIRMED,
                gettext("Confirmed"),
                [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            ),
            (
                Registration.Status.WAITING,
                gettext("On the waiting list, in order"),
                [r for r in registrations if r.status == Registration.Status.WAITING],
            ),
            (
                Registration.Status.CANCELLED,
                gettext("Cancelled"),
                [r for r in registrations if r.status == Registration.Status.CANCELLED],
            ),
        ]
        return self.render_to_response(
            self.get_context_data(
                event=self.event, groups=groups, counts=service.check_in_counts(self.event)
            )
        )


_EXPORTS = {
    "csv": (service.participants_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        service.participants_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data
    return response


def participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=pk)
    if fmt not in _EXPORTS:
        raise Http404
    build, content_type = _EXPORTS[fmt]
    return _attachment(build(event), content_type, f"deltakere-{event.slug}.{fmt}")


def badges(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=pk)
    return _attachment(service.badges_pdf(event), "application/pdf", f"navneskilt-{event.slug}.pdf")


# --- Check-in on the day ---------------------------------------------------------------------


class CheckInView(SecretariatEventView):
    """The confirmed participants with a big button each; search by name or organisation.
    Every button posts and comes back to the same search, at the same person."""

    page_title = _("Check-in")
    header_icon = "tick"
    template_name = "events/admin/check_in.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        query = request.GET.get("q", "")[:100]
        return self.render_to_response(
            self.get_context_data(
                event=self.event,
                query=query,
                registrations=service.search_confirmed(self.event, query),
                counts=service.check_in_counts(self.event),
            )
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = get_object_or_404(
            Registration, pk=request.POST.get("registration") or 0, event=self.event
        )
        user: Any = request.user
        if request.POST.get("action") == "undo":
            service.undo_check_in(registration=registration, by=user)
            messages.success(
                request, gettext("%(name)s is no longer checked in.") % {"name": registration.name}
            )
        else:
            try:
                service.check_in(registration=registration, by=user)
            except service.NotConfirmed:
                messages.error(
                    request,
                    gettext("%(name)s has no confirmed place and cannot be checked in.")
                    % {"name": registration.name},
                )
            else:
                messages.success(
                    request, gettext("%(name)s is checked in.") % {"name": registration.name}
                )
        url = reverse("event_check_in", args=[self.event.pk])
        query = request.POST.get("q", "")[:100]
        if query:
            url += "?" + urlencode({"q": query})
        return HttpResponseRedirect(f"{url}#registration-{registration.pk}")


# --- A message to everyone registered --------------------------------------------------------


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Sent as plain text, in one e-mail to each participant."),
    )
    include_waiting = forms.BooleanField(
        label=_("Also to those on the waiting list"), required=False
    )


class MessageView(SecretariatEventView):
    """Write the message, see how many will get it, then send."""

    page_title = _("Message to the registered")
    header_icon = "mail"
    template_name = "events/admin/message.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(MessageForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = MessageForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        data = form.cleaned_data
        if "edit" in request.POST:
            return self._render(form)
        if "confirm" not in request.POST:
            count = service.message_recipients(
                self.event, include_waiting=data["include_waiting"]
            ).count()
            return self._render(form, confirming=True, count=count)
        user: Any = request.user
        sent = service.send_message(
            event=self.event,
            subject=data["subject"],
            text=data["text"],
            include_waiting=data["include_waiting"],
            by=user,
        )
        messages.success(
            request,
            ngettext(
                "The message was e-mailed to %(count)s participant.",
                "The message was e-mailed to %(count)s participants.",
                sent,
            )
            % {"count": sent},
        )
        return HttpResponseRedirect(reverse("event_participants", args=[self.event.pk]))

    def _render(self, form: MessageForm, **context: Any) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(event=self.event, form=form, **context)
        )


# --- Attendance per organisation -------------------------------------------------------------


def _year_from(value: str | None) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(value or "")
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


class AttendanceView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, View):
    page_title = _("Attendance per organisation")
    header_icon = "table"
    template_name = "events/admin/attendance.html"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("event_admin:index"), "label": gettext("Events")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request: HttpRequest) -> HttpResponse:
        year = _year_from(request.GET.get("year"))
        start, end = year_bounds(year)
        counts = attendance_by_organisation(year)
        organisations = sorted(
            Organisation.objects.filter(pk__in=counts),
            key=lambda o: (-counts[o.pk], o.name.casefold()),
        )
        this_year = timezone.localdate().year
        return self.render_to_response(
            self.get_context_data(
                year=year,
                years=list(range(this_year + 1, this_year - 6, -1)),
                rows=[(organisation, counts[organisation.pk]) for organisation in organisations],
                unmatched=unmatched_attendance(year),
                events=Event.objects.filter(
                    starts_at__gte=start,
                    starts_at__lt=end,
                    registrations__status=Registration.Status.CONFIRMED,
                    registrations__checked_in_at__isnull=False,
                )
                .distinct()
                .count(),
            )
        )


def event_admin_urls() -> list[URLPattern]:
    return [
        path("arrangementer/oppmote/", AttendanceView.as_view(), name="events_attendance"),
        path(
            "arrangementer/<int:pk>/deltakere/",
            ParticipantListView.as_view(),
            name="event_participants",
        ),
        path(
            "arrangementer/<int:pk>/deltakere.<str:fmt>",
            participants_export,
            name="event_participants_export",
        ),
        path("arrangementer/<int:pk>/navneskilt.pdf", badges, name="event_badges"),
        path("arrangementer/<int:pk>/innsjekk/", CheckInView.as_view(), name="event_check_in"),
        path("arrangementer/<int:pk>/melding/", MessageView.as_view(), name="event_message"),
    ]
